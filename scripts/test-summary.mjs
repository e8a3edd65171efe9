// The last line of `npm test`: every stage's counts added up. Arguments: the passed and failed
// counts of the stages that are one test each (lint, chaos), then `kind:file` for each runner's
// JSON report (kind `vitest` or `playwright`). A report that is missing or says its run failed
// before any test counts as one failure: a stage that could not start must never look green.
import { existsSync, readFileSync } from 'node:fs';

const [passedArg, failedArg, ...reports] = process.argv.slice(2);
let passed = Number(passedArg);
let failed = Number(failedArg);
for (const report of reports) {
  const [kind, file] = [report.slice(0, report.indexOf(':')), report.slice(report.indexOf(':') + 1)];
  if (!existsSync(file)) {
    console.error(`test summary: no ${kind} report at ${file}: counted as one failure`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  if (kind === 'vitest') {
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.success === false && r.numFailedTests === 0 ? 1 : 0);
  } else {
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected + (r.errors?.length && !r.stats.unexpected ? 1 : 0);
  }
}
console.log(`tests: ${passed} passed, ${failed} failed`);
