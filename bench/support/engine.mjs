// The private engine and the processes on this machine, as benchmarks measure them.
import http from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The engine's socket path from DOCKER_HOST (unix:// only: its processes are measured here). */
export function engineSocket() {
  const dockerHost = process.env.DOCKER_HOST;
  if (!dockerHost?.startsWith('unix://'))
    throw new Error('set DOCKER_HOST=unix:///…/docker.sock (the engine to measure)');
  return dockerHost.slice('unix://'.length);
}

/** One request to the engine over its socket; resolves with the status and parsed JSON. */
export function engineRequest(socketPath, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath, method, path, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Runs `fn` over `items`, `size` at a time. */
export async function pool(items, size, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

export function rssKb(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}

/** CPU seconds (user + system) a process has used; 0 once it is gone. */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * The engine's processes: dockerd (from its pidfile beside the socket), its children (containerd),
 * and the container shims, which re-parent themselves to init but name the engine's containerd
 * socket (under the engine's exec root, beside the docker socket) on their command line.
 */
export function enginePids(socketPath) {
  const dir = dirname(socketPath);
  const dockerd = Number(readFileSync(`${dir}/docker.pid`, 'utf8'));
  const pids = [dockerd];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'latin1');
      if (ppid === dockerd || (cmd.includes('containerd-shim') && cmd.includes(`${dir}/`)))
        pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}
