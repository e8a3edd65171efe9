#!/usr/bin/env bash
# Sets up and runs every test against the real Temporal dev server and Postgres. The last line
# is always `tests: N passed, M failed`, even when set-up or type-checking fails.
set -uo pipefail
cd "$(dirname "$0")/.."
RESULTS=.vitest-results.json
rm -f "$RESULTS"

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
    console.log(`tests: ${passed} passed, ${failed} failed`);
  ' "$1" "$RESULTS"
}

if ! bash scripts/setup.sh; then echo "setup failed" >&2; summary 1; exit 1; fi
if ! npx tsc --noEmit -p .; then echo "type-check failed" >&2; summary 1; exit 1; fi
# Lint and format: a failure counts as a failed test in the summary, like the type-check.
lint_failed=0
if ! npm run -s lint; then echo "lint failed (npm run lint)" >&2; lint_failed=1; fi
npx vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS" "$@"
status=$?
summary "$lint_failed"
if [ "$lint_failed" -ne 0 ] && [ "$status" -eq 0 ]; then status=1; fi
exit $status
