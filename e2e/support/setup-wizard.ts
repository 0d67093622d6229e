import type { Page } from 'playwright-core';

/**
 * Walks the first-boot wizard with its defaults (the machine's hostname and time zone, the default
 * app-data folder, no HTTPS), creating the admin, and opens the dashboard.
 * @example await completeSetup(page, daemon.setupCode, { username: 'admin', password: '…' });
 */
export async function completeSetup(
  page: Page,
  setupCode: string,
  admin: { username: string; password: string },
): Promise<void> {
  const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByLabel('Setup code').fill(setupCode);
  await next();
  await page.getByRole('heading', { name: 'This machine' }).waitFor();
  await next();
  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Password again').fill(admin.password);
  await next();
  await page.getByRole('heading', { name: 'Apps' }).waitFor();
  await next();
  await page.getByRole('heading', { name: 'HTTPS' }).waitFor();
  await next();
  await page.getByRole('button', { name: 'Create admin and finish' }).click();
  await page.getByRole('heading', { name: 'Harbourmaster is ready' }).waitFor();
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}
