#!/usr/bin/env bash
# `npm run test:cluster`: the integration tests on the full Temporal server (vitest.cluster.config.ts).
# Builds the server and the sql tool when missing, creates the test database's Temporal databases
# (<test db>_temporal, <test db>_temporal_visibility) and the restore drill's (<test db>_restore),
# then runs test/cluster/*.cluster.ts. `npm test` runs it after the other tests (scripts/test.sh).
# Extra arguments go to vitest (e.g. --outputFile.json=...).
set -uo pipefail
cd "$(dirname "$0")/.."
[ -f data/test-database-url ] || bash scripts/setup.sh || exit 1
TEST_DB="$(node -e 'process.stdout.write(new URL(require("fs").readFileSync("data/test-database-url", "utf8").trim()).pathname.slice(1))')"
if [ -n "${TEST_DATABASE_URL:-}" ]; then TEST_DB="$(node -e 'process.stdout.write(new URL(process.argv[1]).pathname.slice(1))' "$TEST_DATABASE_URL")"; fi
bash scripts/cluster-prerequisites.sh "${TEST_DB}_temporal" "${TEST_DB}_temporal_visibility" "${TEST_DB}_restore" || exit 1
exec npx vitest run --config vitest.cluster.config.ts "$@"
