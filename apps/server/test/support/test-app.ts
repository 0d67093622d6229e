import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { Role, User } from '@harbourmaster/contracts';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { App } from '../../src/http/app.js';
import type { Core } from '../../src/core.js';
import { createRuntime, type RuntimeAdapters } from '../../src/runtime.js';
import { SETUP_CODE_PATTERN } from '../../src/features/auth/setup-code.js';

export const TEST_ADMIN = { username: 'admin', password: 'correct horse battery' } as const;

/** A signed-in browser session: send `headers` with a request to act as it. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  user: User;
  /** The cookie and the CSRF header, ready to spread into `inject({ headers })`. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** An app built on a fresh SQLite file in a temp dir, with no engine connected; nothing listens. */
export interface TestApp {
  app: App;
  deps: Core;
  dataDir: string;
  /**
   * Runs the first-admin setup (TEST_ADMIN unless given) with the setup code read from the app's
   * log, as an operator would, and returns the admin's session.
   */
  setupAdmin(credentials?: { username: string; password: string }): Promise<TestSession>;
  /** The setup code the app last printed to its log; throws if it printed none (an admin exists). */
  setupCode(): string;
  /** Signs in; throws with the reply if the sign-in is refused. */
  login(username: string, password: string): Promise<TestSession>;
  /** Creates an API token with the role, as the given admin session; returns its value. */
  createToken(admin: TestSession, role: Role, name?: string): Promise<string>;
  /** Stops this app and starts a new one on the same data dir, as a daemon restart would. */
  reopen(): Promise<TestApp>;
  close(): Promise<void>;
}

const noEngine: RuntimeAdapters = {
  linkFor: (host) => {
    throw new Error(`test app has no engine (asked for host ${host.id}); pass adapters.linkFor`);
  },
  pathExists: () => Promise.resolve(null),
};

/** The `name=value` pair of the session cookie a reply set. */
export function sessionCookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'hm_session');
  if (!cookie) throw new Error(`no session cookie in reply ${res.statusCode}: ${res.body}`);
  return `${cookie.name}=${cookie.value}`;
}

/**
 * Builds the app through `createRuntime` (so it has every dependency the daemon has) on a temp
 * data dir, without starting hosts or jobs: auth, users, audit and anything else that needs no
 * engine can be tested with `app.inject`. `env` overrides config variables.
 * @example
 * const t = await createTestApp({ env: { HM_LOGIN_MAX_FAILURES: '3' } });
 * const admin = await t.setupAdmin();
 * await t.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
 */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  return openTestApp(await mkdtemp(join(tmpdir(), 'hm-test-')), opts);
}

interface TestAppOptions {
  env?: Record<string, string>;
  adapters?: Partial<RuntimeAdapters>;
}

async function openTestApp(dataDir: string, opts: TestAppOptions): Promise<TestApp> {
  const config = loadConfig({ HM_DATA_DIR: dataDir, HM_LOG_LEVEL: 'silent', ...opts.env });
  // The log is read, not shown: the setup code is taken from it the way an operator would.
  let printedCode: string | undefined;
  const log = {
    write(line: string) {
      printedCode = SETUP_CODE_PATTERN.exec(line)?.[1] ?? printedCode;
    },
  };
  const runtime = await createRuntime(
    config,
    createLogger('warn', log),
    { ...noEngine, ...opts.adapters },
    'test',
  );
  const setupCode = () => {
    if (!printedCode) throw new Error('the app printed no setup code: an admin exists already');
    return printedCode;
  };
  const { app } = runtime;

  async function signIn(url: string, credentials: Record<string, string>, expected: number) {
    const res = await app.inject({ method: 'POST', url, payload: credentials });
    if (res.statusCode !== expected) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
    const { csrfToken, user } = res.json<{ csrfToken: string; user: User }>();
    const cookie = sessionCookieOf(res);
    return { cookie, csrfToken, user, headers: { cookie, 'x-csrf-token': csrfToken } };
  }

  return {
    app,
    deps: runtime.deps,
    dataDir,
    setupAdmin: (credentials = TEST_ADMIN) =>
      signIn('/api/auth/setup', { ...credentials, setupCode: setupCode() }, 201),
    setupCode,
    login: (username, password) => signIn('/api/auth/login', { username, password }, 200),
    async createToken(admin, role, name = `test-${role}`) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: admin.headers,
        payload: { name, role },
      });
      if (res.statusCode !== 201) throw new Error(`token creation answered ${res.statusCode}: ${res.body}`);
      return res.json<{ token: string }>().token;
    },
    async reopen() {
      await runtime.stop();
      return openTestApp(dataDir, opts);
    },
    async close() {
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
