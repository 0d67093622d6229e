import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from './docker-fixtures.js';

/** The bundled daemon, as `node scripts/build-server.mjs` writes it. */
export const DAEMON_MAIN = 'apps/server/dist/main.js';

/** A daemon started as its own process, as an operator runs it. */
export interface DaemonProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

/** Starts the built daemon on a loopback port and waits until it says it is up. */
export async function startDaemon(env: Record<string, string>, port: number): Promise<DaemonProcess> {
  const child = spawn(process.execPath, [DAEMON_MAIN], {
    env: { ...process.env, HM_HOST: '127.0.0.1', HM_PORT: String(port), HM_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const d: DaemonProcess = { child, url: `http://127.0.0.1:${port}`, exited, output: () => output };
  try {
    await eventually(() => Promise.resolve(output.includes('Harbourmaster is up')), 20_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`the daemon did not come up: ${output.slice(-2000)}`, { cause: err });
  }
  return d;
}

/**
 * Creates the first admin on a fresh daemon (with the setup code it printed, when it prints one)
 * and returns an admin API token, which stays valid across restarts on the same data dir.
 */
export async function firstAdminToken(d: DaemonProcess): Promise<string> {
  const setupCode = /Setup code: ([0-9A-Z-]+)/.exec(d.output())?.[1];
  const json = { 'content-type': 'application/json' };
  const setup = await fetch(`${d.url}/api/auth/setup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      username: 'admin',
      password: 'correct horse battery',
      ...(setupCode ? { setupCode } : {}),
    }),
  });
  if (setup.status >= 300) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const cookie = setup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await setup.json()) as { csrfToken: string };
  const res = await fetch(`${d.url}/api/tokens`, {
    method: 'POST',
    headers: { ...json, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'daemon-test', role: 'admin' }),
  });
  const { token } = (await res.json()) as { token?: string };
  if (!token) throw new Error(`token creation answered ${res.status}`);
  return token;
}

/** A JSON call to a daemon process with an API token. */
export async function daemonApi<T>(
  d: DaemonProcess,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(d.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}
