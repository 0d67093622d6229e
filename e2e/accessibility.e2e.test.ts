import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { dockerHost, openBrowser, startDaemon, type Daemon } from './support/panel.js';
import { axeFindings, type AxeFinding, THEMES } from './support/axe.js';
import { completeSetup } from './support/setup-wizard.js';

const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (await run('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost() } })).stdout.trim();
const IMAGE = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const P = `hma11y-${process.pid}-`;
const SHOTS = process.env.HM_SCREENSHOT_DIR ?? 'e2e/screenshots';
const ADMIN = { username: 'admin', password: 'correct horse battery' };
type Theme = (typeof THEMES)[number];

let daemon: Daemon;
let browser: BrowserContext;
let page: Page;

/** A page of the panel, and what shows that it has loaded (data included, not only the frame). */
interface PanelPage {
  name: string;
  path: string;
  heading: string;
  /** Puts the page into the state to check, after it loaded: a tab, a step, a shown problem. */
  act?: () => Promise<void>;
}

// Every route of apps/web/src/app.tsx, the container page's tabs and the wizard's states.
const PAGES: PanelPage[] = [
  { name: 'dashboard', path: '/', heading: 'Dashboard' },
  { name: 'containers', path: '/containers', heading: 'Containers' },
  { name: 'containers-stacks', path: '/containers?view=stacks', heading: 'Containers' },
  { name: 'container-overview', path: `/containers/local/${P}worker-2`, heading: `${P}worker-2` },
  {
    name: 'container-logs',
    path: `/containers/local/${P}worker-2`,
    heading: `${P}worker-2`,
    act: () => page.getByRole('tab', { name: 'Logs' }).click(),
  },
  {
    name: 'container-terminal',
    path: `/containers/local/${P}worker-2`,
    heading: `${P}worker-2`,
    act: async () => {
      await page.getByRole('tab', { name: 'Terminal' }).click();
      await expect
        .poll(() => page.getByTestId('terminal-state').textContent(), { timeout: 10000 })
        .toContain('connected');
    },
  },
  {
    name: 'container-inspect',
    path: `/containers/local/${P}worker-2`,
    heading: `${P}worker-2`,
    act: () => page.getByRole('tab', { name: 'Inspect' }).click(),
  },
  {
    name: 'container-metrics',
    path: `/containers/local/${P}worker-2`,
    heading: `${P}worker-2`,
    act: async () => {
      await page.getByRole('tab', { name: 'Metrics' }).click();
      await page.locator('[data-testid=chart] canvas').first().waitFor();
    },
  },
  { name: 'host', path: '/hosts/local', heading: 'local' },
  { name: 'container-crashed', path: `/containers/local/${P}crashed`, heading: `${P}crashed` },
  { name: 'create', path: '/containers/new', heading: 'New container' },
  {
    name: 'create-problem',
    path: '/containers/new',
    heading: 'New container',
    act: async () => {
      await page.getByLabel('Image').focus();
      await page.getByLabel('Container name').focus();
      await page.getByRole('alert').waitFor();
    },
  },
  {
    name: 'create-ports',
    path: '/containers/new',
    heading: 'New container',
    act: async () => {
      await page.getByRole('button', { name: /Ports/ }).click();
      await page.getByRole('button', { name: 'HTTP 80' }).click();
    },
  },
  {
    name: 'create-review',
    path: '/containers/new',
    heading: 'New container',
    act: () => page.getByRole('button', { name: /Review/ }).click(),
  },
  { name: 'images', path: '/images', heading: 'Images' },
  { name: 'networks', path: '/networks', heading: 'Networks' },
  { name: 'volumes', path: '/volumes', heading: 'Volumes' },
  { name: 'events', path: '/events', heading: 'Events' },
  { name: 'admin', path: '/admin', heading: 'Admin' },
  { name: 'not-found', path: '/no-such-page', heading: 'Not found' },
];

async function useTheme(theme: Theme): Promise<void> {
  await page.evaluate((t) => localStorage.setItem('hm-theme', t), theme);
}

/** Loads a page in a theme, waits until its data is in, and returns what axe finds there. */
async function check(p: PanelPage, theme: Theme): Promise<AxeFinding[]> {
  await page.goto(daemon.url + p.path);
  await page.getByRole('heading', { name: p.heading, exact: true }).waitFor();
  expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
  // Skeletons stand in while lists load; the real rows are what has to pass.
  await expect.poll(() => page.locator('[aria-busy=true]').count(), { timeout: 10000 }).toBe(0);
  await p.act?.();
  await page.screenshot({ path: `${SHOTS}/a11y-${p.name}-${theme}.png`, fullPage: true });
  return axeFindings(page);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Rows in every tone the panel colours: running (ok), paused (warn), exited with an error (bad).
  for (const name of ['worker-1', 'worker-2', 'worker-10', 'paused'])
    await docker(
      'run',
      '-d',
      '--name',
      `${P}${name}`,
      '--network',
      'none',
      '--label',
      'tier=back',
      IMAGE,
      'sleep',
      '3600',
    );
  await docker('pause', `${P}paused`);
  await docker('run', '-d', '--name', `${P}crashed`, '--network', 'none', IMAGE, 'sh', '-c', 'exit 3');
  daemon = await startDaemon(24000 + (process.pid % 1000));
  browser = await openBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  const ids = (await docker('ps', '-aq', '--filter', `name=^/${P}`)).split('\n').filter(Boolean);
  if (ids.length > 0) await docker('rm', '-f', ...ids);
});

describe('every page of the panel meets WCAG 2.1 A and AA (axe-core) in both themes', () => {
  it('the first-run setup page', async () => {
    await page.goto(daemon.url);
    for (const theme of THEMES) {
      await useTheme(theme);
      await page.reload();
      await page.getByRole('heading', { name: 'Welcome to Harbourmaster' }).waitFor();
      await page.screenshot({ path: `${SHOTS}/a11y-setup-${theme}.png`, fullPage: true });
      expect(await axeFindings(page), `setup page, ${theme} theme`).toEqual([]);
    }
    // Each step of the wizard is checked in e2e/setup-wizard.e2e.test.ts.
    await completeSetup(page, daemon.setupCode, ADMIN);
  });

  it('the sign-in page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    for (const theme of THEMES) {
      await useTheme(theme);
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.screenshot({ path: `${SHOTS}/a11y-sign-in-${theme}.png`, fullPage: true });
      expect(await axeFindings(page), `sign-in page, ${theme} theme`).toEqual([]);
    }
    await page.fill('#username', ADMIN.username);
    await page.fill('#password', ADMIN.password);
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  for (const theme of THEMES) {
    it(`every signed-in page in the ${theme} theme`, { timeout: 180_000 }, async () => {
      await useTheme(theme);
      const findings: Record<string, AxeFinding[]> = {};
      for (const p of PAGES) {
        const found = await check(p, theme);
        if (found.length > 0) findings[p.name] = found;
      }
      // Kept beside the screenshots for whoever fixes them; all pages at once, so one run shows
      // everything left to fix rather than the first page only.
      writeFileSync(`${SHOTS}/a11y-findings-${theme}.json`, JSON.stringify(findings, null, 2));
      expect(findings).toEqual({});
    });
  }
});

describe('the create wizard', () => {
  /** The visible label of every field on the page; null for a field without one. */
  const labelsOfFields = async () => {
    const labels: Array<string | null> = [];
    for (const field of await page.locator('main input:not([type=checkbox]), main select').all()) {
      const label = page.locator(`label[for="${await field.getAttribute('id')}"]`);
      // Visible to the eye, not only to screen readers (their sr-only text is 1px and clipped).
      const box = (await label.count()) === 1 ? await label.boundingBox() : null;
      labels.push(box && box.width > 1 ? await label.innerText() : null);
    }
    return labels;
  };

  it('shows no problem before anything is typed, then says in plain words what to enter', async () => {
    await page.goto(`${daemon.url}/containers/new`);
    await page.getByRole('heading', { name: 'New container' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const image = page.getByRole('combobox', { name: 'Image' });
    await image.focus();
    await page.getByLabel('Container name').focus();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Enter an image, e.g. nginx:1.27');
    expect(await image.getAttribute('aria-invalid')).toBe('true');
    await image.fill(IMAGE);
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  });

  it("offers the host's local images in the image field", async () => {
    const list = await page.getByRole('combobox', { name: 'Image' }).getAttribute('list');
    await expect.poll(() => page.locator(`datalist#${list} option[value="${IMAGE}"]`).count()).toBe(1);
  });

  it('gives every field on every step a visible label', async () => {
    for (const step of ['Image', 'Ports', 'Volumes', 'Environment', 'Health & restart']) {
      await page.getByRole('button', { name: new RegExp(`^\\d\\. ${step.replace('&', '\\&')}$`) }).click();
      // Rows appear once added; add one of each kind so their fields are checked too.
      for (const add of await page.getByRole('button', { name: /^\+ / }).all()) await add.click();
      const labels = await labelsOfFields();
      expect(labels.length, step).toBeGreaterThan(0);
      expect(labels, step).not.toContain(null);
    }
  });
});
