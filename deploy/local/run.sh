#!/usr/bin/env bash
# Starts TalentHub locally: a throwaway PostgreSQL 15 (unless TALENTHUB_PG is set), the migrations, the reference
# data, the development clients, and the API (api + worker roles) on http://127.0.0.1:5080.
#
#   deploy/local/run.sh            keep the local database between runs
#   deploy/local/run.sh --fresh    start from an empty database
#   deploy/local/run.sh --demo     also load the generator's tiny dataset through the API (deploy/local/demo.sh)
#
# Environment: TALENTHUB_URLS (default http://127.0.0.1:5080), TALENTHUB_PG (an Npgsql connection string to use
# instead of the throwaway server), TALENTHUB_CLOCK_NOW (fix "now", e.g. 2026-11-01T09:00:00+07:00).
# Ctrl-C stops everything this script started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=pg.sh
source "$ROOT/deploy/local/pg.sh"

FRESH=0
DEMO=0
for arg in "$@"; do
  case "$arg" in
    --fresh) FRESH=1 ;;
    --demo) DEMO=1 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

URLS="${TALENTHUB_URLS:-http://127.0.0.1:5080}"
BASE_URL="${URLS%%;*}"
LOCAL="$ROOT/.local"
mkdir -p "$LOCAL"
API_PID=""

cleanup() {
  trap - EXIT INT TERM
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  if [ -n "$API_PID" ] && [ "$(cat "$LOCAL/api.pid" 2>/dev/null)" = "$API_PID $$" ]; then rm -f "$LOCAL/api.pid"; fi
  stop_pg
  echo "==> stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_packages

if [ -n "${TALENTHUB_PG:-}" ]; then
  CONNECTION="$TALENTHUB_PG"
  echo "==> using the PostgreSQL server of TALENTHUB_PG"
else
  # The database may live in a fallback folder (pg.sh, pg_data_dir), and its server may still run (a killed run.sh).
  [ "$FRESH" -eq 1 ] && remove_pg "$LOCAL/pg-run"
  start_pg "$LOCAL/pg-run" 55433 durable
  create_database talenthub
  CONNECTION="$(pg_connection_string talenthub)"
fi

# The development signing key is generated on this machine and never committed.
if [ ! -s "$LOCAL/signing-key" ]; then
  head -c 48 /dev/urandom | base64 -w0 >"$LOCAL/signing-key"
  chmod 600 "$LOCAL/signing-key"
fi

export ConnectionStrings__TalentHub="$CONNECTION"
export Auth__SigningKeys__0__KeyId="local-dev"
export Auth__SigningKeys__0__Key="$(cat "$LOCAL/signing-key")"
export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ -n "${TALENTHUB_CLOCK_NOW:-}" ] && export Clock__Now="$TALENTHUB_CLOCK_NOW"

# A run.sh killed before its cleanup (SIGKILL) leaves its API running, holding the port and the files about to be
# rebuilt: stop it first. An API whose run.sh still runs is that script's to stop.
API_DLL="$LOCAL/api/TalentHub.Api.dll"
if [ -f "$LOCAL/api.pid" ]; then
  read -r stale owner <"$LOCAL/api.pid" || true
  if process_alive "${stale:-}" && ! process_alive "${owner:-}" \
    && tr '\0' ' ' <"/proc/$stale/cmdline" 2>/dev/null | grep -qF "$API_DLL"; then
    echo "==> stopping the API a killed run left running (process $stale)"
    kill "$stale" 2>/dev/null || true
    for _ in $(seq 1 30); do process_alive "$stale" || break; sleep 1; done
  fi
fi

echo "==> building"
dotnet build "$ROOT/src/TalentHub.Api/TalentHub.Api.csproj" -c Release --nologo -v q -o "$LOCAL/api" >/dev/null

echo "==> migrating and seeding"
dotnet "$API_DLL" migrate
dotnet "$API_DLL" seed-dev-clients --out "$LOCAL/dev-clients.json"

echo "==> starting the API on $URLS"
dotnet "$API_DLL" --contentRoot "$LOCAL/api" --urls "$URLS" --role all &
API_PID=$!
echo "$API_PID $$" >"$LOCAL/api.pid"
for _ in $(seq 1 60); do
  curl -fsS "$BASE_URL/health/ready" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { echo "the API exited" >&2; exit 1; }
  sleep 1
done

if [ "$DEMO" -eq 1 ]; then
  "$ROOT/deploy/local/demo.sh" "$BASE_URL"
fi

cat <<INFO

TalentHub is running.
  Swagger UI:    $BASE_URL/swagger      (Authorize with a token from POST /connect/token)
  OpenAPI:       $BASE_URL/openapi/v1.json
  Health:        $BASE_URL/health/ready
  Jobs:          $BASE_URL/hangfire/login?access_token=<admin token>
  Clients:       $LOCAL/dev-clients.json
INFO
jq -r '.clients[] | "    \(.clientId)  secret \(.clientSecret)  agency \(.agencyCode // "BKN (national)")  scopes \(.scopes | join(" "))"' "$LOCAL/dev-clients.json"
cat <<INFO

  A token:       curl -s -d grant_type=client_credentials -d client_id=dev-bkn \\
                   -d client_secret=\$(jq -r '.clients[0].clientSecret' .local/dev-clients.json) $BASE_URL/connect/token

Ctrl-C stops the API and the database.
INFO
wait "$API_PID"
