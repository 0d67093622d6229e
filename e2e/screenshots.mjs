// Takes screenshots of the panel's pages in both themes and at phone width, for a person to look at.
// Usage: node e2e/screenshots.mjs http://127.0.0.1:9090 OUT_DIR   (the first admin must not exist yet,
// or set HM_USER / HM_PASSWORD to sign in).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.argv[2] ?? 'http://127.0.0.1:9090';
const out = process.argv[3] ?? 'screenshots';
const user = process.env.HM_USER ?? 'admin';
const password = process.env.HM_PASSWORD ?? 'correct horse battery';
mkdirSync(out, { recursive: true });

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'hm-chrome-')), {
  executablePath: '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
  viewport: { width: 1360, height: 860 },
});
const page = browser.pages()[0] ?? (await browser.newPage());
await page.goto(base);
await page.waitForSelector('form');
await page.screenshot({ path: `${out}/signin-dark.png` });
await page.fill('#username', user);
await page.fill('#password', password);
await page.click('button[type=submit]');
await page.waitForSelector('nav[aria-label=Main]');
for (const theme of ['dark', 'light']) {
  await page.evaluate((t) => localStorage.setItem('hm-theme', t), theme);
  for (const [name, path] of [['dashboard', '/'], ['containers', '/containers']]) {
    await page.goto(base + path);
    await page.waitForTimeout(900);
    await page.screenshot({ path: `${out}/${name}-${theme}.png` });
  }
  await page.goto(base + '/containers');
  await page.click('text=db');
  await page.waitForSelector('[role=tablist]');
  await page.screenshot({ path: `${out}/detail-${theme}.png` });
  await page.click('[role=tab]:has-text("logs")');
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${out}/logs-${theme}.png` });
  await page.click('[role=tab]:has-text("terminal")');
  await page.waitForTimeout(1200);
  await page.keyboard.type('echo hello from the terminal\n');
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${out}/terminal-${theme}.png` });
}
await page.setViewportSize({ width: 390, height: 844 });
for (const [name, path] of [['dashboard', '/'], ['containers', '/containers']]) {
  await page.goto(base + path);
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/${name}-phone.png` });
}
await browser.close();
console.log(`screenshots in ${out}`);
