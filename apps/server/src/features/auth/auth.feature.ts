import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core.js';
import { proxyTrust } from '../../http/trusted-proxies.js';
import type { Feature } from '../feature.js';
import { installAuthHook } from './auth-hook.js';
import { registerAuthRoutes } from './auth.routes.js';
import { createAuthenticator } from './authenticator.js';
import { LoginLimiter } from './login-limiter.js';
import { argon2Hasher } from './password-hasher.js';
import { SessionStore } from './session-store.js';
import { SetupCode, setupCodeNotice } from './setup-code.js';
import { SetupService } from './setup.service.js';
import { tellOperator } from '../../adapters/console/operator-console.js';
import { createHostMachine } from '../../adapters/host/host-machine.js';
import { SettingsStore } from '../settings/settings-store.js';
import { SignInService } from './sign-in.service.js';
import { ApiTokenStore } from './token-store.js';
import { registerTokenRoutes } from './token.routes.js';
import { UserService } from './user.service.js';
import { registerUserRoutes } from './user.routes.js';

/** One IP may fail this many times more than one username: a household or office shares an address. */
const IP_FAILURE_FACTOR = 4;

/**
 * Authentication for the whole app: sets `request.principal` and enforces every route's
 * `config.access` through a hook on the root instance (so it installs before other features'
 * routes), and adds the auth, token and user routes.
 */
export function createAuthFeature(core: Pick<Core, 'config' | 'db' | 'audit' | 'logger'>): Feature {
  return {
    name: 'auth',
    install: (root) => installAuth(root, core),
  };
}

async function installAuth(
  app: FastifyInstance,
  deps: Pick<Core, 'config' | 'db' | 'audit' | 'logger'>,
): Promise<void> {
  const { config, db, audit, logger } = deps;
  const hasher = argon2Hasher();
  const sessions = new SessionStore(db, config.sessionTtlMs);
  const tokens = new ApiTokenStore(db);
  const users = new UserService(db, hasher, sessions);
  const limiter = new LoginLimiter(db, {
    maxFailures: config.login.maxFailures,
    ipMaxFailures: config.login.maxFailures * IP_FAILURE_FACTOR,
    lockoutMs: config.login.lockoutMs,
  });
  const signIn = new SignInService({ users, sessions, hasher, limiter });
  await signIn.warmUp();
  const setup = new SetupService({
    users,
    sessions,
    limiter,
    code: new SetupCode(),
    // The first-boot wizard's choices are stored with the first admin, in its transaction.
    settings: new SettingsStore(db),
    machine: createHostMachine({ managed: config.manageHost }),
  });
  const code = await setup.issueIfNeeded();
  if (code) {
    // Both: the log may be shipped elsewhere or filtered by level, the console may not be watched.
    logger.warn(setupCodeNotice(code));
    tellOperator(setupCodeNotice(code));
  }

  app.decorateRequest('principal', null);
  installAuthHook(app, {
    authenticator: createAuthenticator({ sessions, tokens }),
    allowedOrigins: config.allowedOrigins,
    trustsPeer: proxyTrust(config.trustProxy),
  });

  await app.register((scoped) => {
    registerAuthRoutes(scoped, { users, sessions, signIn, setup, audit });
    registerTokenRoutes(scoped, { tokens, audit });
    registerUserRoutes(scoped, { users, audit });
    return Promise.resolve();
  });
}
