#!/usr/bin/env bash
# Runs the whole system: Postgres (local unless DATABASE_URL), an embedded Temporal dev server
# (unless TEMPORAL_ADDRESS) keeping its state in data/temporal/, the worker and the API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec npx tsx api/cli.ts dev
