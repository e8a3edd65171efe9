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
    const chaos = process.argv[3] ?? "";
    let passed = chaos === "pass" ? 1 : 0, failed = extra + (chaos === "fail" ? 1 : 0);
    if (fs.existsSync(process.argv[2])) {
      const r = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
      passed = r.numPassedTests;
      failed += r.numFailedTests + (r.numTotalTestSuites && r.success === false && r.numFailedTests === 0 ? 1 : 0);
    }
    console.log(`tests: ${passed} passed, ${failed} failed`);
  ' "$1" "$RESULTS" "${2:-}"
}

if ! bash scripts/setup.sh; then echo "setup failed" >&2; summary 1; exit 1; fi
if ! npx tsc --noEmit -p .; then echo "type-check failed" >&2; summary 1; exit 1; fi
npx vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS" "$@"
status=$?
# The short chaos run (a minute or two, its own Postgres cluster and Temporal server) counts as one test.
# Skipped only when vitest was given a filter: a run of chosen test files is not the whole suite.
chaos=""
if [ $# -eq 0 ]; then
  if npx tsx chaos/main.ts --short; then chaos=pass; else chaos=fail; status=1; fi
fi
summary 0 "$chaos"
exit $status
