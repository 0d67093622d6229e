import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { dockerHost, openBrowser, startDaemon, type Daemon } from './support/panel.js';
import { axeFindings, checkBothThemes, labelsOfFields } from './support/axe.js';
import { completeSetup } from './support/setup-wizard.js';

const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (await run('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost() } })).stdout.trim();
const IMAGE = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';
const P = `hmalerts-${process.pid}-`;
const CRASH = `${P}crash`;
const CRASH_AGAIN = `${P}crash-again`;
const SHOTS = process.env.HM_SCREENSHOT_DIR ?? 'e2e/screenshots';
const ADMIN = { username: 'admin', password: 'correct horse battery' };
const TOKEN = 'receiver-token-1234';

/** What the loopback receiver got: the webhook's POSTs, parsed. */
interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: { title?: string; detail?: { exitCode?: number; logTail?: string[] } };
}
const received: Received[] = [];
/** While set, the receiver answers 500, as a service that is down. */
let failing = false;
let receiver: Server;
let receiverUrl = '';

let daemon: Daemon;
let browser: BrowserContext;
let page: Page;
/** The live `alerts` events the page heard. */
let liveAlertEvents = 0;

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
const channelForm = () => page.getByRole('form', { name: /channel/ });
const channelRow = (name: string) =>
  page.locator('section[aria-labelledby="channels-heading"] tr', { hasText: name });
const alertCard = (name: string) => page.getByTestId('alert').filter({ hasText: `${name} crashed` });
const receivedFor = (name: string) => received.filter((r) => r.body.title?.startsWith(`${name} `));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      let body: Received['body'] = {};
      try {
        body = JSON.parse(text) as Received['body'];
      } catch {
        // Not JSON: recorded with an empty body.
      }
      received.push({ headers: req.headers, body });
      if (failing) res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver is down');
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  daemon = await startDaemon(25000 + (process.pid % 1000));
  browser = await openBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (payload.toString().includes('"topic":"alerts"')) liveAlertEvents++;
    }),
  );
  await page.goto(daemon.url);
  await completeSetup(page, daemon.setupCode, ADMIN);
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  const ids = (await docker('ps', '-aq', '--filter', `name=^/${P}`)).split('\n').filter(Boolean);
  if (ids.length > 0) await docker('rm', '-f', ...ids);
});

/** One alert of the history as the API returns it, for the paging test's stand-in answers. */
const fakeAlert = (i: number, at: number) => ({
  id: `fake-${i}`,
  key: `external:fake-${i}`,
  source: 'external',
  kind: 'external',
  severity: 'info',
  status: 'firing',
  title: `${P}fake ${i}`,
  message: '',
  hostId: null,
  container: null,
  stack: null,
  labels: {},
  detail: {},
  at,
  url: null,
  repeats: 0,
  ackedAt: null,
  ackedBy: null,
  muted: 'no rule matched',
  deliveries: [],
});

describe('alerts in the panel', () => {
  it('says how alerts get here while there are none, with the way to Admin → Notifications', async () => {
    // The engine is shared with other tests, whose crashes this daemon would record too: the history
    // is answered empty here so the page shows its empty state whatever they do.
    await page.route('**/api/alerts?*', (route) => route.fulfill({ json: { alerts: [] } }));
    await nav('Alerts').click();
    await page.getByText('No alerts yet').waitFor();
    await checkBothThemes(page, { dir: SHOTS, name: 'alerts-empty' });
    await page.unroute('**/api/alerts?*');
    await page.getByRole('link', { name: 'Admin → Notifications' }).click();
    await expect.poll(() => page.url()).toBe(`${daemon.url}/admin#notifications`);
  });

  it('adds a webhook channel in Admin → Notifications; a refused field says why beside it; a test reaches the receiver', async () => {
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await expect.poll(() => page.getByText('No channels yet').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Add rule' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Add channel' }).click();
    const form = channelForm();
    // The fields follow the type, each under a visible label.
    await form.getByLabel('Type').selectOption('email');
    expect(await labelsOfFields(page, form.locator('input:not([type=checkbox]), select, textarea'))).toEqual([
      'Name',
      'Type',
      'SMTP host',
      'Port',
      'Security',
      'Username',
      'Password',
      'From',
      'To',
    ]);
    expect(await form.getByLabel('Port').inputValue()).toBe('587');
    await form.getByLabel('Type').selectOption('webhook');
    await form.getByRole('button', { name: 'Add header' }).click();
    expect(await labelsOfFields(page, form.locator('input:not([type=checkbox]), select, textarea'))).toEqual([
      'Name',
      'Type',
      'URL',
      'Header name',
      'Header value',
      'Body template',
    ]);
    expect(await form.getByLabel('URL').getAttribute('type')).toBe('password');

    // The server refuses a URL that is not http(s): the message shows under the URL field.
    await form.getByLabel('Name', { exact: true }).fill('receiver');
    await form.getByLabel('URL').fill('ftp://example.com/');
    await form.getByLabel('Header name').fill('X-Token');
    await form.getByLabel('Header value').fill(TOKEN);
    await form.getByRole('button', { name: 'Add channel' }).click();
    const url = form.getByLabel('URL');
    await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');
    const problemId = (await url.getAttribute('aria-describedby'))?.split(' ')[0] ?? '';
    expect(await page.locator(`[id="${problemId}"]`).innerText()).toBe('Enter an http:// or https:// URL.');
    await checkBothThemes(page, { dir: SHOTS, name: 'alerts-admin-channel-form' });

    await url.fill(receiverUrl);
    await form.getByRole('button', { name: 'Add channel' }).click();
    await channelRow('receiver').waitFor();
    expect(await channelRow('receiver').innerText()).toMatch(/Webhook\s+ok\s+never/);

    await page.getByRole('button', { name: 'Send test to receiver' }).click();
    await expect
      .poll(() => channelRow('receiver').getByRole('status').innerText())
      .toMatch(/^Test sent in \d+ ms$/);
    expect(received).toHaveLength(1);
    expect(received[0]?.body.title).toBe('Test alert from Harbourmaster');
    expect(received[0]?.headers['x-token']).toBe(TOKEN);
    await expect.poll(() => channelRow('receiver').innerText()).not.toContain('never');
  });

  it('keeps the secrets of a channel edited without retyping them', async () => {
    await page.getByRole('button', { name: 'Edit receiver' }).click();
    const form = channelForm();
    expect(await form.getByLabel('URL').inputValue()).toBe('');
    expect(await form.getByLabel('URL').getAttribute('placeholder')).toBe('saved — leave empty to keep');
    expect(await form.getByLabel('Header name').inputValue()).toBe('X-Token');
    await form.getByLabel('Body template').fill('{"title": "{{alert.title}}", "via": "template"}');
    await form.getByRole('button', { name: 'Save channel' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Send test to receiver' }).click();
    await expect.poll(() => received.length).toBe(2);
    expect(received[1]?.headers['x-token']).toBe(TOKEN);
    expect(received[1]?.body).toEqual({ title: 'Test alert from Harbourmaster', via: 'template' });
    // Back to the alert itself as the body, for the crash below.
    await page.getByRole('button', { name: 'Edit receiver' }).click();
    await channelForm().getByLabel('Body template').fill('');
    await channelForm().getByRole('button', { name: 'Save channel' }).click();
    await channelForm().waitFor({ state: 'detached' });
  });

  it('adds a rule that sends container alerts to the channel', async () => {
    await page.getByRole('button', { name: 'Add rule' }).click();
    const form = page.getByRole('form', { name: 'Add a rule' });
    await form.getByLabel('Name', { exact: true }).fill('container trouble');
    // The only channel is ticked already.
    expect(await form.getByRole('checkbox', { name: 'receiver' }).isChecked()).toBe(true);
    await form.getByRole('checkbox', { name: 'container', exact: true }).check();
    await form.getByRole('button', { name: 'Add rule' }).click();
    const row = page.locator('section[aria-labelledby="rules-heading"] tr', { hasText: 'container trouble' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/container alerts\s+receiver\s+none\s+yes\s+enabled/);
    await checkBothThemes(page, { dir: SHOTS, name: 'alerts-admin-notifications' });
  });

  it('shows a crash on the Alerts page as it happens, with its exit code, last lines and delivery; the receiver got it', async () => {
    await nav('Alerts').click();
    // Other tests may share the engine: only this file's containers are shown.
    const filtered = page.waitForResponse((r) => r.url().includes(`/api/alerts?limit=50&q=${P}`));
    await page.getByRole('searchbox', { name: 'Search alerts' }).fill(P);
    await filtered;
    await expect.poll(() => page.url()).toContain(`q=${P}`);
    await expect.poll(() => page.getByText('No alerts match these filters').isVisible()).toBe(true);
    await checkBothThemes(page, { dir: SHOTS, name: 'alerts-none' });

    const events = liveAlertEvents;
    const id = await docker(
      'run',
      '-d',
      '--name',
      CRASH,
      '--network',
      'none',
      IMAGE,
      'sh',
      '-c',
      'echo bye; exit 3',
    );
    // Live: well before the page's own 10 s refresh.
    await alertCard(CRASH).waitFor({ timeout: 8000 });
    expect(liveAlertEvents).toBeGreaterThan(events);
    const card = alertCard(CRASH);
    expect(await card.innerText()).toMatch(/critical\s+firing/);
    expect(await card.innerText()).toContain('exit code 3');
    expect(await card.getByRole('link', { name: CRASH }).getAttribute('href')).toBe(
      `/containers/local/${id}`,
    );
    await card.getByText(/^Last log lines/).click();
    await expect.poll(() => card.locator('pre').innerText()).toContain('bye');

    // Deliveries change without an event: the page asks again every 10 s.
    await expect
      .poll(() => card.getByTestId('delivery').innerText(), { timeout: 25_000 })
      .toMatch(/^receiver\s+sent$/);
    const got = receivedFor(CRASH);
    expect(got).toHaveLength(1);
    expect(got[0]?.body.detail?.exitCode).toBe(3);
    await checkBothThemes(page, { dir: SHOTS, name: 'alerts-history' });

    await card.getByRole('button', { name: `Acknowledge ${CRASH} crashed` }).click();
    await expect.poll(() => card.innerText()).toMatch(/Acknowledged by admin/);
    await checkBothThemes(page, { dir: SHOTS, name: 'alerts-history-acked' });
    await page.getByLabel('Acknowledged').selectOption('no');
    await expect.poll(() => alertCard(CRASH).count()).toBe(0);
    await page.getByLabel('Acknowledged').selectOption('yes');
    await alertCard(CRASH).waitFor();
  });

  it('shows a failing channel with its error in Admin, and a delivery queued with its attempts', async () => {
    failing = true;
    await page.getByLabel('Acknowledged').selectOption('');
    await docker('run', '-d', '--name', CRASH_AGAIN, '--network', 'none', IMAGE, 'sh', '-c', 'exit 3');
    const card = alertCard(CRASH_AGAIN);
    await card.waitFor({ timeout: 8000 });
    // Retried with backoff (5 s, 10 s, …): by the page's next refresh one or more attempts have failed.
    await expect
      .poll(() => card.getByTestId('delivery').innerText(), { timeout: 25_000 })
      .toMatch(/^receiver\s+queued\s+\d+ attempts? so far, last: Webhook answered 500: receiver is down$/);
    // The queued badge pulses, and checkBothThemes waits for animations to end: one theme, no wait.
    await page.screenshot({ path: `${SHOTS}/alerts-history-queued.png`, fullPage: true });
    expect(await axeFindings(page)).toEqual([]);

    await nav('Admin').click();
    await page.getByRole('button', { name: 'Send test to receiver' }).click();
    await expect
      .poll(() => channelRow('receiver').getByRole('status').innerText())
      .toBe('Test failed: Webhook answered 500: receiver is down');
    await expect
      .poll(() => channelRow('receiver').innerText())
      .toMatch(/failing\s+since .*: Webhook answered 500/);
    await checkBothThemes(page, { dir: SHOTS, name: 'alerts-admin-failing' });

    // The receiver is back: a test goes through and the channel is healthy again. (The queued delivery
    // is retried on its own schedule, up to 40 s away by now: not waited for here.)
    failing = false;
    await page.getByRole('button', { name: 'Send test to receiver' }).click();
    await expect
      .poll(() => channelRow('receiver').getByRole('status').innerText())
      .toMatch(/^Test sent in \d+ ms$/);
    await expect.poll(() => channelRow('receiver').innerText()).toMatch(/Webhook\s+ok/);
  });

  it('pages back with "Load older": the next page is asked for before the oldest alert shown', async () => {
    const newest = Date.now();
    const asked: string[] = [];
    await page.route('**/api/alerts?*', (route) => {
      const url = new URL(route.request().url());
      asked.push(url.search);
      const before = url.searchParams.get('before');
      const alerts = before
        ? [fakeAlert(50, Number(before) - 1000)]
        : Array.from({ length: 50 }, (_, i) => fakeAlert(i, newest - i * 1000));
      return route.fulfill({ json: { alerts } });
    });
    await nav('Alerts').click();
    await expect.poll(() => page.getByTestId('alert').count()).toBe(50);
    await page.getByRole('button', { name: 'Load older' }).click();
    await expect.poll(() => page.getByTestId('alert').count()).toBe(51);
    expect(asked).toContain(`?limit=50&before=${newest - 49_000}`);
    // Fewer than a page came back: there is nothing older.
    expect(await page.getByRole('button', { name: 'Load older' }).count()).toBe(0);
    await page.unroute('**/api/alerts?*');
  });
});
