import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { dockerHost, openBrowser, startDaemon, type Daemon } from './support/panel.js';

const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (await run('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost() } })).stdout.trim();
const IMAGE = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const P = `hme2e-${process.pid}-`;
const SHOTS = process.env.HM_SCREENSHOT_DIR ?? 'e2e/screenshots';
const ADMIN = { username: 'admin', password: 'correct horse battery' };

let daemon: Daemon;
let browser: BrowserContext;
let page: Page;

const stateOf = (name: string) => page.locator(`[role=row][data-name="${name}"] [data-testid=state]`);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await docker(
    'run',
    '-d',
    '--name',
    `${P}web`,
    '--network',
    'none',
    IMAGE,
    'sh',
    '-c',
    'trap "exit 0" TERM; i=0; while true; do i=$((i+1)); echo "request $i served"; sleep 0.5; done',
  );
  daemon = await startDaemon(22000 + (process.pid % 1000));
  browser = await openBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  const ids = (await docker('ps', '-aq', '--filter', `name=^/${P}`)).split('\n').filter(Boolean);
  if (ids.length > 0) await docker('rm', '-f', ...ids);
});

describe('the web panel in Chromium against the real engine', () => {
  it('creates the first admin on first run with the setup wizard, then signs in', async () => {
    const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.goto(daemon.url);
    await page.getByRole('heading', { name: 'Welcome to Harbourmaster' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/setup.png` });
    // Whoever merely reaches the port cannot claim the installation: a made-up code is refused.
    const wrongCode = daemon.setupCode.startsWith('0') ? '1111-1111-1111' : '0000-0000-0000';
    await page.getByLabel('Setup code').fill(wrongCode);
    await next();
    await page.getByRole('heading', { name: 'This machine' }).waitFor();
    await next();
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Password again').fill('short');
    await next();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('password');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await next();
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await next();
    await page.getByRole('heading', { name: 'HTTPS' }).waitFor();
    await next();
    await page.getByRole('button', { name: 'Create admin and finish' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not the setup code');
    // The operator types the code from the daemon's console, as it reads there, and creates again.
    await page.getByLabel('Setup code').fill(daemon.setupCode);
    await page.getByRole('button', { name: '6. Review' }).click();
    await page.getByRole('button', { name: 'Create admin and finish' }).click();
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.fill('#username', ADMIN.username);
    await page.fill('#password', 'wrong password!');
    await page.click('button[type=submit]');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/invalid username or password/i);
    await page.fill('#password', ADMIN.password);
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('shows a state change made outside the panel live, without a reload', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Containers' }).click();
    await expect.poll(() => stateOf(`${P}web`).textContent()).toBe('running');
    await page.screenshot({ path: `${SHOTS}/containers.png` });
    await docker('stop', '-t', '0', `${P}web`);
    await expect.poll(() => stateOf(`${P}web`).textContent(), { timeout: 5000 }).toBe('exited');
    await docker('start', `${P}web`);
    await expect.poll(() => stateOf(`${P}web`).textContent(), { timeout: 5000 }).toBe('running');
  });

  it('stops and starts a container from its page, with a confirmation for stop', async () => {
    await page.getByRole('link', { name: `${P}web` }).click();
    await page.getByRole('tab', { name: 'overview' }).waitFor();
    await page.getByRole('button', { name: 'stop' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop' }).click();
    await expect
      .poll(() => docker('inspect', '-f', '{{.State.Status}}', `${P}web`), { timeout: 15000 })
      .toBe('exited');
    await page.getByRole('button', { name: 'start' }).click();
    await expect
      .poll(() => docker('inspect', '-f', '{{.State.Status}}', `${P}web`), { timeout: 15000 })
      .toBe('running');
    await page.getByRole('button', { name: 'restart' }).waitFor();
  });

  it('follows the logs and finds a line by search', async () => {
    await page.getByRole('tab', { name: 'logs' }).click();
    const lines = page.getByTestId('log-lines');
    await expect.poll(() => lines.textContent(), { timeout: 10000 }).toMatch(/request \d+ served/);
    const before = (await lines.textContent()) ?? '';
    await expect
      .poll(async () => ((await lines.textContent()) ?? '').length, { timeout: 5000 })
      .toBeGreaterThan(before.length);
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('request 3 served');
    await expect
      .poll(() => page.locator('[data-testid=log-lines] mark').first().textContent())
      .toBe('request 3 served');
    await page.screenshot({ path: `${SHOTS}/logs.png` });
  });

  it('runs echo in the terminal and shows the output', async () => {
    await page.getByRole('tab', { name: 'terminal' }).click();
    await expect
      .poll(() => page.getByTestId('terminal-state').textContent(), { timeout: 10000 })
      .toContain('connected');
    await page.getByTestId('terminal').click();
    await page.keyboard.type('echo "six times seven is $((6*7))"\n');
    await expect
      .poll(() => page.getByTestId('terminal').textContent(), { timeout: 5000 })
      .toContain('six times seven is 42');
    await page.screenshot({ path: `${SHOTS}/terminal.png` });
  });

  it('pulls an image from the local registry and shows its layers complete', async () => {
    const ref = `${process.env.HM_TEST_REGISTRY ?? '127.0.0.1:5000'}/hm-test/busybox:2`;
    await docker('rmi', '-f', ref, 'local/busybox:2').catch(() => '');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Images' }).click();
    await page.getByRole('textbox', { name: 'Image to pull' }).fill(ref);
    await page.getByRole('button', { name: 'Pull' }).click();
    await expect
      .poll(() => page.getByTestId('pull-state').textContent(), { timeout: 30000 })
      .toBe('succeeded');
    const bars = page.getByRole('progressbar');
    expect(await bars.count()).toBeGreaterThan(0);
    for (const bar of await bars.all()) expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    await expect.poll(() => page.locator('table').textContent()).toContain(ref);
    await page.screenshot({ path: `${SHOTS}/images.png` });
  });

  it('shows a viewer no button it cannot use', async () => {
    const api = (path: string, body: unknown) =>
      page.evaluate(
        async ([p, b]) => {
          const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
          const res = await fetch(p as string, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify(b),
          });
          return res.status;
        },
        [path, body],
      );
    expect(
      await api('/api/users', { username: 'watcher', password: 'only looking here', role: 'viewer' }),
    ).toBe(201);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.fill('#username', 'watcher');
    await page.fill('#password', 'only looking here');
    await page.click('button[type=submit]');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Containers' }).click();
    await expect.poll(() => stateOf(`${P}web`).textContent()).toBe('running');
    expect(await page.getByRole('checkbox', { name: `Select ${P}web` }).count()).toBe(0);
    await page.getByRole('link', { name: `${P}web` }).click();
    await page.getByRole('tab', { name: 'overview' }).waitFor();
    for (const name of ['stop', 'restart', 'Remove'])
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'terminal' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Images' }).click();
    await page.locator('table').waitFor();
    expect(await page.getByRole('button', { name: 'Pull' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/viewer-detail.png` });
  });
});

describe('the look of every page', () => {
  it('is captured in both themes and at phone width', async () => {
    for (const theme of ['dark', 'light']) {
      await page.evaluate((t) => localStorage.setItem('hm-theme', t), theme);
      for (const [name, path] of [
        ['dashboard', '/'],
        ['containers', '/containers'],
      ] as const) {
        await page.goto(daemon.url + path);
        await page
          .getByRole('heading', { name: name === 'dashboard' ? 'Dashboard' : 'Containers' })
          .waitFor();
        expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
        await page.screenshot({ path: `${SHOTS}/${name}-${theme}.png` });
      }
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(daemon.url + '/containers');
    await page.getByRole('button', { name: 'Menu' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/containers-phone.png` });
  });
});

describe('the create wizard', () => {
  it('shows a port collision inline before submit, then creates the container', async () => {
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.goto(daemon.url + '/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.fill('#username', ADMIN.username);
    await page.fill('#password', ADMIN.password);
    await page.click('button[type=submit]');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(daemon.url + '/containers');
    await page.getByRole('link', { name: 'New container' }).click();
    await page.getByRole('combobox', { name: 'Image' }).fill(IMAGE);
    await page.getByRole('textbox', { name: 'Container name' }).fill(`${P}made`);
    await page.getByRole('textbox', { name: 'Command' }).fill('sleep 3600');
    await page.getByRole('textbox', { name: 'Network' }).fill('none');
    await page.getByRole('button', { name: /Ports/ }).click();
    await page.getByRole('button', { name: 'HTTP 80' }).click();
    await page.getByRole('button', { name: 'HTTP 80' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 5000 })
      .toContain('also asked for by ports.0');
    await page.screenshot({ path: `${SHOTS}/create-problem.png` });
    await page.getByRole('button', { name: 'Remove row 2' }).click();
    await page.getByRole('button', { name: 'Remove row 1' }).click();
    await page.getByRole('button', { name: /Review/ }).click();
    const create = page.getByRole('button', { name: 'Create and start' });
    await expect.poll(() => create.isEnabled(), { timeout: 5000 }).toBe(true);
    await create.click();
    await page.getByRole('tab', { name: 'overview' }).waitFor();
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${P}made`)).toBe('running');

    // An uploaded icon shows on the page and in the table (uploads only: no traffic leaves this machine).
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082',
      'hex',
    );
    await page
      .getByLabel('Upload icon')
      .setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: png });
    await expect
      .poll(() => page.locator(`img[src^="/api/hosts/local/icons/${P}made"]`).count(), { timeout: 5000 })
      .toBeGreaterThan(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Containers' }).click();
    await expect
      .poll(() => page.locator(`[role=row][data-name="${P}made"] img`).getAttribute('src'))
      .toMatch(/^\/api\/hosts\/local\/icons\//);
    await page.screenshot({ path: `${SHOTS}/containers-with-icon.png` });
  });
});
