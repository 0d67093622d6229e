import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { dockerHost, openBrowser, startDaemon, type Daemon } from './support/panel.js';
import { checkBothThemes } from './support/axe.js';
import { completeSetup } from './support/setup-wizard.js';

const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (await run('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost() } })).stdout.trim();
const IMAGE = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const P = `hmmetrics-${process.pid}-`;
const BUSY = `${P}busy`;
const IDLE = `${P}idle`;
/** Enough idle rows that not all of them fit in view (nor in the table's overscan). */
const ROWS = Array.from({ length: 60 }, (_, i) => `${P}row-${i + 1}`);
const SHOTS = process.env.HM_SCREENSHOT_DIR ?? 'e2e/screenshots';
const ADMIN = { username: 'admin', password: 'correct horse battery' };

let daemon: Daemon;
let browser: BrowserContext;
let page: Page;
/** Full container id by name, for the metrics topics. */
const ids = new Map<string, string>();
/** The metrics topics the page follows now, replayed from the subscribe/unsubscribe frames it sent. */
const followed = new Set<string>();
const follows = (name: string) => followed.has(`metrics:local:${ids.get(name)}`);

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
const cell = (name: string, field: 'cpu' | 'memory') =>
  page.locator(`[role=row][data-name="${name}"] [data-testid=metric-${field}]`);
const cores = async (name: string) => parseFloat((await cell(name, 'cpu').textContent()) ?? 'NaN');
const sparkline = (name: string) =>
  page.locator(`[role=row][data-name="${name}"] [data-testid=sparkline-cpu] path`).getAttribute('d');

/** For each chart canvas on the page: how many of its pixels are drawn (not transparent). */
const drawnPixels = () =>
  page.evaluate<number[]>(`[...document.querySelectorAll('[data-testid=chart] canvas')].map((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  })`);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Busy burns one core; the idle one shares the host's network, which has no counters of its own.
  ids.set(
    BUSY,
    await docker('run', '-d', '--name', BUSY, '--network', 'none', IMAGE, 'sh', '-c', 'while :; do :; done'),
  );
  ids.set(IDLE, await docker('run', '-d', '--name', IDLE, '--network', 'host', IMAGE, 'sleep', '3600'));
  for (let i = 0; i < ROWS.length; i += 10)
    await Promise.all(
      ROWS.slice(i, i + 10).map(async (name) =>
        ids.set(name, await docker('run', '-d', '--name', name, '--network', 'none', IMAGE, 'sleep', '3600')),
      ),
    );
  daemon = await startDaemon(26000 + (process.pid % 1000));
  browser = await openBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const msg = JSON.parse(payload.toString()) as { type: string; topics?: string[] };
      for (const t of msg.topics ?? []) {
        if (!t.startsWith('metrics:')) continue;
        if (msg.type === 'subscribe') followed.add(t);
        if (msg.type === 'unsubscribe') followed.delete(t);
      }
    }),
  );
  await page.goto(daemon.url);
  await completeSetup(page, daemon.setupCode, ADMIN);
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  const ids = (await docker('ps', '-aq', '--filter', `name=^/${P}`)).split('\n').filter(Boolean);
  if (ids.length > 0) await docker('rm', '-f', ...ids);
});

describe('metrics in the panel, on the private engine', () => {
  it('shows live CPU and memory in the table: the busy container near one core with a moving sparkline, the idle one near zero', async () => {
    await nav('Containers').click();
    // Other tests may share the engine: only this file's containers are listed.
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(P);
    await expect.poll(() => page.url()).toContain(`q=${P}`);
    // Near one core: on a machine shared with other work it gets less for moments, so any sample over
    // half a core within the time counts.
    await expect.poll(() => cores(BUSY), { timeout: 30_000 }).toBeGreaterThan(0.5);
    expect(await cores(BUSY)).toBeLessThan(1.3);
    await expect.poll(() => cores(IDLE), { timeout: 10_000 }).toBeLessThan(0.05);
    expect(await cell(BUSY, 'memory').textContent()).toMatch(/^[\d.]+ (B|KiB|MiB)$/);

    // A line needs two samples; on a loaded machine the first pass may hold only one.
    await expect.poll(() => sparkline(BUSY), { timeout: 10_000 }).toMatch(/^M[\d.]+ [\d.]+L/);
    const before = await sparkline(BUSY);
    await expect.poll(() => sparkline(BUSY), { timeout: 5000 }).not.toBe(before);

    // Sorted by CPU, busiest first, the busy container heads the list; the other way round it does not.
    const first = () =>
      page.evaluate<string | undefined>(
        `document.querySelector('[data-testid=container-rows] [role=row][data-name]')?.dataset.name`,
      );
    await page.getByRole('button', { name: 'CPU cores' }).click();
    await expect.poll(() => page.url()).toContain('sort=cpu&desc=1');
    await expect.poll(first, { timeout: 10_000 }).toBe(BUSY);
    await page.getByRole('button', { name: 'CPU cores' }).click();
    await expect.poll(first, { timeout: 10_000 }).not.toBe(BUSY);
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(first).toBe(BUSY);
    await checkBothThemes(page, { dir: SHOTS, name: 'metrics-containers' });
  });

  it('follows only the rows in view: scrolling to the end lets go of the top rows and follows the last ones', async () => {
    await expect.poll(() => follows(BUSY)).toBe(true);
    const inView = followed.size;
    expect(inView).toBeGreaterThan(5);
    expect(inView).toBeLessThan(ROWS.length);
    await page.evaluate(`document.querySelector('[data-testid=container-rows]').scrollTop = 1e6`);
    const last = ROWS.at(-1) ?? '';
    await expect.poll(() => follows(last), { timeout: 5000 }).toBe(true);
    await expect.poll(() => follows(BUSY)).toBe(false);
    expect(followed.size).toBeLessThan(ROWS.length);
    await expect.poll(() => cell(last, 'memory').textContent(), { timeout: 5000 }).toMatch(/B$/);
    await page.evaluate(`document.querySelector('[data-testid=container-rows]').scrollTop = 0`);
    await expect.poll(() => follows(BUSY), { timeout: 5000 }).toBe(true);
  });

  it("charts a container's CPU, memory and block I/O in both themes, live in the 5-minute range", async () => {
    await page.getByRole('link', { name: BUSY }).click();
    await page.getByRole('tab', { name: 'Metrics' }).click();
    await expect.poll(() => page.locator('[data-testid=chart] canvas').count(), { timeout: 10_000 }).toBe(3);
    await expect
      .poll(async () => Math.min(...(await drawnPixels())), { timeout: 10_000 })
      .toBeGreaterThan(100);
    const cpu = page.getByRole('img', { name: /^CPU \(cores\) chart/ });
    expect(await cpu.getAttribute('aria-label')).toMatch(/now [\d.]+ cores?/);
    expect(await page.getByTestId('network-note').textContent()).toMatch(/^No network/);
    expect(await page.getByTestId('sampler').textContent()).toMatch(/^Sampled every 1 s/);
    await checkBothThemes(page, { dir: SHOTS, name: 'metrics-container' });

    await page.getByRole('button', { name: '24h, last 24 hours' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: '24h, last 24 hours' }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.locator('[data-testid=chart] canvas').first().waitFor();
    await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished))');
    await page.screenshot({ path: `${SHOTS}/metrics-container-24h.png`, fullPage: true });
  });

  it('says a container on the host network has no network counters of its own', async () => {
    await page.goto(`${daemon.url}/containers?q=${P}`);
    await page.getByRole('link', { name: IDLE }).click();
    await page.getByRole('tab', { name: 'Metrics' }).click();
    await expect
      .poll(() => page.getByTestId('network-note').textContent(), { timeout: 10_000 })
      .toMatch(/^Host network: this container has no network counters of its own/);
  });

  it('shows the host page, reached from the dashboard, with how the host is sampled', async () => {
    await nav('Dashboard').click();
    const hostLink = page.locator('section', { hasText: 'Hosts' }).getByRole('link').first();
    const name = (await hostLink.textContent()) ?? '';
    await hostLink.click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
    await expect.poll(() => page.locator('[data-testid=chart] canvas').count(), { timeout: 10_000 }).toBe(5);
    await expect
      .poll(async () => Math.min(...(await drawnPixels())), { timeout: 10_000 })
      .toBeGreaterThan(100);
    expect(await page.getByTestId('sampler').textContent()).toMatch(
      /^Sampled every 1 s (from the kernel's cgroup files \(fast path\)|through the engine's stats API \(fallback)/,
    );
    await checkBothThemes(page, { dir: SHOTS, name: 'metrics-host' });
  });

  it('lists the busy container among the top consumers on the dashboard, linking to its page', async () => {
    await nav('Dashboard').click();
    const byCpu = page.getByRole('list', { name: 'Top containers by CPU' });
    await expect.poll(() => byCpu.textContent(), { timeout: 15_000 }).toContain(BUSY);
    await checkBothThemes(page, { dir: SHOTS, name: 'metrics-dashboard' });
    await byCpu.getByRole('link', { name: BUSY }).click();
    await page.getByRole('heading', { name: BUSY }).waitFor();
  });
});
