import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { openBrowser, startDaemon, type Daemon } from './support/panel.js';
import { checkBothThemes, labelsOfFields } from './support/axe.js';

const SHOTS = process.env.HM_SCREENSHOT_DIR ?? 'e2e/screenshots';
const ADMIN = { username: 'admin', password: 'correct horse battery' };

let daemon: Daemon;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  daemon = await startDaemon(27000 + (process.pid % 1000));
  browser = await openBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
});

const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
const alerts = () => page.getByRole('alert').allInnerTexts();

describe('the first-boot wizard in Chromium', () => {
  it('walks every step: plain problems only after acting, a visible label on every field, WCAG AA in both themes', async () => {
    await page.goto(daemon.url);
    await page.getByRole('heading', { name: 'Welcome to Harbourmaster' }).waitFor();

    // 1. The setup code, and where to find it.
    await page.getByRole('heading', { name: 'Setup code' }).waitFor();
    expect(await page.getByText('journalctl -u harbourmaster').count()).toBe(1);
    expect(await alerts()).toEqual([]);
    expect(await labelsOfFields(page, page.locator('form input, form select'))).toEqual(['Setup code']);
    await checkBothThemes(page, { dir: SHOTS, name: 'setup-wizard-1-code' });
    await next();
    expect(await alerts()).toEqual(['Enter the setup code.']);
    await checkBothThemes(page, { dir: SHOTS, name: 'setup-wizard-1-code-problem' });
    await page.getByLabel('Setup code').fill(daemon.setupCode.toLowerCase());
    await next();

    // 2. This machine: the hostname is shown only (the daemon does not manage it), the zone is chosen.
    await page.getByRole('heading', { name: 'This machine' }).waitFor();
    const name = page.getByLabel('Hostname');
    expect(await name.inputValue()).toBe(hostname());
    expect(await name.getAttribute('readonly')).not.toBeNull();
    expect(await labelsOfFields(page, page.locator('form input, form select'))).toEqual([
      'Hostname',
      'Time zone',
    ]);
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    expect(await alerts()).toEqual([]);
    await checkBothThemes(page, { dir: SHOTS, name: 'setup-wizard-2-machine' });
    await next();

    // 3. The admin: nothing shows before input; after Next, each empty field says what it needs.
    await page.getByRole('heading', { name: 'Admin account' }).waitFor();
    expect(await alerts()).toEqual([]);
    expect(await labelsOfFields(page, page.locator('form input, form select'))).toEqual([
      'Username',
      'Password',
      'Password again',
    ]);
    await next();
    expect(await alerts()).toEqual(['Enter a username.', 'Enter a password.', 'Type the password again.']);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill('correct horse batterY');
    expect(await alerts()).toEqual(['The two passwords differ.']);
    expect(await page.locator('#password-hint').innerText()).toContain('Strong');
    await checkBothThemes(page, { dir: SHOTS, name: 'setup-wizard-3-admin-problem' });
    await page.getByLabel('Password again').fill(ADMIN.password);
    expect(await alerts()).toEqual([]);
    await next();

    // 4. Apps: the app-data folder, checked when the field is left.
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    const root = page.getByLabel('App-data folder');
    expect(await root.inputValue()).toBe('/srv/appdata');
    await root.fill('srv/apps');
    expect(await alerts()).toEqual([]);
    await root.blur();
    expect(await alerts()).toEqual(['The app-data folder is an absolute path: it starts with /.']);
    await checkBothThemes(page, { dir: SHOTS, name: 'setup-wizard-4-apps-problem' });
    await root.fill('/data//apps/');
    await next();

    // 5. HTTPS: Let's Encrypt needs a domain and an email, each said where it belongs.
    await page.getByRole('heading', { name: 'HTTPS' }).waitFor();
    await page.getByRole('radio', { name: /Let’s Encrypt/ }).check();
    expect(await labelsOfFields(page, page.locator('form input, form select'))).toEqual([
      'None for now: I’ll add it later',
      'Caddy with its own certificate (LAN)',
      'Caddy with Let’s Encrypt (public domain)',
      'Domain',
      'Email for Let’s Encrypt',
    ]);
    await next();
    expect(await alerts()).toEqual([
      "Let's Encrypt needs the public domain name that points at this machine.",
      "Let's Encrypt needs an email address for notices about the certificate.",
    ]);
    await checkBothThemes(page, { dir: SHOTS, name: 'setup-wizard-5-https-problem' });
    await page.getByLabel('Domain', { exact: true }).fill('panel.example.com');
    await page.getByLabel('Email for Let’s Encrypt').fill('ops@example.com');
    await checkBothThemes(page, { dir: SHOTS, name: 'setup-wizard-5-https' });
    await next();

    // 6. Review, with what to do next for the HTTPS choice; one click back changes a step.
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    const review = await page.locator('form').innerText();
    for (const shown of ['Europe/Berlin', '/data/apps', 'panel.example.com', 'HM_ACME_EMAIL=ops@example.com'])
      expect(review).toContain(shown);
    expect(review).not.toContain('//apps');
    expect(review).toContain('Caddyfile.acme');
    expect(review).toContain('HM_TRUST_PROXY=loopback');
    await checkBothThemes(page, { dir: SHOTS, name: 'setup-wizard-6-review' });
    await page.getByRole('button', { name: 'Change time zone' }).click();
    await page.getByLabel('Time zone').selectOption('Europe/Vienna');
    await page.getByRole('button', { name: '6. Review' }).click();
    await page.getByRole('button', { name: 'Create admin and finish' }).click();

    // Done: signed in, with the next steps again, then the dashboard.
    await page.getByRole('heading', { name: 'Harbourmaster is ready' }).waitFor();
    await checkBothThemes(page, { dir: SHOTS, name: 'setup-wizard-7-done' });
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    const stored = await page.evaluate(() => fetch('/api/settings').then((r) => r.json()));
    expect(stored).toEqual({
      hostname: hostname(),
      manageHost: false,
      appDataRoot: '/data/apps',
      timezone: 'Europe/Vienna',
      tls: { mode: 'acme', domain: 'panel.example.com', email: 'ops@example.com' },
    });
  });

  it('suggests bind-mount folders under the chosen app-data folder in the create wizard', async () => {
    await page.goto(`${daemon.url}/containers/new`);
    await page.getByRole('heading', { name: 'New container' }).waitFor();
    await page.getByLabel('Container name').fill('notes');
    await page.getByRole('button', { name: /Volumes/ }).click();
    await expect.poll(() => page.getByText('/data/apps/<container name>/').count()).toBe(1);
    await page.getByRole('button', { name: '+ bind mount' }).click();
    expect(await page.getByLabel('Host folder').inputValue()).toBe('/data/apps/notes/data');
  });

  it('no longer shows the machine to anyone once the admin exists', async () => {
    expect((await fetch(`${daemon.url}/api/setup/host`)).status).toBe(404);
  });
});
