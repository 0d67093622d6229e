// Alerts at speed: from `docker kill` of a container to the webhook request arriving at a loopback
// receiver (median and p99 over N crashes, a couple at a time), then a burst of M crashes within
// 10 s: how many alerts arrive, how long the last one took, and the daemon's responsiveness meanwhile
// (the latency of a no-op request every 20 ms: an upper bound of its event-loop lag).
// Usage (Node 24 on PATH, `node scripts/build-server.mjs` done, a private engine):
//   DOCKER_HOST=unix:///…/docker.sock node bench/alerts.mjs [--crashes 200] [--burst 500]
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { START_NODE_FLAGS, setupAdmin, startDaemon } from './support/daemon.mjs';
import { engineRequest, engineSocket, pool } from './support/engine.mjs';

const { values: opt } = parseArgs({
  options: { crashes: { type: 'string', default: '200' }, burst: { type: 'string', default: '500' } },
});
const socketPath = engineSocket();
const image = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const PREFIX = 'hm-bench-al-';
const q = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const ms = (n) => `${n.toFixed(0)} ms`;

/** Webhook arrivals by container name. */
const arrived = new Map();
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const at = performance.now() + performance.timeOrigin;
    try {
      const alert = JSON.parse(Buffer.concat(chunks).toString());
      const name = alert.container?.name;
      if (name && alert.status === 'firing' && !arrived.has(name)) arrived.set(name, at);
    } catch {
      // not an alert
    }
    res.writeHead(200).end('{}');
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${receiver.address().port}/hook`;

async function createRunning(names) {
  await pool(names, 8, async (name) => {
    const c = await engineRequest(socketPath, 'POST', `/containers/create?name=${name}`, {
      Image: image,
      Cmd: ['sleep', '3600'],
      HostConfig: { NetworkMode: 'none' },
    });
    if (c.status !== 201) throw new Error(`create ${name}: ${c.status} ${JSON.stringify(c.body)}`);
    await engineRequest(socketPath, 'POST', `/containers/${c.body.Id}/start`);
  });
}

async function removeAll() {
  const list = await engineRequest(
    socketPath,
    'GET',
    `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ name: [PREFIX] }))}`,
  );
  await pool(list.body ?? [], 8, (c) => engineRequest(socketPath, 'DELETE', `/containers/${c.Id}?force=1`));
}

const port = 19600 + (process.pid % 100);
const dataDir = mkdtempSync(join(tmpdir(), 'hm-bench-al-'));
const daemon = startDaemon({
  port,
  dataDir,
  dockerHost: `unix://${socketPath}`,
  echo: false,
  // e.g. BENCH_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to see where the time goes
  ...(process.env.BENCH_NODE_FLAGS
    ? { nodeFlags: [...START_NODE_FLAGS, ...process.env.BENCH_NODE_FLAGS.split(' ')] }
    : {}),
});
try {
  await removeAll();
  const { cookie, csrfToken } = await setupAdmin(daemon, { username: 'bench', password: 'bench password 1' });
  const admin = async (method, path, body) => {
    const res = await fetch(`${daemon.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const channel = await admin('POST', '/api/notifications/channels', {
    name: 'bench',
    type: 'webhook',
    config: { url: hookUrl },
  });
  await admin('POST', '/api/notifications/rules', {
    name: 'all containers',
    channelIds: [channel.id],
    match: { sources: ['container'] },
  });

  // 1. One crash at a time (two in flight): kill → webhook.
  const crashes = Array.from({ length: Number(opt.crashes) }, (_, i) => `${PREFIX}one-${i}`);
  await createRunning(crashes);
  const latencies = [];
  await pool(crashes, 2, async (name) => {
    const t0 = performance.now() + performance.timeOrigin;
    await engineRequest(socketPath, 'POST', `/containers/${name}/kill`);
    for (let i = 0; i < 500 && !arrived.has(name); i++) await new Promise((r) => setTimeout(r, 5));
    if (arrived.has(name)) latencies.push(arrived.get(name) - t0);
  });
  latencies.sort((a, b) => a - b);
  console.log(
    `kill → webhook, ${latencies.length} of ${crashes.length} crashes: median ${ms(q(latencies, 0.5))}, ` +
      `p99 ${ms(q(latencies, 0.99))}, max ${ms(latencies.at(-1))} (includes the 250 ms wait for a stop/remove that would make it no crash)`,
  );

  // The daemon's own event-loop delay comes from /metrics, in minute-long windows: the burst starts
  // right after a window does, so the window read afterwards covers it.
  const { token } = await admin('POST', '/api/tokens', { name: 'bench', role: 'admin' });
  const scrape = async () => {
    const text = await (
      await fetch(`${daemon.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    const value = (re) => Number(re.exec(text)?.[1] ?? NaN);
    return {
      windowStart: value(/^nodejs_eventloop_delay_window_start_seconds (\S+)$/m),
      p99: value(/^nodejs_eventloop_delay_seconds\{quantile="0.99"\} (\S+)$/m),
      max: value(/^nodejs_eventloop_delay_seconds\{quantile="1"\} (\S+)$/m),
    };
  };
  const window0 = (await scrape()).windowStart;
  while ((await scrape()).windowStart === window0) await new Promise((r) => setTimeout(r, 200));

  // 2. A burst: M crashes within 10 s, while a no-op request goes out every 20 ms.
  const burst = Array.from({ length: Number(opt.burst) }, (_, i) => `${PREFIX}burst-${i}`);
  await createRunning(burst);
  const probes = [];
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const t = performance.now();
      await fetch(`${daemon.url}/api/auth/status`).then((r) => r.arrayBuffer());
      probes.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const start = performance.now() + performance.timeOrigin;
  const gap = 10_000 / burst.length;
  const kills = burst.map(
    (name, i) =>
      new Promise((resolve) =>
        setTimeout(
          () => engineRequest(socketPath, 'POST', `/containers/${name}/kill`).then(resolve, resolve),
          i * gap,
        ),
      ),
  );
  await Promise.all(kills);
  const killedAt = performance.now() + performance.timeOrigin;
  for (let i = 0; i < 600 && burst.some((n) => !arrived.has(n)); i++)
    await new Promise((r) => setTimeout(r, 50));
  probing = false;
  await prober;
  const got = burst.filter((n) => arrived.has(n));
  const last = Math.max(...got.map((n) => arrived.get(n)));
  probes.sort((a, b) => a - b);
  console.log(
    `burst: ${burst.length} kills in ${((killedAt - start) / 1000).toFixed(1)} s → ${got.length} alerts delivered, ` +
      `the last ${ms(last - killedAt)} after the last kill`,
  );
  console.log(
    `no-op request during the burst (${probes.length} probes): median ${ms(q(probes, 0.5))}, p99 ${ms(q(probes, 0.99))}, max ${ms(probes.at(-1))}`,
  );
  const loop = await scrape();
  console.log(
    `the daemon's event-loop delay over the burst's window: p99 ${ms(loop.p99 * 1000)}, max ${ms(loop.max * 1000)}`,
  );
  const history = await fetch(`${daemon.url}/api/alerts?limit=500&source=container`, {
    headers: { cookie },
  }).then((r) => r.json());
  console.log(
    `history holds ${history.alerts.length} container alerts (one per crashed container: each is its own key)`,
  );
} finally {
  await daemon.stop();
  receiver.close();
  await removeAll();
  rmSync(dataDir, { recursive: true, force: true });
}
