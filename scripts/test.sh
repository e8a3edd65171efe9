#!/usr/bin/env bash
# Sets up and runs every test against the real Temporal dev server and Postgres. The last line
# is always `tests: N passed, M failed`, even when set-up or type-checking fails.
set -uo pipefail
cd "$(dirname "$0")/.."
RESULTS=.vitest-results.json
BROWSER_RESULTS=.playwright-results.json
rm -f "$RESULTS" "$BROWSER_RESULTS"

summary() {
  node -e '
    const fs = require("fs");
    const extra = Number(process.argv[1]);
    let passed = 0, failed = extra;
    if (fs.existsSync(process.argv[2])) {
      const r = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
      passed = r.numPassedTests;
      failed += r.numFailedTests + (r.numTotalTestSuites && r.success === false && r.numFailedTests === 0 ? 1 : 0);
    }
    // The browser tests of the console (Playwright), when they ran; no results from a run is a failure.
    if (process.argv[4] === "ran") {
      if (fs.existsSync(process.argv[3])) {
        const b = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
        passed += b.stats.expected + b.stats.flaky;
        failed += b.stats.unexpected + (b.errors && b.errors.length && !b.stats.unexpected ? 1 : 0);
      } else failed += 1;
    }
    console.log(`tests: ${passed} passed, ${failed} failed`);
  ' "$1" "$RESULTS" "$BROWSER_RESULTS" "${BROWSER_RAN:-}"
}

if ! bash scripts/setup.sh; then echo "setup failed" >&2; summary 1; exit 1; fi
if ! npx tsc --noEmit -p . || ! npx tsc --noEmit -p web || ! npx tsc --noEmit -p test/browser; then
  echo "type-check failed" >&2; summary 1; exit 1
fi
npx vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS" "$@"
status=$?
# The console in a real browser (Debian's Chromium), after the other tests: both use the test database.
if [ $# -eq 0 ]; then
  BROWSER_RAN=ran
  npx playwright test -c test/browser/playwright.config.ts || status=1
fi
summary 0
exit $status
