import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { openBrowser, startDaemon, type Daemon } from './support/panel.js';
import { checkBothThemes, labelsOfFields } from './support/axe.js';
import { completeSetup } from './support/setup-wizard.js';

const SHOTS = process.env.HM_SCREENSHOT_DIR ?? 'e2e/screenshots';
const ADMIN = { username: 'admin', password: 'correct horse battery' };

let daemon: Daemon;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  daemon = await startDaemon(28000 + (process.pid % 1000));
  browser = await openBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(daemon.url);
  await completeSetup(page, daemon.setupCode, ADMIN);
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
});

const settings = () => page.locator('section[aria-labelledby="settings-heading"]');
const alerts = () => settings().getByRole('alert').allInnerTexts();
const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
const stored = () => page.evaluate(() => fetch('/api/settings').then((r) => r.json()));

/** Opens the create wizard through the panel's links (no reload: the cached settings are what it uses). */
async function bindSuggestion(): Promise<string> {
  await nav('Containers').click();
  await page.getByRole('link', { name: 'New container' }).click();
  await page.getByRole('heading', { name: 'New container' }).waitFor();
  await page.getByLabel('Container name').fill('notes');
  await page.getByRole('button', { name: /Volumes/ }).click();
  await page.getByRole('button', { name: '+ bind mount' }).click();
  return page.getByLabel('Host folder').inputValue();
}

describe('settings in the Admin page', () => {
  it('changes the app-data folder and the HTTPS choice; the create wizard follows without a reload', async () => {
    expect(await bindSuggestion()).toBe('/srv/appdata/notes/data');
    const before = (await stored()) as { timezone: string };

    await nav('Admin').click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const name = settings().getByLabel('Hostname');
    expect(await name.inputValue()).toBe(hostname());
    expect(await name.getAttribute('readonly')).not.toBeNull();
    expect(await settings().getByLabel('Time zone').inputValue()).toBe(before.timezone);
    expect(await labelsOfFields(page, settings().locator('input, select'))).toEqual([
      'Hostname',
      'Time zone',
      'App-data folder',
      'None for now: I’ll add it later',
      'Caddy with its own certificate (LAN)',
      'Caddy with Let’s Encrypt (public domain)',
    ]);
    expect(await alerts()).toEqual([]);
    // No HTTPS yet: the next steps say where the Caddyfiles are, installed or in a checkout.
    expect(await settings().innerText()).toMatch(
      /Caddyfile \(installed as a package, the Caddyfiles are in \/usr\/share\/harbourmaster\/caddy\/; from a checkout, in packaging\/caddy\/\)/,
    );
    await checkBothThemes(page, { dir: SHOTS, name: 'admin-settings-1-stored' });

    // Problems show after acting, in plain words; nothing is saved while there are any.
    const root = settings().getByLabel('App-data folder');
    await root.fill('srv/apps');
    expect(await alerts()).toEqual([]);
    await root.blur();
    expect(await alerts()).toEqual(['The app-data folder is an absolute path: it starts with /.']);
    await root.fill('/data//apps/');
    await settings()
      .getByRole('radio', { name: /Let’s Encrypt/ })
      .check();
    await settings().getByRole('button', { name: 'Save settings' }).click();
    expect(await alerts()).toEqual([
      "Let's Encrypt needs the public domain name that points at this machine.",
      "Let's Encrypt needs an email address for notices about the certificate.",
    ]);
    await checkBothThemes(page, { dir: SHOTS, name: 'admin-settings-2-problem' });
    expect(await stored()).toMatchObject({ appDataRoot: '/srv/appdata', tls: { mode: 'none' } });

    // Caddy on the LAN instead: the next steps name the installed Caddyfile and the chosen name.
    await settings()
      .getByRole('radio', { name: /own certificate/ })
      .check();
    await settings().getByLabel('Name on your network (optional)').fill('Harbourmaster.Lan');
    const steps = await settings().innerText();
    expect(steps).toContain('cp /usr/share/harbourmaster/caddy/Caddyfile /etc/caddy/Caddyfile');
    expect(steps).toContain('packaging/caddy/');
    expect(steps).toContain('HM_DOMAIN=Harbourmaster.Lan');
    expect(steps).toContain('HM_TRUST_PROXY=loopback');
    expect(await alerts()).toEqual([]);
    await settings().getByRole('button', { name: 'Save settings' }).click();
    await settings().getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    expect(await root.inputValue()).toBe('/data/apps');
    await checkBothThemes(page, { dir: SHOTS, name: 'admin-settings-3-saved' });

    expect(await stored()).toEqual({
      hostname: hostname(),
      manageHost: false,
      appDataRoot: '/data/apps',
      timezone: before.timezone,
      tls: { mode: 'internal', domain: 'harbourmaster.lan' },
    });
    expect(await bindSuggestion()).toBe('/data/apps/notes/data');
  });

  it('shows the stored settings after a reload, and says when nothing changed', async () => {
    await page.goto(`${daemon.url}/admin`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await settings().getByLabel('App-data folder').inputValue()).toBe('/data/apps');
    expect(
      await settings()
        .getByRole('radio', { name: /own certificate/ })
        .isChecked(),
    ).toBe(true);
    expect(await settings().getByLabel('Name on your network (optional)').inputValue()).toBe(
      'harbourmaster.lan',
    );
    await settings().getByRole('button', { name: 'Save settings' }).click();
    await settings().getByRole('status').filter({ hasText: 'Nothing changed' }).waitFor();
  });

  it('changes how often metrics are sampled and how long they are kept, refusing what is out of range', async () => {
    const metrics = page.locator('section[aria-labelledby="metrics-settings-heading"]');
    const every = metrics.getByLabel('Sample every');
    const keep = metrics.getByLabel('Keep history for');
    expect([await every.inputValue(), await keep.inputValue()]).toEqual(['1', '90']);
    // Nothing is said before the person acts; a value out of range is refused in plain words.
    expect(await metrics.getByRole('alert').count()).toBe(0);
    await every.fill('0');
    await keep.click();
    expect(await metrics.getByRole('alert').allInnerTexts()).toEqual([
      'Sample at most once a second (intervalSeconds ≥ 1).',
    ]);
    await metrics.getByRole('button', { name: 'Save metrics settings' }).click();
    const read = () => page.evaluate(() => fetch('/api/metrics/settings').then((r) => r.json()));
    expect(await read()).toEqual({ intervalSeconds: 1, retentionDays: 90 });
    await every.fill('5');
    await keep.fill('30');
    await metrics.getByRole('button', { name: 'Save metrics settings' }).click();
    await metrics.getByRole('status').filter({ hasText: 'saved' }).waitFor();
    expect(await read()).toEqual({ intervalSeconds: 5, retentionDays: 30 });
    await page.reload();
    expect(await page.getByLabel('Sample every').inputValue()).toBe('5');
  });

  it('is not there for a viewer, who may read the settings but not change them', async () => {
    const viewer = { username: 'watcher', password: 'a viewer password' };
    await page.getByLabel('New username').fill(viewer.username);
    await page.getByLabel('New password').fill(viewer.password);
    await page.getByLabel('New user role').selectOption('viewer');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('cell', { name: viewer.username, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    // Wait for the sign-in page: until then "Username" would also match the admin page's "New username".
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Username', { exact: true }).fill(viewer.username);
    await page.getByLabel('Password', { exact: true }).fill(viewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await nav('Dashboard').waitFor();
    expect(await nav('Admin').count()).toBe(0);
    await page.goto(`${daemon.url}/admin`);
    await page.getByRole('heading', { name: 'Admin' }).waitFor();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Settings' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save metrics settings' }).count()).toBe(0);
    expect(await stored()).toMatchObject({ appDataRoot: '/data/apps' });
  });
});
