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
const STACK = `hme2e${process.pid}`;
const SHOTS = process.env.HM_SCREENSHOT_DIR ?? 'e2e/screenshots';
const ADMIN = { username: 'admin', password: 'correct horse battery' };

let daemon: Daemon;
let browser: BrowserContext;
let page: Page;

const compose = (word: string) => `# kept as typed: this comment and the blank line below

services:
  talker:
    image: ${IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo ${word}; sleep 0.3; done"]
    network_mode: host
`;

/** Replaces the text of the CodeMirror editor named `label` as a person would: select all, type. */
async function typeInto(label: string, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: label });
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  daemon = await startDaemon(27000 + (process.pid % 1000));
  browser = await openBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(daemon.url);
  await completeSetup(page, daemon.setupCode, ADMIN);
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  const left = (await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${STACK}`))
    .split('\n')
    .filter(Boolean);
  if (left.length) await docker('rm', '-f', ...left);
});

describe('stacks in the panel', () => {
  it('creates a stack from a docker run command, edits it in the editor and saves it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stacks' }).click();
    await expect.poll(() => page.getByText('No stacks yet').isVisible()).toBe(true);
    await checkBothThemes(page, { dir: SHOTS, name: 'stacks-empty' });

    await page.getByRole('button', { name: 'New stack' }).click();
    await page
      .getByLabel(/Paste one command/)
      .fill(
        `docker run -d --name ${STACK} --network host --restart unless-stopped -e GREETING=hi ${IMAGE} sleep 1`,
      );
    await page.getByRole('button', { name: 'Convert' }).click();
    // The converter fills the editor and guesses the name from the container's.
    await expect.poll(() => page.getByLabel('Name').inputValue()).toBe(STACK);
    const editor = page.getByRole('textbox', { name: 'Compose file' });
    await expect.poll(() => editor.textContent()).toContain('unless-stopped');
    await checkBothThemes(page, { dir: SHOTS, name: 'stacks-new' });

    // A file that does not validate is refused with its line, and nothing is created.
    await typeInto('Compose file', 'services:\n  talker:\n    image: x\n   command: [oops\n');
    await page.getByRole('button', { name: 'Create stack' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/line \d+/);
    expect(page.url()).toContain('/stacks/new');

    await typeInto('Compose file', compose('hello-from-talker'));
    await page.getByRole('button', { name: 'Create stack' }).click();
    await page.waitForURL(`**/stacks/local/${STACK}`);
    await expect.poll(() => page.getByTestId('stack-status').textContent()).toBe('not deployed');
  });

  it('deploys the stack, shows its live output and its status, and follows its logs', async () => {
    await page.getByRole('button', { name: 'Deploy' }).click();
    const output = page.getByTestId('job-output');
    await expect
      .poll(() => output.getByTestId('job-state').textContent(), { timeout: 60_000 })
      .toBe('succeeded');
    expect(await output.getByLabel('Compose output').textContent()).toMatch(/Creating|Created|Started/);
    await expect
      .poll(() => page.getByTestId('stack-status').textContent(), { timeout: 20_000 })
      .toBe('running');
    const row = page.locator('tr[data-service=talker]');
    await expect.poll(() => row.getByRole('link').textContent()).toContain('talker');
    await checkBothThemes(page, { dir: SHOTS, name: 'stack-services' });

    await page.getByRole('tab', { name: 'Logs' }).click();
    await expect
      .poll(() => page.getByTestId('stack-log-lines').textContent(), { timeout: 20_000 })
      .toContain('hello-from-talker');
    await checkBothThemes(page, { dir: SHOTS, name: 'stack-logs' });
  });

  it('edits the file in the editor, keeps it as typed, and redeploys it', async () => {
    await page.getByRole('tab', { name: 'Files' }).click();
    await typeInto('Compose file', compose('edited-talker'));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).isVisible()).toBe(true);
    await checkBothThemes(page, { dir: SHOTS, name: 'stack-files' });
    const saved = await fetch(`${daemon.url}/api/hosts/local/stacks/${STACK}`, {
      headers: { cookie: (await browser.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    }).then((r) => r.json() as Promise<{ files: { compose: string } }>);
    expect(saved.files.compose).toBe(compose('edited-talker'));

    await page.getByRole('button', { name: 'Deploy' }).click();
    await expect
      .poll(() => page.getByTestId('job-state').textContent(), { timeout: 60_000 })
      .toBe('succeeded');
    await page.getByRole('tab', { name: 'Logs' }).click();
    await expect
      .poll(() => page.getByTestId('stack-log-lines').textContent(), { timeout: 20_000 })
      .toContain('edited-talker');
  });

  it('lists the stack with its status, and the containers page links to it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stacks' }).click();
    const link = page.getByRole('link', { name: STACK });
    await expect.poll(() => link.isVisible()).toBe(true);
    expect(await page.getByRole('row', { name: new RegExp(STACK) }).textContent()).toContain('running');
    await checkBothThemes(page, { dir: SHOTS, name: 'stacks-list' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Containers' }).click();
    // Other tests share the engine: only this stack's containers are listed (the table is virtual).
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(STACK);
    const stackView = page.getByRole('button', { name: 'Stack view' });
    await expect.poll(() => page.url()).toContain(`q=${STACK}`);
    if ((await stackView.getAttribute('aria-pressed')) !== 'true') await stackView.click();
    await expect.poll(() => stackView.getAttribute('aria-pressed')).toBe('true');
    try {
      await page.getByRole('link', { name: STACK, exact: true }).click({ timeout: 10_000 });
    } catch (err) {
      await page.screenshot({ path: `${SHOTS}/stacks-containers-link-failed.png` });
      const html = await page.locator('[data-testid=container-rows]').innerHTML();
      throw new Error(`no link to the stack in the stack view: ${String(err)}\n${html.slice(0, 3000)}`, {
        cause: err,
      });
    }
    await page.waitForURL(`**/stacks/local/${STACK}`);
  });

  it('deletes the stack after confirmation: its containers go with it', async () => {
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL('**/stacks');
    await expect
      .poll(() => docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${STACK}`), {
        timeout: 30_000,
      })
      .toBe('');
  });
});
