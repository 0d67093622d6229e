// Measures how long a container state change takes from the engine's event to a WebSocket client.
// Usage (Node 24 on PATH, `npm run build` done): DOCKER_HOST=unix:///…/docker.sock node bench/live-latency.mjs [rounds]
// It starts the built daemon on a temporary data dir and port, runs `rounds` start/stop cycles of a
// test container with the docker CLI, and prints p50 / p95 / max of (client receive − engine event time).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startDaemon } from './support/daemon.mjs';

const rounds = Number(process.argv[2] ?? 50);
const dockerHost = process.env.DOCKER_HOST;
if (!dockerHost) throw new Error('set DOCKER_HOST to the engine to measure against');
const image = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const port = 19000 + (process.pid % 1000);
const dataDir = mkdtempSync(join(tmpdir(), 'hm-bench-'));
const url = `http://127.0.0.1:${port}`;
const docker = (...args) =>
  execFileSync('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost } })
    .toString()
    .trim();

const daemon = startDaemon({ port, dataDir, dockerHost });
const name = `hm-bench-${process.pid}`;
try {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const creds = { username: 'bench', password: 'bench-password-1' };
  const setup = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...creds, setupCode: await daemon.setupCode() }),
  });
  if (!setup.ok) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(creds),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = await login.json();
  const tokenRes = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench', role: 'viewer' }),
  });
  const { token } = await tokenRes.json();

  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const latencies = [];
  let waiting = null;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.type !== 'event' || msg.topic !== 'containers' || msg.data.name !== name) return;
    const receivedAt = performance.timeOrigin + performance.now();
    if (waiting && msg.data.action === waiting.action) {
      latencies.push(receivedAt - msg.data.at);
      waiting.resolve();
      waiting = null;
    }
  });
  ws.send(JSON.stringify({ type: 'subscribe', topics: ['containers'] }));
  docker('create', '--name', name, '--network', 'none', image, 'sleep', '3600');
  const expect = (action) => new Promise((resolve) => (waiting = { action, resolve }));
  for (let i = 0; i < rounds; i++) {
    const started = expect('start');
    docker('start', name);
    await started;
    const died = expect('die');
    docker('kill', name);
    await died;
  }
  ws.close();
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(`live state latency, engine event → WebSocket client, ${latencies.length} events:`);
  console.log(
    `  p50 ${pct(50)} ms   p95 ${pct(95)} ms   max ${latencies.at(-1).toFixed(1)} ms   (target: < 100 ms)`,
  );
} finally {
  try {
    docker('rm', '-f', name);
  } catch {
    // the container may not exist if setup failed
  }
  await daemon.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
