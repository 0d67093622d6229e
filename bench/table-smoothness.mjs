// Whether the containers table stays smooth with many rows and live metrics: N containers (M of
// them running, so sampled every second), the table open in Chromium, scrolled through top to bottom
// and back while live metrics arrive. Prints frame times (from requestAnimationFrame), long tasks,
// how many metrics topics the page follows (only the rows in view should be), the metrics messages
// it got per second, and the page's JS heap.
// Usage (Node 24 on PATH, `node scripts/build-server.mjs && npm run build -w @harbourmaster/web` done):
//   DOCKER_HOST=unix:///…/docker.sock node bench/table-smoothness.mjs [--containers 1000] [--running 500]
//     [--seconds 20] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { setupAdmin, startDaemon } from './support/daemon.mjs';
import { engineRequest, engineSocket, pool } from './support/engine.mjs';

const { values: opt } = parseArgs({
  options: {
    containers: { type: 'string', default: '1000' },
    running: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const socketPath = engineSocket();
const engine = (method, path, body) => engineRequest(socketPath, method, path, body);
const image = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const PREFIX = 'hm-bench-ts-';
const names = Array.from({ length: Number(opt.containers) }, (_, i) => `${PREFIX}${i + 1}`);

const listed = await engine(
  'GET',
  `/containers/json?all=true&filters=${encodeURIComponent(JSON.stringify({ name: [PREFIX] }))}`,
);
const existing = new Set(listed.body.map((c) => c.Names[0].slice(1)));
await pool(
  names.filter((n) => !existing.has(n)),
  8,
  (name) => engine('POST', `/containers/create?name=${name}`, { Image: image, Cmd: ['sleep', '86400'] }),
);
await pool(names.slice(0, Number(opt.running)), 4, (name) => engine('POST', `/containers/${name}/start`));
console.log(`${names.length} containers, ${opt.running} running`);

const port = 19700 + (process.pid % 200);
const dataDir = mkdtempSync(join(tmpdir(), 'hm-bench-ts-'));
const profile = mkdtempSync(join(tmpdir(), 'hm-bench-ts-chrome-'));
const daemon = startDaemon({ port, dataDir, dockerHost: `unix://${socketPath}`, echo: false });
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  viewport: { width: 1440, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const creds = { username: 'bench', password: 'bench password 1' };
  await setupAdmin(daemon, creds);
  const page = browser.pages()[0] ?? (await browser.newPage());
  let metricsMessages = 0;
  const followed = new Set();
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string' && payload.includes('"topic":"metrics"')) metricsMessages++;
    });
    ws.on('framesent', ({ payload }) => {
      const m = JSON.parse(String(payload));
      for (const t of m.topics ?? []) {
        if (!t.startsWith('metrics:')) continue;
        if (m.type === 'subscribe') followed.add(t);
        else followed.delete(t);
      }
    });
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.fill('#username', creds.username);
  await page.fill('#password', creds.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('nav[aria-label=Main]');
  await page.goto(`http://127.0.0.1:${port}/containers`);
  await page.waitForSelector(`[role=row][data-name="${PREFIX}1"]`, { timeout: 30_000 });
  await page.waitForTimeout(3000); // the first passes arrive, sparklines fill

  const seconds = Number(opt.seconds);
  const m0 = metricsMessages;
  const most = { followed: followed.size };
  const watch = setInterval(() => (most.followed = Math.max(most.followed, followed.size)), 100);
  // Scroll the table top to bottom and back at a steady pace while frames are timed in the page.
  const result = await page.evaluate(async (ms) => {
    const box = document.querySelector('[data-testid=container-rows]');
    const frames = [];
    let long = 0;
    new PerformanceObserver((list) => (long += list.getEntries().length)).observe({ type: 'longtask' });
    const start = performance.now();
    let last = start;
    await new Promise((resolve) => {
      const step = (now) => {
        frames.push(now - last);
        last = now;
        const t = (now - start) / ms;
        const phase = t < 0.5 ? t * 2 : 2 - t * 2; // down, then back up
        box.scrollTop = phase * (box.scrollHeight - box.clientHeight);
        if (now - start < ms) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    frames.sort((a, b) => a - b);
    const q = (p) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))];
    return {
      frames: frames.length,
      p50: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      max: frames.at(-1),
      over50: frames.filter((f) => f > 50).length,
      long,
      heap: performance.memory?.usedJSHeapSize ?? null,
    };
  }, seconds * 1000);
  clearInterval(watch);
  const rate = (metricsMessages - m0) / seconds;
  // Settled: the rows now in view are followed, one message per pass.
  await page.waitForTimeout(2000);
  const after = followed.size;
  const m1 = metricsMessages;
  await page.waitForTimeout(5000);
  const settledRate = (metricsMessages - m1) / 5;
  console.log(
    `scrolling ${names.length} rows down and up over ${seconds} s: ${result.frames} frames, ` +
      `frame time p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ` +
      `max ${result.max.toFixed(0)} ms; ${result.over50} frames over 50 ms; ${result.long} long tasks`,
  );
  console.log(
    `metrics topics followed: at most ${most.followed} while scrolling, ${after} after; ` +
      `metrics messages per second: ${rate.toFixed(1)} while scrolling, ${settledRate.toFixed(1)} settled; ` +
      `page JS heap ${(result.heap / 1048576).toFixed(1)} MB`,
  );
} finally {
  await browser.close();
  await daemon.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
  if (!opt.keep) await pool(names, 8, (name) => engine('DELETE', `/containers/${name}?force=true`));
}
