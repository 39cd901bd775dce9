#!/usr/bin/env bash
# The whole test suite against a throwaway PostgreSQL 15 that this script starts and removes.
# Usage: deploy/local/test.sh [dotnet test arguments...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=pg.sh
source "$ROOT/deploy/local/pg.sh"

ensure_packages browser

# The pinned OpenAPI linter (tools/redocly: @redocly/cli from package-lock.json) that OpenApiLintTests runs.
ensure_openapi_lint() {
  local dir="$ROOT/tools/redocly" pinned installed
  if ! command -v npm >/dev/null 2>&1; then
    echo "==> installing nodejs npm"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  pinned=$(node -p "require('$dir/package-lock.json').packages['node_modules/@redocly/cli'].version")
  installed=$(node -p "require('$dir/node_modules/@redocly/cli/package.json').version" 2>/dev/null || true)
  if [ "$pinned" != "$installed" ]; then
    echo "==> installing @redocly/cli $pinned into tools/redocly/node_modules"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}
ensure_openapi_lint
# The reliability suite starts PostgreSQL servers of its own from the same binaries.
export PG_BIN
PG_PARENT="$(mktemp -d /tmp/talenthub-test-pg.XXXXXX)"
chmod 755 "$PG_PARENT"
DATA="$PG_PARENT/data"
# Everything the tests write to temporary files goes under PG_PARENT, so it goes with it.
export TMPDIR="$PG_PARENT/tmp"
mkdir -p "$TMPDIR"
cleanup() {
  # The reliability suite starts PostgreSQL servers of its own; a run cut short leaves them running.
  for cluster in "$TMPDIR"/talenthub-reliability-pg-*/data; do
    if [ -f "$cluster/postmaster.pid" ]; then as_postgres "$PG_BIN/pg_ctl" -D "$cluster" -m immediate stop >/dev/null 2>&1 || true; fi
  done
  stop_pg
  rm -rf "$PG_PARENT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_pg "$DATA" 55432 throwaway
export TALENTHUB_TEST_PG
TALENTHUB_TEST_PG=$(pg_connection_string postgres)

cd "$ROOT"
dotnet test TalentHub.sln -c Release --nologo "$@"
