// Starts the built daemon for a benchmark, as `npm start` would, and signs up its first admin with
// the one-time setup code it prints on stderr.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The Node flags `npm start` uses (scripts/start.sh), so a benchmark measures what users run. */
export const START_NODE_FLAGS =
  readFileSync('scripts/start.sh', 'utf8')
    .match(/HM_NODE_FLAGS:-([^}]*)\}/)?.[1]
    .split(' ') ?? [];

/**
 * Spawns `apps/server/dist/main.js` on 127.0.0.1:`port`; `echo` copies its stderr to ours.
 * @returns the child, its URL and `setupCode()`, which waits for the printed code.
 */
export function startDaemon({
  port,
  dataDir,
  dockerHost,
  nodeFlags = START_NODE_FLAGS,
  env = {},
  echo = true,
}) {
  const child = spawn(process.execPath, [...nodeFlags, 'apps/server/dist/main.js'], {
    env: {
      // As scripts/start.sh sets them.
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
      ...process.env,
      HM_PORT: String(port),
      HM_DATA_DIR: dataDir,
      HM_LOG_LEVEL: 'warn',
      DOCKER_HOST: dockerHost,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    if (echo) process.stderr.write(d);
    stderr += d.toString();
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    async setupCode() {
      for (let i = 0; i < 100; i++) {
        const m = /Setup code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(stderr);
        if (m) return m[1];
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the daemon printed no setup code:\n${stderr}`);
    },
    stop() {
      child.kill('SIGTERM');
      return new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r()));
    },
  };
}

/** Resolves once the daemon answers on its port (it prints the setup code before it listens). */
export async function waitUntilUp(daemon) {
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${daemon.url}/api/health`).then(
        (r) => r.ok || r.status === 503,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the daemon did not answer within 10 s');
}

/** Creates the first admin; returns the session cookie and CSRF token. */
export async function setupAdmin(daemon, credentials) {
  const setupCode = await daemon.setupCode();
  await waitUntilUp(daemon);
  const res = await fetch(`${daemon.url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...credentials, setupCode }),
  });
  if (!res.ok) throw new Error(`setup answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = await res.json();
  return { cookie, csrfToken };
}
