#!/usr/bin/env bash
# What the full Temporal server needs before it starts, quick when it is there already:
#   - the server and temporal-sql-tool binaries (built once with go install into $(go env GOPATH)/bin),
#   - the databases named as arguments, owned by the homeward role (Temporal's, and any empty one
#     a test restores into). Without DATABASE_URL they are made in the local cluster `npm run setup` runs.
# Usage: bash scripts/cluster-prerequisites.sh <database>...
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf 'cluster: %s\n' "$*" >&2; }

TEMPORAL_SERVER_VERSION=v1.29.1
GOBIN_DIR="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
if [ ! -x "$GOBIN_DIR/server" ]; then
  log "building the Temporal server $TEMPORAL_SERVER_VERSION with go install (a few minutes, once)"
  GOTOOLCHAIN=local go install -tags disable_grpc_modules "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION"
fi
if [ ! -x "$GOBIN_DIR/sql" ]; then
  log "building temporal-sql-tool $TEMPORAL_SERVER_VERSION with go install"
  GOTOOLCHAIN=local go install -tags disable_grpc_modules "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"
fi
# The schema files and the sample configuration come from the module source go install fetched.
GOFLAGS=-mod=mod go mod download "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" >/dev/null 2>&1 || true

if [ -n "${DATABASE_URL:-}" ]; then
  log "DATABASE_URL is set: the databases $* must exist there already"
  exit 0
fi
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  else sudo -n -u postgres "$@"; fi
}
PG_PORT="$(pg_lsclusters -h | awk '$1==15 && $2=="main" {print $3}')"
for db in "$@"; do
  if [ "$(as_postgres psql -p "$PG_PORT" -qtA -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    log "creating database $db"
    as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtA -c "CREATE DATABASE $db OWNER homeward" >/dev/null
  fi
done
