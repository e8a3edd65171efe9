#!/usr/bin/env bash
# Sets up and runs every test against the real Temporal dev server and Postgres. The last line
# is always `tests: N passed, M failed`, even when set-up or type-checking fails.
set -uo pipefail
cd "$(dirname "$0")/.."
RESULTS=.vitest-results.json
# The full-Temporal-server tests (scripts/test-cluster.sh) report here; both count in the last line.
CLUSTER_RESULTS=.vitest-cluster-results.json
rm -f "$RESULTS" "$CLUSTER_RESULTS"

summary() {
  node -e '
    const fs = require("fs");
    const extra = Number(process.argv[1]);
    let passed = 0, failed = extra;
    for (const [index, file] of process.argv.slice(2).entries()) {
      if (!fs.existsSync(file)) continue;
      const r = JSON.parse(fs.readFileSync(file, "utf8"));
      passed += r.numPassedTests;
      // The cluster run (second file) failing before any test (its global setup) counts as one failure.
      const setupFailed = (index === 1 || r.numTotalTestSuites) && r.success === false && r.numFailedTests === 0;
      failed += r.numFailedTests + (setupFailed ? 1 : 0);
    }
    console.log(`tests: ${passed} passed, ${failed} failed`);
  ' "$1" "$RESULTS" "$CLUSTER_RESULTS"
}

if ! bash scripts/setup.sh; then echo "setup failed" >&2; summary 1; exit 1; fi
if ! npx tsc --noEmit -p .; then echo "type-check failed" >&2; summary 1; exit 1; fi
npx vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS" "$@"
status=$?
# Then the same system on the full Temporal server, with workers and API instances as processes.
# A cluster run that could not start (no results written) counts as one failure.
bash scripts/test-cluster.sh --reporter=default --reporter=json --outputFile.json="$CLUSTER_RESULTS"
cluster_status=$?
missing=0
if [ "$cluster_status" -ne 0 ] && [ ! -f "$CLUSTER_RESULTS" ]; then missing=1; fi
summary "$missing"
[ "$status" -eq 0 ] && [ "$cluster_status" -eq 0 ]
