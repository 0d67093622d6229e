import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { AxeResults, RunOptions } from 'axe-core';

/** The WCAG 2.0 and 2.1 A and AA rules: what the panel promises to meet. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One failing element: enough to find it and see why, in a test failure message. */
export interface AxeFinding {
  rule: string;
  impact: string;
  target: string;
  why: string;
}

/**
 * Runs axe-core's WCAG 2 A/AA rules on the page as it is now and returns every failing element.
 * The script goes in through the DevTools protocol (evaluate), not a <script> tag, so the panel's
 * Content-Security-Policy stays as strict in the test as in production.
 *
 * @example
 * expect(await axeFindings(page)).toEqual([]);
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  // Expressions as strings: this file is type-checked for Node, where the page's globals do not exist.
  if (!(await page.evaluate<boolean>('typeof axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_AA_TAGS }, resultTypes: ['violations'] };
  const results = await page.evaluate<AxeResults>(`axe.run(document, ${JSON.stringify(options)})`);
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      target: n.target.join(' '),
      // The summary's first line is "Fix any of the following:"; the rest says what is wrong.
      why: (n.failureSummary ?? v.help).split('\n').slice(1).join(' ').trim() || v.help,
    })),
  );
}

/** The panel's two themes, in the order the browser tests check them. */
export const THEMES = ['dark', 'light'] as const;

/**
 * The page in both themes as it is now: a full-page screenshot of each (`<dir>/<name>-<theme>.png`)
 * and axe-core's WCAG 2 A/AA rules, which must find nothing. The theme is switched with the panel's
 * own toggle: a reload would lose what was typed.
 */
export async function checkBothThemes(page: Page, screenshot: { dir: string; name: string }): Promise<void> {
  for (const theme of THEMES) {
    if ((await page.locator('html').getAttribute('data-theme')) !== theme)
      await page.getByRole('button', { name: /(Light|Dark) theme/ }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme);
    // Colours fade between themes (transition-colors); the settled page is what has to pass.
    await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished))');
    await page.screenshot({ path: `${screenshot.dir}/${screenshot.name}-${theme}.png`, fullPage: true });
    expect(await axeFindings(page), `${screenshot.name}, ${theme} theme`).toEqual([]);
  }
}

/** Each field's visible label text (a radio's wrapping label, else `<label for>`); null where none shows. */
export async function labelsOfFields(page: Page, fields: Locator): Promise<Array<string | null>> {
  const labels: Array<string | null> = [];
  for (const field of await fields.all()) {
    const id = await field.getAttribute('id');
    const label =
      (await field.getAttribute('type')) === 'radio'
        ? field.locator('xpath=ancestor::label')
        : page.locator(`label[for="${id}"]`);
    const box = (await label.count()) === 1 ? await label.boundingBox() : null;
    labels.push(box && box.width > 1 ? (await label.innerText()).split('\n')[0]! : null);
  }
  return labels;
}
