// Measures the web panel's speed targets: initial JavaScript size (as the browser downloads it), first contentful paint
// on localhost, and how long a container state change takes to show in the containers table.
// Usage (Node 24 on PATH, `npm run build` done, private engine running):
//   DOCKER_HOST=unix:///…/docker.sock node bench/web-speed.mjs [rounds]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { WebSocket } from 'ws';
import { startDaemon } from './support/daemon.mjs';

const rounds = Number(process.argv[2] ?? 20);
const dockerHost = process.env.DOCKER_HOST;
if (!dockerHost) throw new Error('set DOCKER_HOST to the engine to measure against');
const image = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const docker = (...args) =>
  execFileSync('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost } })
    .toString()
    .trim();

// 1. Initial JS: the entry script and the modules index.html preloads, as the browser downloads them
//    (measured in the page below: compressed bytes on the wire, and decoded).
const html = readFileSync('apps/web/dist/index.html', 'utf8');
const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);

const port = 19400 + (process.pid % 500);
const url = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'hm-bench-web-'));
const daemon = startDaemon({ port, dataDir, dockerHost });
const name = `hm-bench-web-${process.pid}`;
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'hm-bench-chrome-')), {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  for (
    let i = 0;
    i < 100 &&
    !(await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((r) => setTimeout(r, 100));
  const creds = { username: 'bench', password: 'bench-password-1' };
  const setup = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...creds, setupCode: await daemon.setupCode() }),
  });
  if (!setup.ok) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const page = browser.pages()[0] ?? (await browser.newPage());

  // 2. First contentful paint of the sign-in page, cold and warm (median of 5 each).
  const fcp = async () => {
    await page.goto(url, { waitUntil: 'load' });
    return page.evaluate(
      () =>
        new Promise((resolve) => {
          new PerformanceObserver((list) => {
            const e = list.getEntries().find((x) => x.name === 'first-contentful-paint');
            if (e) resolve(e.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
  };
  const paints = [await fcp()];
  // What the first (cold) load downloaded, as the browser's resource timing reports it.
  const sizes = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((r) => ({
      path: new URL(r.name).pathname,
      encoded: r.encodedBodySize,
      decoded: r.decodedBodySize,
    })),
  );
  const js = sizes.filter((r) => initial.includes(r.path));
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(
    `initial JS: ${js.length} file(s), ${kb(js.reduce((a, r) => a + r.encoded, 0))} KB downloaded ` +
      `(${kb(js.reduce((a, r) => a + r.decoded, 0))} KB decoded; target < 250 KB); ` +
      `sign-in page in all: ${kb(sizes.reduce((a, r) => a + r.encoded, 0))} KB over ${sizes.length} resources`,
  );
  for (let i = 1; i < 5; i++) paints.push(await fcp());
  paints.sort((a, b) => a - b);
  console.log(
    `first contentful paint: median ${paints[2].toFixed(0)} ms, worst ${paints[4].toFixed(0)} ms (target < 1000 ms)`,
  );

  // 3. A state change made with the docker CLI until the table row shows it.
  await page.fill('#username', creds.username);
  await page.fill('#password', creds.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('nav[aria-label=Main]');
  docker('create', '--name', name, '--network', 'none', image, 'sleep', '3600');
  await page.goto(`${url}/containers`);
  const row = `[role=row][data-name="${name}"] [data-testid=state]`;
  await page.waitForSelector(row);
  // The engine's own event time, from a second subscriber, so the figure starts at the engine event.
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
  const { token } = await (
    await fetch(`${url}/api/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'bench', role: 'viewer' }),
    })
  ).json();
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'subscribe', topics: ['containers'] }));
  const eventAt = new Map();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    if (m.topic === 'containers' && m.data.name === name) eventAt.set(m.data.state, m.data.at);
  });
  const fromEvent = [];
  const latencies = [];
  for (let i = 0; i < rounds; i++) {
    for (const [cmd, want] of [
      ['start', 'running'],
      ['kill', 'exited'],
    ]) {
      const watching = page.evaluate(
        ([sel, w]) =>
          new Promise((resolve) => {
            const t = setInterval(() => {
              if (document.querySelector(sel)?.textContent === w) {
                clearInterval(t);
                resolve(performance.timeOrigin + performance.now());
              }
            }, 2);
          }),
        [row, want],
      );
      eventAt.delete(want);
      const before = Date.now();
      docker(cmd, name);
      const shown = await watching;
      for (let w = 0; w < 50 && !eventAt.has(want); w++) await new Promise((r) => setTimeout(r, 10));
      if (eventAt.has(want)) fromEvent.push(shown - eventAt.get(want));
      // The CLI returns after the engine acted; the event precedes its return, so this overstates.
      latencies.push(shown - before);
    }
  }
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(0);
  console.log(
    `docker CLI command → table row updated, ${latencies.length} changes: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${latencies.at(-1).toFixed(0)} ms`,
  );
  console.log('  (includes the docker CLI’s own start-up and run time)');
  fromEvent.sort((a, b) => a - b);
  const e = (q) => fromEvent[Math.min(fromEvent.length - 1, Math.floor(q * fromEvent.length))].toFixed(0);
  console.log(
    `engine event → table row updated, ${fromEvent.length} changes: p50 ${e(0.5)} ms, p95 ${e(0.95)} ms, max ${fromEvent.at(-1).toFixed(0)} ms (target < 200 ms)`,
  );
  ws.close();
} finally {
  await browser.close();
  try {
    docker('rm', '-f', name);
  } catch {
    // not created if setup failed
  }
  await daemon.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
