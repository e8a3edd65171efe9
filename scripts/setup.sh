#!/usr/bin/env bash
# Sets up everything Homeward needs on a fresh machine, and is quick when it is already set up:
# Node dependencies, the Temporal CLI, a local Postgres 15 (unless DATABASE_URL is given), the
# databases, a development JWT secret, and the schema. Writes its results under data/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data
log() { printf 'setup: %s\n' "$*" >&2; }

# --- Node dependencies -------------------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing Node dependencies"
  npm install --no-audit --no-fund --loglevel=error
fi

# --- Temporal CLI (dev server) -----------------------------------------------------------------
GOBIN_DIR="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "$TEMPORAL_CLI_PATH" ]; then :
elif command -v temporal >/dev/null 2>&1; then :
elif [ -x "$GOBIN_DIR/temporal" ]; then :
else
  log "building the Temporal CLI v1.5.1 with go install (a few minutes, once)"
  GOTOOLCHAIN=local go install github.com/temporalio/cli/cmd/temporal@v1.5.1
fi

# --- Web console --------------------------------------------------------------------------------
# Built into web/dist (served by the API at /) when any source is newer than the last build.
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/public web/index.html web/vite.config.ts domain package-lock.json -newer web/dist/index.html -print -quit 2>/dev/null)" ]; then
  log "building the web console"
  (cd web && npx vite build --logLevel warn) >&2
fi

# --- Browser for the console's tests --------------------------------------------------------------
# Debian's Chromium headless shell and fonts for the six scripts (Playwright drives it directly).
if [ ! -x /usr/bin/chromium-headless-shell ]; then
  log "installing chromium-headless-shell and Noto fonts with apt"
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell fonts-noto-core fonts-noto-cjk >&2
fi

# --- Postgres ----------------------------------------------------------------------------------
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  else sudo -n -u postgres "$@"; fi
}

if [ -n "${DATABASE_URL:-}" ]; then
  printf '%s\n' "$DATABASE_URL" > data/database-url
  printf '%s\n' "${TEST_DATABASE_URL:-$DATABASE_URL}" > data/test-database-url
  printf '%s\n' "${APP_DATABASE_URL:-$DATABASE_URL}" > data/app-database-url
  printf '%s\n' "${TEST_APP_DATABASE_URL:-${APP_DATABASE_URL:-${TEST_DATABASE_URL:-$DATABASE_URL}}}" > data/test-app-database-url
else
  if ! pg_lsclusters -h 2>/dev/null | awk '$1==15 && $2=="main" {print $4}' | grep -q online; then
    log "starting the local Postgres 15 cluster"
    pg_ctlcluster 15 main start 2>/dev/null || as_postgres pg_ctlcluster 15 main start
  fi
  PG_PORT="$(pg_lsclusters -h | awk '$1==15 && $2=="main" {print $3}')"
  # The roles belong to the cluster, not to a checkout: every checkout on this machine shares one
  # password, kept beside the cluster's user, so setting it up in one checkout never locks out another.
  MACHINE_PASSWORD_FILE="${HOMEWARD_DB_PASSWORD_FILE:-$HOME/.config/homeward/db-password}"
  if [ ! -s "$MACHINE_PASSWORD_FILE" ]; then
    mkdir -p "$(dirname "$MACHINE_PASSWORD_FILE")"
    if [ -s data/db-password ]; then cp data/db-password "$MACHINE_PASSWORD_FILE"
    else node -e "process.stdout.write(require('crypto').randomBytes(18).toString('hex'))" > "$MACHINE_PASSWORD_FILE"; fi
    chmod 600 "$MACHINE_PASSWORD_FILE"
  fi
  cp "$MACHINE_PASSWORD_FILE" data/db-password
  PASSWORD="$(cat data/db-password)"
  psql_admin() { as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }
  # The app role owns its databases but is no superuser and cannot bypass row-level security.
  psql_admin -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'homeward') THEN
        CREATE ROLE homeward LOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
    END \$\$;" >/dev/null
  psql_admin -c "ALTER ROLE homeward PASSWORD '$PASSWORD'" >/dev/null
  # The API reads cases as this role: it cannot bypass row-level security (migration 0006).
  psql_admin -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'homeward_app') THEN
        CREATE ROLE homeward_app LOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
    END \$\$;" >/dev/null
  psql_admin -c "ALTER ROLE homeward_app PASSWORD '$PASSWORD'" >/dev/null
  # HOMEWARD_DATABASE names this checkout's databases, so several checkouts share one cluster apart.
  DB_NAME="${HOMEWARD_DATABASE:-homeward}"
  for db in "$DB_NAME" "${DB_NAME}_test" "${DB_NAME}_bench"; do
    if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
      log "creating database $db"
      psql_admin -c "CREATE DATABASE $db OWNER homeward" >/dev/null
    fi
  done
  printf 'postgres://homeward:%s@127.0.0.1:%s/%s\n' "$PASSWORD" "$PG_PORT" "$DB_NAME" > data/database-url
  printf 'postgres://homeward:%s@127.0.0.1:%s/%s_test\n' "$PASSWORD" "$PG_PORT" "$DB_NAME" > data/test-database-url
  printf 'postgres://homeward_app:%s@127.0.0.1:%s/%s\n' "$PASSWORD" "$PG_PORT" "$DB_NAME" > data/app-database-url
  printf 'postgres://homeward_app:%s@127.0.0.1:%s/%s_test\n' "$PASSWORD" "$PG_PORT" "$DB_NAME" > data/test-app-database-url
fi

# --- Development secret -------------------------------------------------------------------------
[ -f data/jwt-secret ] || node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))" > data/jwt-secret
# Development key rings (`id:base64key`): Temporal payload encryption and the master key that wraps
# each person's data key. Rotate by putting a new `id:key` first and keeping the old entries.
new_key_ring() { node -e "process.stdout.write(process.argv[1] + '-' + new Date().toISOString().slice(0, 10) + ':' + require('crypto').randomBytes(32).toString('base64'))" "$1"; }
[ -f data/payload-keys ] || (umask 077 && new_key_ring dev-payload > data/payload-keys)
[ -f data/master-keys ] || (umask 077 && new_key_ring dev-master > data/master-keys)
# The key of the person match keys (keyed hashes beside the vault; see "Matching" in README.md).
[ -f data/match-keys ] || (umask 077 && new_key_ring dev-match > data/match-keys)

# --- Schema ----------------------------------------------------------------------------------------
DATABASE_URL="$(cat data/database-url)" npx tsx api/cli.ts migrate >&2
DATABASE_URL="$(cat data/database-url)" npx tsx api/cli.ts seed-registry >&2
DATABASE_URL="$(cat data/test-database-url)" npx tsx api/cli.ts migrate >&2
log "ready"
