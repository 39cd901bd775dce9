#!/usr/bin/env bash
# The crash drill of issue 15: loads a generated dataset through the API (every agency's scales and dictionary, then
# every agency's records.ndjson as one submission), optionally kills the API with SIGKILL in the middle of the work
# and starts it again, and prints each submission's timings. Each run uses its own throwaway PostgreSQL 15 and
# removes it afterwards, so two runs (uninterrupted and killed) can be compared back to back.
#
#   deploy/local/crash-drill.sh                                   30,000 people, killed mid-processing
#   deploy/local/crash-drill.sh --kill none                       the same work, uninterrupted
#   deploy/local/crash-drill.sh --kill processing --size 100000
#   deploy/local/crash-drill.sh --compare                         both, back to back (uninterrupted first)
#
# Options:
#   --size N            people to generate (default 30000; the dataset is generated once per size and seed, in /tmp)
#   --seed S            generator seed (default 7)
#   --kill WHEN         processing | none (default processing): kill the API once a submission is in that phase with
#                       some progress (its chunks are validated and reconciled together)
#   --api DIR           use an API already built into DIR (default: build src/TalentHub.Api into the work folder)
#   --keep              keep the work folder (API log, samples, database stopped) instead of removing it
#   --compare           run the drill twice on the same build: --kill none, then the chosen --kill
#   --sample            every second, record pg_stat_activity, pg_locks and the Hangfire queue in samples.log
#
# Output: one line per submission (records, status, queued → started → completed, seconds), then the totals: from the
# last post to the last completion and, after a kill, which submissions the killed process held (their jobs stay
# invisible to the new process until Hangfire's invisibility timeout), how long the others took from the restart, and
# from the restart to the last completion. The machine is shared: compare runs made back to back (--compare).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=pg.sh
source "$ROOT/deploy/local/pg.sh"
# shellcheck source=api-client.sh
source "$ROOT/deploy/local/api-client.sh"

SIZE=30000
SEED=7
KILL=processing
API_DIR=""
KEEP=0
SAMPLE=0
COMPARE=0
ARGS=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --kill) KILL=$2; shift 2 ;;
    --api) API_DIR=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --sample) SAMPLE=1; shift ;;
    --compare) COMPARE=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$KILL" in processing | none) ;; *) echo "--kill is processing or none" >&2; exit 2 ;; esac

if [ "$COMPARE" -eq 1 ]; then
  BUILT=""
  if [ -z "$API_DIR" ]; then
    BUILT=1
    API_DIR="$(mktemp -d /tmp/talenthub-drill-api.XXXXXX)"
    echo "==> building the API into $API_DIR"
    dotnet build "$ROOT/src/TalentHub.Api/TalentHub.Api.csproj" -c Release --nologo -v q -o "$API_DIR" >/dev/null
  fi
  rest=()
  for arg in "${ARGS[@]}"; do [ "$arg" = --compare ] || rest+=("$arg"); done
  echo "######## uninterrupted"
  "$0" "${rest[@]}" --api "$API_DIR" --kill none
  echo "######## killed during $KILL"
  status=0
  "$0" "${rest[@]}" --api "$API_DIR" --kill "$KILL" || status=$?
  if [ -n "$BUILT" ]; then rm -rf "$API_DIR"; fi
  exit "$status"
fi

ensure_packages
WORK="$(mktemp -d /tmp/talenthub-drill.XXXXXX)"
chmod 755 "$WORK"
DATA="/tmp/talenthub-drill-data-$SIZE-$SEED"
API_PID=""
SAMPLER_PID=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  stop_pg
  if [ "$KEEP" -eq 1 ]; then echo "==> kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f "$DATA/manifest.json" ]; then
  echo "==> generating $SIZE people (seed $SEED) into $DATA"
  dotnet run -c Release --project "$ROOT/src/TalentHub.DataGen" -- --size "$SIZE" --seed "$SEED" --out "$DATA" >/dev/null
fi
if [ -z "$API_DIR" ]; then
  echo "==> building the API"
  API_DIR="$WORK/api"
  dotnet build "$ROOT/src/TalentHub.Api/TalentHub.Api.csproj" -c Release --nologo -v q -o "$API_DIR" >/dev/null
fi
API_DLL="$API_DIR/TalentHub.Api.dll"

start_pg "$WORK/pg" 55480 throwaway
create_database talenthub
psql_() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U talenthub -d talenthub -qtAX "$@"; }

export ConnectionStrings__TalentHub
ConnectionStrings__TalentHub="$(pg_connection_string talenthub)"
export Auth__SigningKeys__0__KeyId=drill
export Auth__SigningKeys__0__Key
Auth__SigningKeys__0__Key="$(head -c 48 /dev/urandom | base64 -w0)"
export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
API_PORT=$(free_port "${DRILL_API_PORT:-5190}")
BASE_URL="http://127.0.0.1:$API_PORT"
dotnet "$API_DLL" migrate >/dev/null
dotnet "$API_DLL" seed-dev-clients --out "$WORK/clients.json" >/dev/null

start_api() {
  dotnet "$API_DLL" --contentRoot "$API_DIR" --urls "$BASE_URL" --role all >>"$WORK/api.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "$BASE_URL/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$API_PID" 2>/dev/null || { echo "the API exited; see $WORK/api.log" >&2; KEEP=1; exit 1; }
    sleep 0.5
  done
  echo "the API did not become ready" >&2
  exit 1
}

sample() {
  while true; do
    {
      echo "=== $(date +%T.%N | cut -c1-12)"
      psql_ -c "SELECT pid, backend_start::time(0), state, wait_event_type || ':' || wait_event, round(extract(epoch FROM now() - query_start)::numeric, 1) AS secs, left(regexp_replace(query, '\s+', ' ', 'g'), 110) FROM pg_stat_activity WHERE datname = 'talenthub' AND pid <> pg_backend_pid() AND state <> 'idle' ORDER BY query_start" \
        -c "SELECT 'locks', locktype, mode, granted, count(*) FROM pg_locks WHERE locktype IN ('advisory', 'transactionid', 'tuple') OR NOT granted GROUP BY 2, 3, 4 ORDER BY 2, 3, 4" \
        -c "SELECT 'queue', count(*) FILTER (WHERE fetchedat IS NULL), count(*) FILTER (WHERE fetchedat IS NOT NULL), (SELECT count(*) FROM hangfire.server), (SELECT string_agg(resource, ',') FROM hangfire.lock) FROM hangfire.jobqueue" \
        -c "SELECT 'subs', agency_code, status, progress_phase, progress_done, progress_total FROM submissions WHERE status = 'PROCESSING'"
    } >>"$WORK/samples.log" 2>&1
    sleep 1
  done
}

start_api
echo "==> API on $BASE_URL (log $WORK/api.log), PostgreSQL on port $PG_PORT"
[ "$SAMPLE" -eq 1 ] && { sample & SAMPLER_PID=$!; }

ADMIN=$(token dev-bkn "$(jq -r '.clients[] | select(.clientId=="dev-bkn") | .clientSecret' "$WORK/clients.json")")
declare -A TOKENS
mapfile -t CODES < <(jq -r '.[].code' "$DATA/agencies.json")
echo "==> registering ${#CODES[@]} agencies and their mappings"
for code in "${CODES[@]}"; do
  agency=$(jq -c --arg code "$code" '.[] | select(.code == $code)' "$DATA/agencies.json")
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "$(jq -c '{name, kind, provinceCode}' <<<"$agency")" "$BASE_URL/api/v1/admin/agencies/$code"
  client=$(curl -fsS -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Drill $code\",\"agencyCode\":\"$code\",\"scopes\":[\"submissions.write\",\"mappings.write\",\"profiles.read\"]}" \
    "$BASE_URL/api/v1/admin/clients")
  TOKENS[$code]=$(token "$(jq -r .clientId <<<"$client")" "$(jq -r .clientSecret <<<"$client")")
  register_mappings "$code" "${TOKENS[$code]}" "$DATA/agencies/$code/mappings.json"
done

echo "==> posting ${#CODES[@]} submissions"
POSTED=$(date +%s.%N)
for code in "${CODES[@]}"; do
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer ${TOKENS[$code]}" -H 'Content-Type: application/x-ndjson' \
    -H "Idempotency-Key: drill-$SIZE-$SEED-$code" --data-binary "@$DATA/agencies/$code/records.ndjson" "$BASE_URL/api/v1/submissions"
done
LAST_POST=$(date +%s.%N)

unfinished() { psql_ -c "SELECT count(*) FROM submissions WHERE status IN ('RECEIVED', 'PROCESSING')"; }
RESTARTED=""
if [ "$KILL" != none ]; then
  phase=$(tr '[:lower:]' '[:upper:]' <<<"$KILL")
  until [ -n "$(psql_ -c "SELECT 1 FROM submissions WHERE status = 'PROCESSING' AND progress_phase = '$phase' AND progress_done > 0 LIMIT 1")" ]; do
    [ "$(unfinished)" -eq 0 ] && { echo "all submissions finished before any was in $KILL" >&2; exit 1; }
    sleep 0.2
  done
  echo "==> killing the API (SIGKILL) during $KILL:"
  psql_ -F ' ' -c "SELECT '    ' || agency_code, status, progress_phase, progress_done || '/' || progress_total FROM submissions WHERE status = 'PROCESSING'"
  kill -9 "$API_PID"
  wait "$API_PID" 2>/dev/null || true
  KILLED=$(date +%s.%N)
  echo "==> starting the API again"
  start_api
  RESTARTED=$(date +%s.%N)
  printf '    down for %.1f s\n' "$(echo "$RESTARTED - $KILLED" | bc)"
fi

wait_until() {
  while [ "$(psql_ -c "SELECT count(*) FROM submissions WHERE status IN ('RECEIVED', 'PROCESSING') $1")" -gt 0 ]; do
    process_alive "$API_PID" || { echo "the API exited unexpectedly; see $WORK/api.log" >&2; KEEP=1; exit 1; }
    sleep 0.5
  done
}
HELD=""
if [ -n "$RESTARTED" ]; then
  # The jobs the killed process had fetched stay invisible to the new one until Hangfire's invisibility timeout: the
  # other submissions are timed on their own first.
  HELD=$(psql_ -c "SELECT string_agg(quote_literal(trim(both '\"' FROM (j.invocationdata::json->>'Arguments')::json->>0)), ',')
    FROM hangfire.jobqueue q JOIN hangfire.job j ON j.id = q.jobid WHERE q.fetchedat < to_timestamp($KILLED)")
  if [ -n "$HELD" ]; then
    echo "==> held by the killed process (invisible until the invisibility timeout):" \
      "$(psql_ -c "SELECT string_agg(agency_code || ' ' || status, ', ') FROM submissions WHERE id::text IN ($HELD)")"
    wait_until "AND id::text NOT IN ($HELD)"
    OTHERS_DONE=$(date +%s.%N)
    printf '==> the other submissions: from the restart (API ready) to their last completion: %.1f s\n' "$(echo "$OTHERS_DONE - $RESTARTED" | bc)"
  fi
fi
wait_until ""
DONE=$(date +%s.%N)

echo "==> submissions (seconds from the first post)"
psql_ -F ' ' -c "
  SELECT agency_code, received, status,
    round((extract(epoch FROM received_at) - $POSTED)::numeric, 1), round((extract(epoch FROM started_at) - $POSTED)::numeric, 1),
    round((extract(epoch FROM completed_at) - $POSTED)::numeric, 1), round(extract(epoch FROM completed_at - started_at)::numeric, 1)
  FROM submissions ORDER BY completed_at" \
  | awk '{ printf "    %-14s %6s %-22s queued %6.1f  started %6.1f  completed %6.1f  took %6.1f\n", $1, $2, $3, $4, $5, $6, $7 }'
printf '==> from the last post to the last completion: %.1f s\n' "$(echo "$DONE - $LAST_POST" | bc)"
if [ -n "$RESTARTED" ]; then
  printf '==> from the restart (API ready) to the last completion: %.1f s\n' "$(echo "$DONE - $RESTARTED" | bc)"
fi
