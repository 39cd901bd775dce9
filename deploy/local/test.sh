#!/usr/bin/env bash
# The whole test suite against a throwaway PostgreSQL 15 that this script starts and removes.
# Usage: deploy/local/test.sh [dotnet test arguments...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=pg.sh
source "$ROOT/deploy/local/pg.sh"

ensure_packages
PG_PARENT="$(mktemp -d /tmp/talenthub-test-pg.XXXXXX)"
chmod 755 "$PG_PARENT"
DATA="$PG_PARENT/data"
cleanup() {
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
