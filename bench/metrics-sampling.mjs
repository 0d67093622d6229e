// What collecting metrics costs: the daemon sampling N running containers at 1 Hz (the cgroup
// files read directly) against the way other tools collect (one streaming stats request per
// container), each counting the engine's side too (dockerd, containerd and the container shims)
// minus an idle window of the same length.
// Usage (Node 24 on PATH, `node scripts/build-server.mjs` done, a private engine running):
//   DOCKER_HOST=unix:///…/docker.sock node bench/metrics-sampling.mjs [--containers 500] [--seconds 60]
//     [--sampler auto|cgroup|engine-stats] [--skip-streams] [--keep]
// Containers are created and started as `hm-bench-ms-N` (busybox `sleep`) and removed at the end
// unless `--keep`.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setupAdmin, startDaemon } from './support/daemon.mjs';
import { cpuSeconds, enginePids, engineRequest, engineSocket, pool, rssKb } from './support/engine.mjs';

const { values: opt } = parseArgs({
  options: {
    containers: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '60' },
    sampler: { type: 'string', default: 'auto' },
    'skip-streams': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const socketPath = engineSocket();
const dockerHost = `unix://${socketPath}`;
const image = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const PREFIX = 'hm-bench-ms-';
const count = Number(opt.containers);
const seconds = Number(opt.seconds);
const engine = (method, path, body) => engineRequest(socketPath, method, path, body);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (cpu, s) => `${((cpu / s) * 100).toFixed(2)} %`;
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

/** CPU seconds the engine's processes (listed afresh: shims come and go) use over `s` seconds. */
async function engineWindow(s, during = () => undefined) {
  const pids = enginePids(socketPath);
  const before = pids.map(cpuSeconds);
  const t0 = performance.now();
  await during();
  await sleep(Math.max(0, s * 1000 - (performance.now() - t0)));
  const elapsed = (performance.now() - t0) / 1000;
  return { cpu: pids.reduce((sum, p, i) => sum + cpuSeconds(p) - before[i], 0), elapsed, pids: pids.length };
}

async function ensureRunning() {
  const names = Array.from({ length: count }, (_, i) => `${PREFIX}${i + 1}`);
  const listed = await engine(
    'GET',
    `/containers/json?all=true&filters=${encodeURIComponent(JSON.stringify({ name: [PREFIX] }))}`,
  );
  const existing = new Set(listed.body.map((c) => c.Names[0].slice(1)));
  const t0 = Date.now();
  await pool(
    names.filter((n) => !existing.has(n)),
    8,
    async (name) => {
      const r = await engine('POST', `/containers/create?name=${name}`, {
        Image: image,
        Cmd: ['sleep', '86400'],
        Labels: { 'hm.bench': 'metrics' },
      });
      if (r.status !== 201) throw new Error(`create ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    },
  );
  await pool(names, 4, (name) => engine('POST', `/containers/${name}/start`));
  console.log(`${count} running containers ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return names;
}

/** Counters from the daemon's /metrics, summed over hosts. */
async function counters(url, token) {
  const text = await (
    await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })
  ).text();
  const sum = (name) =>
    text
      .split('\n')
      .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
      .reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  return {
    passes: sum('harbourmaster_metrics_passes_total'),
    skipped: sum('harbourmaster_metrics_skipped_passes_total'),
    expected: sum('harbourmaster_metrics_samples_expected_total'),
    sampled: sum('harbourmaster_metrics_samples_total'),
    busy: sum('harbourmaster_metrics_pass_seconds_total'),
  };
}

/** The daemon, from a fresh data dir, with an API token for /metrics. */
async function daemonWithToken(dataDir, env = {}) {
  const port = 19300 + (process.pid % 300);
  const daemon = startDaemon({ port, dataDir, dockerHost, echo: false, env });
  const { cookie, csrfToken } = await setupAdmin(daemon, { username: 'bench', password: 'bench password 1' });
  const res = await fetch(`${daemon.url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench', role: 'viewer' }),
  });
  return { daemon, token: (await res.json()).token };
}

/** Opens one streaming stats request per container; counts the samples each delivers. */
function openStreams(names) {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const samples = new Map(names.map((n) => [n, 0]));
  const requests = names.map((name) => {
    const req = http.get({ socketPath, agent, path: `/containers/${name}/stats?stream=true` }, (res) => {
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffered += chunk;
        let nl;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          JSON.parse(buffered.slice(0, nl)); // what a collector does with each sample
          buffered = buffered.slice(nl + 1);
          samples.set(name, samples.get(name) + 1);
        }
      });
    });
    req.on('error', () => undefined);
    return req;
  });
  return {
    samples,
    close() {
      for (const r of requests) r.destroy();
      agent.destroy();
    },
  };
}

const names = await ensureRunning();
const dirs = [];
try {
  await sleep(5000);
  // The engine's idle CPU with 500 shims wanders by a few % of a core from minute to minute: measure
  // it before and after the sampler's window and subtract their mean.
  const idleBefore = await engineWindow(seconds);
  console.log(
    `idle window before: engine (${idleBefore.pids} processes) ${pct(idleBefore.cpu, idleBefore.elapsed)} of a core over ${idleBefore.elapsed.toFixed(0)} s`,
  );
  let idleAfter = idleBefore;
  const idle = {
    get cpu() {
      return (idleBefore.cpu / idleBefore.elapsed + idleAfter.cpu / idleAfter.elapsed) / 2;
    },
    elapsed: 1,
  };

  dirs.push(mkdtempSync(join(tmpdir(), 'hm-bench-ms-')));
  const { daemon, token } = await daemonWithToken(dirs[0], { HM_METRICS_SAMPLER: opt.sampler });
  let daemonResult;
  try {
    await sleep(10_000); // the inventory loaded, every container sampled twice
    const rss0 = rssKb(daemon.child.pid);
    const c0 = await counters(daemon.url, token);
    const d0 = cpuSeconds(daemon.child.pid);
    let peak = rss0;
    const watch = setInterval(() => (peak = Math.max(peak, rssKb(daemon.child.pid))), 1000);
    const window = await engineWindow(seconds);
    clearInterval(watch);
    const daemonCpu = cpuSeconds(daemon.child.pid) - d0;
    const c1 = await counters(daemon.url, token);
    const host = await (
      await fetch(`${daemon.url}/api/hosts/local/metrics?range=5m`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    const rss1 = rssKb(daemon.child.pid);
    await daemon.stop();
    await sleep(5000);
    idleAfter = await engineWindow(seconds);
    console.log(
      `idle window after: engine ${pct(idleAfter.cpu, idleAfter.elapsed)} of a core (baseline: the mean of both)`,
    );
    const engineExtra = window.cpu - (idle.cpu * window.elapsed) / idle.elapsed;
    const total = daemonCpu + engineExtra;
    const expected = c1.expected - c0.expected;
    const sampled = c1.sampled - c0.sampled;
    daemonResult = { total, elapsed: window.elapsed };
    console.log(
      `\nHarbourmaster, sampler ${host.sampler.path} at ${host.sampler.intervalSeconds} s, ${count} containers:`,
    );
    console.log(
      `  CPU: daemon ${pct(daemonCpu, window.elapsed)}, engine above idle ${pct(engineExtra, window.elapsed)}, ` +
        `total ${pct(total, window.elapsed)} of one core`,
    );
    console.log(
      `  passes ${c1.passes - c0.passes} in ${window.elapsed.toFixed(0)} s (skipped ${c1.skipped - c0.skipped}), ` +
        `${(((c1.busy - c0.busy) / Math.max(1, c1.passes - c0.passes)) * 1000).toFixed(1)} ms per pass; ` +
        `samples ${sampled} of ${expected} due, gaps ${expected - sampled} (${((1 - sampled / Math.max(1, expected)) * 100).toFixed(2)} %)`,
    );
    console.log(`  daemon RSS: ${mb(rss0)} at the window's start, ${mb(rss1)} at its end, peak ${mb(peak)}`);
  } finally {
    await daemon.stop();
  }

  // Growth: the same daemon build with none of the bench containers running.
  await pool(names, 8, (name) => engine('POST', `/containers/${name}/stop?t=0`));
  dirs.push(mkdtempSync(join(tmpdir(), 'hm-bench-ms-')));
  const bare = await daemonWithToken(dirs[1]);
  await sleep(10_000);
  const bareRss = rssKb(bare.daemon.child.pid);
  await bare.daemon.stop();
  console.log(`  daemon RSS with the ${count} containers stopped (not sampled): ${mb(bareRss)}`);
  await pool(names, 4, (name) => engine('POST', `/containers/${name}/start`));

  if (!opt['skip-streams']) {
    await sleep(5000);
    const t0 = cpuSeconds(process.pid);
    let streams;
    const window = await engineWindow(seconds, async () => {
      streams = openStreams(names);
    });
    const clientCpu = cpuSeconds(process.pid) - t0;
    streams.close();
    const engineExtra = window.cpu - (idle.cpu * window.elapsed) / idle.elapsed;
    const total = clientCpu + engineExtra;
    const perSecond = [...streams.samples.values()].map((n) => n / window.elapsed);
    const avg = perSecond.reduce((a, b) => a + b, 0) / perSecond.length;
    console.log(`\nOne streaming stats request per container (as other tools collect), ${count} containers:`);
    console.log(
      `  CPU: client ${pct(clientCpu, window.elapsed)}, engine above idle ${pct(engineExtra, window.elapsed)}, ` +
        `total ${pct(total, window.elapsed)} of one core`,
    );
    console.log(
      `  samples per container per second: average ${avg.toFixed(2)}, lowest ${Math.min(...perSecond).toFixed(2)} (1.00 keeps 1 Hz)`,
    );
    if (daemonResult)
      console.log(
        `\nratio: streams cost ${(total / window.elapsed / (daemonResult.total / daemonResult.elapsed)).toFixed(1)} × the cgroup sampler`,
      );
  }
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (!opt.keep) await pool(names, 8, (name) => engine('DELETE', `/containers/${name}?force=true`));
}
