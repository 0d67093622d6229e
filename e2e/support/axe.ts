import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
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
