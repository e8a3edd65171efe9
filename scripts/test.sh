#!/usr/bin/env bash
# Sets up and runs every test against the real services. Stages, each counted in the last line,
# which is always `tests: N passed, M failed`:
#   1. set-up and the type checks (a failure stops here and counts as one failed test);
#   2. lint and format (`npm run lint`, one test);
#   3. vitest: unit tests and integration tests on a Temporal dev server and Postgres;
#   4. the console in Debian's Chromium (Playwright), after vitest: both use the test database;
#   5. the same system on the full Temporal server, workers and API instances as processes;
#   6. the short chaos run: faults injected on a system of its own (one test).
# Arguments go to vitest (e.g. a test file), and then only stage 3 runs: a chosen subset is not the suite.
set -uo pipefail
cd "$(dirname "$0")/.."
REPORTS=data/test-reports
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
status=0
single_passed=0
single_failed=0
reports=()

# A stage that is one test: its exit code is its verdict.
one_test() {
  if "$@"; then single_passed=$((single_passed + 1)); else single_failed=$((single_failed + 1)); status=1; echo "failed: $*" >&2; fi
}
summary() { node scripts/test-summary.mjs "$single_passed" "$single_failed" "${reports[@]}"; }

if ! bash scripts/setup.sh; then echo "setup failed" >&2; single_failed=1; summary; exit 1; fi
if ! npx tsc --noEmit -p . || ! npx tsc --noEmit -p web || ! npx tsc --noEmit -p test/browser; then
  echo "type-check failed" >&2; single_failed=1; summary; exit 1
fi

reports+=("vitest:$REPORTS/vitest.json")
npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json" "$@" || status=1

if [ $# -eq 0 ]; then
  if grep -q '"lint"' package.json; then one_test npm run -s lint; fi
  reports+=("playwright:$REPORTS/browser.json")
  npx playwright test -c test/browser/playwright.config.ts || status=1
  reports+=("vitest:$REPORTS/cluster.json")
  bash scripts/test-cluster.sh --reporter=default --reporter=json --outputFile.json="$REPORTS/cluster.json" || status=1
  one_test npx tsx chaos/main.ts --short
fi
summary
exit $status
