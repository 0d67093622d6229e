import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { engineLinkFor } from '../../src/adapters/engine/engine-link.js';
import { localPathExists } from '../../src/adapters/fs/host-paths.js';
import { SETUP_CODE_PATTERN } from '../../src/features/auth/setup-code.js';

export interface ApiReply<T = unknown> {
  status: number;
  body: T;
}

export type As = 'admin' | 'operator' | 'viewer' | 'anonymous';

/** A running daemon on 127.0.0.1 with an admin and one bearer token per role. */
export interface TestServer {
  runtime: Runtime;
  url: string;
  tokens: Record<Exclude<As, 'anonymous'>, string>;
  api<T = unknown>(method: string, path: string, body?: unknown, as?: As): Promise<ApiReply<T>>;
  ws(path: string, as?: As): Promise<WebSocket>;
  close(): Promise<void>;
}

export const ADMIN = { username: 'admin', password: 'correct horse battery' };

/** The Docker host the integration tests use (the private engine scripts/test.sh starts). */
export function testDockerHost(): string {
  const host = process.env.HM_TEST_DOCKER_HOST;
  if (!host) throw new Error('HM_TEST_DOCKER_HOST is not set: run integration tests through npm test');
  return host;
}

export interface TestServerOptions {
  /** Start on this data dir (a restart): the admin made there before signs in again. */
  dataDir?: string;
  /** Leave the data dir on close, for a restart on it. */
  keepData?: boolean;
}

/** Starts a daemon on a fresh data dir (or `opts.dataDir`); `env` overrides config variables. */
export async function startTestServer(
  env: Record<string, string> = {},
  opts: TestServerOptions = {},
): Promise<TestServer & { dataDir: string }> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hm-data-'));
  const config = loadConfig({
    HM_DATA_DIR: dataDir,
    HM_PORT: '0',
    DOCKER_HOST: testDockerHost(),
    HM_LOG_LEVEL: 'silent',
    ...env,
  });
  // The setup code is read from the daemon's log, as an operator would; the log is shown only if
  // HM_LOG_LEVEL asks for it.
  let setupCode: string | undefined;
  const shown = config.logLevel !== 'silent';
  const logger = createLogger(shown ? config.logLevel : 'warn', {
    write(line: string) {
      setupCode = SETUP_CODE_PATTERN.exec(line)?.[1] ?? setupCode;
      if (shown) process.stdout.write(line);
    },
  });
  const runtime = await createRuntime(
    config,
    logger,
    { linkFor: (h) => engineLinkFor(h, config.dockerTls, logger), pathExists: (_h, p) => localPathExists(p) },
    'test',
  );
  await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  await runtime.start();
  const addr = runtime.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${addr.port}`;
  const tokens = { admin: '', operator: '', viewer: '' };

  const api = async <T>(
    method: string,
    path: string,
    body?: unknown,
    as: As = 'admin',
  ): Promise<ApiReply<T>> => {
    const headers: Record<string, string> = {};
    if (as !== 'anonymous') headers.authorization = `Bearer ${tokens[as]}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };

  if (!opts.dataDir) {
    if (!setupCode) throw new Error('the daemon printed no setup code');
    const setup = await api('POST', '/api/auth/setup', { ...ADMIN, setupCode }, 'anonymous');
    if (setup.status >= 300) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  }
  const login = await fetch(url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  for (const role of ['admin', 'operator', 'viewer'] as const) {
    const res = await fetch(url + '/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: `test-${role}`, role }),
    });
    const created = (await res.json()) as { token: string };
    if (!created.token) throw new Error(`token creation failed: ${JSON.stringify(created)}`);
    tokens[role] = created.token;
  }

  const ws = (path: string, as: As = 'admin') =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(
        url.replace('http', 'ws') + path,
        as === 'anonymous' ? {} : { headers: { authorization: `Bearer ${tokens[as]}` } },
      );
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
    });

  return {
    runtime,
    url,
    dataDir,
    tokens,
    api,
    ws,
    async close() {
      await runtime.stop();
      if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
