#!/usr/bin/env bash
# `npm run cluster`: the production topology on this machine. The full Temporal server on the local
# Postgres (frontend, history, matching and worker services as separate processes, 4 history
# shards), then N case workers and M API instances (`-- --workers 2 --apis 2`). Prints where each
# is; Ctrl-C stops everything it started. Its Temporal databases: <HOMEWARD_DATABASE>_temporal{,_visibility}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB_NAME="${HOMEWARD_DATABASE:-homeward}"
bash scripts/cluster-prerequisites.sh "${DB_NAME}_temporal" "${DB_NAME}_temporal_visibility"
exec npx tsx cluster/main.ts --temporal-database "${DB_NAME}_temporal" "$@"
