import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  authStatusReplySchema,
  loginBodySchema,
  loginReplySchema,
  meReplySchema,
  okReplySchema,
  setupBodySchema,
  setupReplySchema,
  type MeReply,
  type SetupRequest,
} from '@harbourmaster/contracts';
import type { AuditActor, AuditLog } from '../audit/audit.service.js';
import { auditActor } from '../audit/audit-actor.js';
import {
  badRequest,
  conflict,
  forbidden,
  HttpError,
  tooManyRequests,
  unauthorized,
} from '../../http/http-errors.js';
import { principalOf } from '../../http/principal.js';
import { tokenNameOf } from './authenticator.js';
import { sessionOf } from './request-session.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import type { NewSession, SessionStore } from './session-store.js';
import type { SetupService } from './setup.service.js';
import type { SignInService } from './sign-in.service.js';
import type { UserService } from './user.service.js';
import { toUser } from './user-row.js';

export interface AuthRoutesDeps {
  users: Pick<UserService, 'count'>;
  sessions: Pick<SessionStore, 'delete'>;
  signIn: Pick<SignInService, 'signIn'>;
  setup: Pick<SetupService, 'setup'>;
  audit: Pick<AuditLog, 'record'>;
}

/** Who tried to sign in: the attempted username, never anything about the password. */
const attempted = (req: FastifyRequest, username: string): AuditActor => ({
  name: username,
  id: null,
  via: 'anonymous',
  ip: req.ip,
});

/** What the wizard chose, for the audit entry: everything but the password, the code and the TLS email. */
function chosen(body: SetupRequest): Record<string, unknown> {
  const { hostname, timezone, appDataRoot, tls } = body;
  return {
    ...(hostname !== undefined && { hostname }),
    ...(timezone !== undefined && { timezone }),
    ...(appDataRoot !== undefined && { appDataRoot }),
    ...(tls !== undefined && {
      tls: { mode: tls.mode, ...(tls.domain !== undefined && { domain: tls.domain }) },
    }),
  };
}

function minutes(ms: number): string {
  const n = Math.max(1, Math.ceil(ms / 60_000));
  return `${n} minute${n === 1 ? '' : 's'}`;
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRoutesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { users, sessions, signIn, setup, audit } = deps;

  /** Hands the browser a new session cookie; signing in again ends the caller's old session. */
  async function replaceSession(
    req: FastifyRequest,
    reply: FastifyReply,
    session: NewSession,
  ): Promise<void> {
    const previous = sessionOf(req);
    if (previous) await sessions.delete(previous.sessionId);
    setSessionCookie(req, reply, session.token, session.expiresAt);
  }

  r.get(
    '/api/auth/status',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether the first admin still has to be created',
        response: { 200: authStatusReplySchema },
      },
    },
    async () => ({ setupRequired: (await users.count()) === 0 }),
  );

  r.post(
    '/api/auth/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          "Create the first admin and sign in as them, storing the first-boot wizard's settings with it: only while no user exists, and only with the one-time setup code from the daemon's log or console",
        body: setupBodySchema,
        response: { 201: setupReplySchema },
      },
    },
    async (req, reply) => {
      const { username } = req.body;
      const actor = attempted(req, username);
      const refuse = async (reason: string, err: HttpError) => {
        await audit.record({
          actor,
          action: 'auth.setup',
          target: username,
          result: 'denied',
          detail: { reason },
        });
        throw err;
      };
      let result;
      try {
        result = await setup.setup(req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      } catch (err) {
        // A username taken in a race with another setup is a refusal; anything else is our fault.
        const outcome = err instanceof HttpError ? 'denied' : 'error';
        await audit.record({ actor, action: 'auth.setup', target: username, result: outcome });
        throw err;
      }
      switch (result.kind) {
        case 'done':
          return refuse('done', conflict('setup is already done; sign in instead'));
        case 'locked':
          reply.header('retry-after', String(Math.ceil(result.retryAfterMs / 1000)));
          return refuse(
            'locked',
            tooManyRequests(`too many wrong setup codes; try again in ${minutes(result.retryAfterMs)}`),
          );
        case 'wrong-code':
          return refuse(
            'wrong setup code',
            new HttpError(
              403,
              'forbidden',
              'wrong setup code: use the code the daemon printed in its log or console when it last started',
              'setupCode',
            ),
          );
        case 'host-not-managed':
          return refuse(
            'hostname not managed',
            badRequest(
              'body.hostname: this daemon does not manage the machine (HM_MANAGE_HOST is false); change the hostname on the machine itself',
              'body.hostname',
            ),
          );
        case 'ok': {
          await replaceSession(req, reply, result.session);
          const { user, host } = result;
          await audit.record({
            actor: { ...actor, id: user.id },
            action: 'auth.setup',
            target: user.username,
            result: 'ok',
            detail: { ...chosen(req.body), host },
          });
          return reply.status(201).send({ csrfToken: result.session.csrfToken, user, host });
        }
      }
    },
  );

  r.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        body: loginBodySchema,
        response: { 200: loginReplySchema },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const result = await signIn.signIn(username, password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      const actor = attempted(req, username);
      switch (result.kind) {
        case 'locked': {
          await audit.record({
            actor,
            action: 'auth.login',
            target: username,
            result: 'denied',
            detail: { reason: 'locked' },
          });
          reply.header('retry-after', String(Math.ceil(result.retryAfterMs / 1000)));
          throw tooManyRequests(`too many failed sign-ins; try again in ${minutes(result.retryAfterMs)}`);
        }
        case 'invalid': {
          await audit.record({
            actor,
            action: 'auth.login',
            target: username,
            result: 'error',
            detail: { reason: 'invalid' },
          });
          throw unauthorized('invalid username or password');
        }
        case 'disabled': {
          await audit.record({
            actor,
            action: 'auth.login',
            target: username,
            result: 'denied',
            detail: { reason: 'disabled' },
          });
          throw forbidden('this account is disabled; ask an admin to enable it');
        }
        case 'ok': {
          await replaceSession(req, reply, result.session);
          const user = result.user;
          await audit.record({
            actor: { name: user.username, id: user.id, via: 'session', ip: req.ip },
            action: 'auth.login',
            target: user.username,
            result: 'ok',
          });
          return { csrfToken: result.session.csrfToken, user };
        }
      }
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { access: 'viewer' },
      schema: { tags: ['auth'], summary: 'End the current session', response: { 200: okReplySchema } },
    },
    async (req, reply) => {
      const session = sessionOf(req);
      // A bearer token has no session to end; deleting the token is how it is revoked.
      if (session) {
        await sessions.delete(session.sessionId);
        clearSessionCookie(req, reply);
        await audit.record({
          actor: auditActor(req),
          action: 'auth.logout',
          target: session.user.username,
          result: 'ok',
        });
      }
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in: the user, role and CSRF token of a session, or the role of a token',
        response: { 200: meReplySchema },
      },
    },
    (req): MeReply => {
      const principal = principalOf(req);
      const session = sessionOf(req);
      if (session)
        return {
          via: 'session',
          role: principal.role,
          user: toUser(session.user),
          csrfToken: session.csrfToken,
        };
      return { via: 'token', role: principal.role, tokenName: tokenNameOf(principal) };
    },
  );
}
