// Sums the static checks and every vitest project's JSON report into the closing line, and exits
// non-zero when anything failed or a suite produced no report (a crashed runner is a failure).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
// The install-path tests run once packaging/test has any (scripts/test.sh runs them then too).
const hasPackagingTests = (() => {
  try {
    return readdirSync('packaging/test').some((f) => f.endsWith('.test.ts'));
  } catch {
    return false;
  }
})();
const expected = ['unit', 'integration', 'e2e', ...(hasPackagingTests ? ['packaging'] : [])];
let passed = 0;
let failed = 0;
for (const file of readdirSync(dir)) {
  if (file.endsWith('.check')) {
    if (readFileSync(join(dir, file), 'utf8').trim() === 'ok') passed++;
    else failed++;
  }
}
for (const project of expected) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(dir, `${project}.json`), 'utf8'));
  } catch {
    console.log(`[test] ${project}: no report (the runner crashed)`);
    failed++;
    continue;
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that failed to load has no tests but counts as a failure.
  const brokenFiles = report.testResults.filter(
    (r) => r.status === 'failed' && r.assertionResults.length === 0,
  ).length;
  failed += brokenFiles;
  // Errors outside any test (unhandled rejections) fail the run without failing a test: count one.
  if (!report.success && report.numFailedTests === 0 && brokenFiles === 0) {
    console.log(`[test] ${project}: errors outside the tests (see "Unhandled Errors" above)`);
    failed++;
  }
  console.log(`[test] ${project}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
