// Footprint of the daemon: idle RSS from a fresh start, then a list load (many clients asking for the
// container list at once) with requests/s, latency, bytes per reply, the daemon's RSS during and
// after it, and the CPU the engine spends meanwhile (a list served from memory costs it nothing).
// Usage (Node 24 on PATH, `node scripts/build-server.mjs` done, a private engine running):
//   DOCKER_HOST=unix:///…/docker.sock node bench/footprint.mjs [--containers 1000] [--running 20]
//     [--clients 32] [--seconds 20] [--encoding br|gzip|none] [--keep]
// Containers are created as `hm-bench-fp-N` (most only created, `--running` of them started) and
// removed at the end unless `--keep`.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { START_NODE_FLAGS, setupAdmin, startDaemon } from './support/daemon.mjs';
import { cpuSeconds, enginePids, engineRequest, engineSocket, pool, rssKb } from './support/engine.mjs';

const { values: opt } = parseArgs({
  options: {
    containers: { type: 'string', default: '1000' },
    running: { type: 'string', default: '20' },
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '20' },
    encoding: { type: 'string', default: 'br' },
    keep: { type: 'boolean', default: false },
  },
});
const socketPath = engineSocket();
const dockerHost = `unix://${socketPath}`;
const image = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const PREFIX = 'hm-bench-fp-';
// The same Node flags as `npm start`: a small young generation (see docs/adr/0004).
const NODE_FLAGS = START_NODE_FLAGS;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (kb) => (kb / 1024).toFixed(1);

const engine = (method, path, body) => engineRequest(socketPath, method, path, body);

async function ensureContainers(count, running) {
  const existing = new Set(
    (
      await engine(
        'GET',
        `/containers/json?all=true&filters=${encodeURIComponent(JSON.stringify({ name: [PREFIX] }))}`,
      )
    ).body.map((c) => c.Names[0].slice(1)),
  );
  const names = Array.from({ length: count }, (_, i) => `${PREFIX}${i + 1}`);
  const missing = names.filter((n) => !existing.has(n));
  const t0 = Date.now();
  await pool(missing, 8, async (name) => {
    const r = await engine('POST', `/containers/create?name=${name}`, {
      Image: image,
      Cmd: ['sleep', '86400'],
      Labels: { 'hm.bench': 'footprint', tier: Number(name.slice(PREFIX.length)) % 2 ? 'odd' : 'even' },
      HostConfig: { NetworkMode: 'none' },
    });
    if (r.status !== 201) throw new Error(`create ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  });
  await pool(names.slice(0, running), 4, (name) => engine('POST', `/containers/${name}/start`));
  if (missing.length)
    console.log(`created ${missing.length} containers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return names;
}

async function removeContainers(names) {
  await pool(names, 8, (name) => engine('DELETE', `/containers/${name}?force=true`));
}

const names = await ensureContainers(Number(opt.containers), Number(opt.running));
const port = 19600 + (process.pid % 300);
const dataDir = mkdtempSync(join(tmpdir(), 'hm-bench-fp-'));
const daemon = startDaemon({ port, dataDir, dockerHost, echo: false });
const started = Date.now();

try {
  const { cookie, csrfToken } = await setupAdmin(daemon, { username: 'bench', password: 'bench password 1' });
  const tokenReply = await fetch(`${daemon.url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench', role: 'viewer' }),
  });
  const { token } = await tokenReply.json();
  const headers = { authorization: `Bearer ${token}` };
  if (opt.encoding !== 'none') headers['accept-encoding'] = opt.encoding;

  const first = await (
    await fetch(`${daemon.url}/api/containers`, { headers: { authorization: headers.authorization } })
  ).json();
  const listed = first.containers.filter((c) => c.name.startsWith(PREFIX)).length;
  await sleep(Math.max(0, 10_000 - (Date.now() - started)));
  const idleKb = rssKb(daemon.child.pid);

  const agent = new http.Agent({ keepAlive: true, maxSockets: Number(opt.clients) });
  const latencies = [];
  let bytes = 0;
  let failures = 0;
  const get = () =>
    new Promise((resolve) => {
      const t = performance.now();
      http
        .get(`${daemon.url}/api/containers`, { agent, headers }, (res) => {
          res.on('data', (c) => (bytes += c.length));
          res.on('end', () => {
            if (res.statusCode !== 200) failures++;
            latencies.push(performance.now() - t);
            resolve();
          });
        })
        .on('error', () => {
          failures++;
          resolve();
        });
    });
  const pids = enginePids(socketPath);
  const engineCpu0 = pids.reduce((s, p) => s + cpuSeconds(p), 0);
  const daemonCpu0 = cpuSeconds(daemon.child.pid);
  let peakKb = rssKb(daemon.child.pid);
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, rssKb(daemon.child.pid))), 250);
  const end = Date.now() + Number(opt.seconds) * 1000;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: Number(opt.clients) }, async () => {
      while (Date.now() < end) await get();
    }),
  );
  const elapsed = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const engineCpu = pids.reduce((s, p) => s + cpuSeconds(p), 0) - engineCpu0;
  const daemonCpu = cpuSeconds(daemon.child.pid) - daemonCpu0;
  agent.destroy();
  await sleep(10_000);
  const afterKb = rssKb(daemon.child.pid);

  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))].toFixed(1);
  console.log(
    `containers: ${names.length} (${opt.running} running), listed ${listed}; node flags: ${NODE_FLAGS.join(' ') || 'none'}`,
  );
  console.log(`idle RSS 10 s after start: ${mb(idleKb)} MB`);
  console.log(
    `list load: ${opt.clients} clients for ${elapsed.toFixed(0)} s, Accept-Encoding ${opt.encoding}: ` +
      `${(latencies.length / elapsed).toFixed(0)} requests/s, p50 ${pct(50)} ms, p99 ${pct(99)} ms, ` +
      `${(bytes / latencies.length / 1024).toFixed(1)} KB per reply, ${failures} failed`,
  );
  console.log(`RSS during the load (peak): ${mb(peakKb)} MB; 10 s after: ${mb(afterKb)} MB`);
  console.log(
    `CPU during the load: daemon ${((daemonCpu / elapsed) * 100).toFixed(0)} % of a core, ` +
      `engine (dockerd, containerd, shims) ${((engineCpu / elapsed) * 100).toFixed(1)} % of a core`,
  );
} finally {
  await daemon.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (!opt.keep) await removeContainers(names);
}
