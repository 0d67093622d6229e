// Stacks at scale: N stacks of two busybox services each, created and deployed through the API,
// then the stack list timed, then one log view per stack opened (its first line read) and closed;
// afterwards the daemon's leftover child processes and its RSS against where it started.
// Usage (Node 24 on PATH, `node scripts/build-server.mjs` done, a private engine and docker-compose):
//   DOCKER_HOST=unix:///…/docker.sock node bench/stacks.mjs [--stacks 50] [--requests 100]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setupAdmin, startDaemon } from './support/daemon.mjs';
import { engineSocket, pool, rssKb } from './support/engine.mjs';

const { values: opt } = parseArgs({
  options: { stacks: { type: 'string', default: '50' }, requests: { type: 'string', default: '100' } },
});
const socketPath = engineSocket();
const image = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const count = Number(opt.stacks);
const names = Array.from({ length: count }, (_, i) => `hm-bench-st-${i + 1}`);
const service = (name) =>
  `  ${name}:\n    image: ${image}\n    command: ["sh", "-c", "echo ${name} ready; exec sleep 86400"]\n` +
  `    stop_grace_period: 1s\n    network_mode: host\n`;
const composeOf = () => `services:\n${service('app')}${service('worker')}`;

/** The daemon's descendants (Compose CLIs and whatever they started). */
function descendants(pid) {
  const children = new Map();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${e}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(Number(e), ppid);
    } catch {
      // gone
    }
  }
  const out = [];
  const walk = (p) => {
    for (const [c, pp] of children) if (pp === p) (out.push(c), walk(c));
  };
  walk(pid);
  return out;
}

const port = 19500 + (process.pid % 100);
const dataDir = mkdtempSync(join(tmpdir(), 'hm-bench-st-'));
const daemon = startDaemon({ port, dataDir, dockerHost: `unix://${socketPath}`, echo: false });
try {
  const { cookie, csrfToken } = await setupAdmin(daemon, { username: 'bench', password: 'bench password 1' });
  const { token } = await (
    await fetch(`${daemon.url}/api/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'bench', role: 'admin' }),
    })
  ).json();
  const api = async (method, path, body) => {
    const res = await fetch(`${daemon.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json() };
  };
  await new Promise((r) => setTimeout(r, 3000));
  const rss0 = rssKb(daemon.child.pid);
  let t = Date.now();
  await pool(names, 4, async (name) => {
    const r = await api('POST', '/api/hosts/local/stacks', { name, compose: composeOf() });
    if (r.status !== 201) throw new Error(`create ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  });
  console.log(
    `created ${count} stacks in ${((Date.now() - t) / 1000).toFixed(1)} s (each checked with compose config)`,
  );
  t = Date.now();
  const jobs = await Promise.all(names.map((name) => api('POST', `/api/hosts/local/stacks/${name}/deploy`)));
  const states = await Promise.all(
    jobs.map(async ({ body }) => {
      for (;;) {
        const job = (await api('GET', `/api/jobs/${body.jobId}`)).body;
        if (['succeeded', 'failed', 'cancelled'].includes(job.state)) return job.state;
        await new Promise((r) => setTimeout(r, 500));
      }
    }),
  );
  console.log(
    `deployed ${states.filter((s) => s === 'succeeded').length} of ${count} in ${((Date.now() - t) / 1000).toFixed(1)} s ` +
      `(all at once; ${count * 2} containers)`,
  );
  await new Promise((r) => setTimeout(r, 3000));
  const times = [];
  let listed = 0;
  for (let i = 0; i < Number(opt.requests); i++) {
    const t0 = performance.now();
    const r = await api('GET', '/api/hosts/local/stacks');
    times.push(performance.now() - t0);
    listed = r.body.stacks.filter((s) => s.name.startsWith('hm-bench-st-') && s.status === 'running').length;
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1);
  console.log(
    `stack list (${listed} running): p50 ${q(0.5)} ms, p99 ${q(0.99)} ms over ${times.length} requests`,
  );
  console.log(
    `after ${count} deploys: ${descendants(daemon.child.pid).length} child processes of the daemon left; ` +
      `RSS ${(rssKb(daemon.child.pid) / 1024).toFixed(1)} MB (started at ${(rss0 / 1024).toFixed(1)} MB)`,
  );
  // A log view: the merged live logs of a stack (a `compose logs -f` child), open until its first
  // line arrives, then closed as a browser tab would be.
  t = Date.now();
  let opened = 0;
  let peak = 0;
  await pool(names, 4, async (name) => {
    const abort = new AbortController();
    const res = await fetch(`${daemon.url}/api/hosts/local/stacks/${name}/logs?tail=1`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    const reader = res.body.getReader();
    let text = '';
    while (!text.includes('event: ')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    peak = Math.max(peak, descendants(daemon.child.pid).length);
    abort.abort();
    opened += 1;
  });
  await new Promise((r) => setTimeout(r, 2000));
  console.log(
    `${opened} log views opened and closed in ${((Date.now() - t) / 1000).toFixed(1)} s (up to ${peak} children while open): ` +
      `${descendants(daemon.child.pid).length} child processes left; ` +
      `RSS ${(rssKb(daemon.child.pid) / 1024).toFixed(1)} MB (started at ${(rss0 / 1024).toFixed(1)} MB)`,
  );
  t = Date.now();
  await pool(names, 4, (name) => api('DELETE', `/api/hosts/local/stacks/${name}`));
  console.log(`deleted (down first) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
} finally {
  await daemon.stop();
  rmSync(dataDir, { recursive: true, force: true });
  // Leftovers from a failed run, by project label.
  const left = execFileSync('docker', ['ps', '-aq', '--filter', 'label=com.docker.compose.project'], {
    env: { ...process.env, DOCKER_HOST: `unix://${socketPath}` },
  })
    .toString()
    .split('\n')
    .filter(Boolean);
  if (left.length) console.log(`${left.length} compose containers left on the engine (removing)`);
  if (left.length)
    execFileSync('docker', ['rm', '-f', ...left], {
      env: { ...process.env, DOCKER_HOST: `unix://${socketPath}` },
    });
}
