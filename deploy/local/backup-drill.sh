#!/usr/bin/env bash
# The backup and restore drill: a TalentHub server loaded with the tiny dataset through the API, a base backup with WAL
# (backup.sh) taken while the service runs, the backup restored on another port (restore.sh), and the restored index
# compared with the original's at the time of the backup: the profiles' content hash (md5 over content_hash in NIP
# order), the versions and the change feed (counts and hashes), the 9-box counts and the submissions; then the service
# started on the restored database must serve a profile byte for byte as the original did. Exits 0, or names every
# difference and exits 1. Everything runs under .local/backup-drill, removed on exit.
set -euo pipefail
DRILL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=cluster.sh
source "$DRILL_ROOT/deploy/local/cluster.sh"

trap 'stop_all; [ -n "${RUN:-}" ] && rm -rf "$RUN"; echo "==> stopped"' EXIT
trap 'exit 130' INT TERM

ensure_packages
prepare_run "$DRILL_ROOT/.local/backup-drill"
build_service
ensure_dataset
PRIMARY_PORT=$(free_port 55460)
start_server primary "$PRIMARY_PORT" "-c wal_level=replica"
log "PostgreSQL 15 on 127.0.0.1:$PRIMARY_PORT"
service_environment
prepare_database
API_PORT=$(free_port 5191)
start_service api all "$API_PORT"
BASE_URL="http://127.0.0.1:$API_PORT"
wait_ready "$BASE_URL" "$api_PID"

log "loading the tiny dataset through the API"
admin=$(token "$ADMIN_ID" "$ADMIN_SECRET")
reader=$(curl -fsS -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"name":"Drill reader","scopes":["profiles.read"]}' "$BASE_URL/api/v1/admin/clients")
READER=$(token "$(jq -r .clientId <<<"$reader")" "$(jq -r .clientSecret <<<"$reader")")
register_agencies "$admin"
ids=()
while read -r agency; do ids+=("$(load_agency "$agency" "$admin")"); done < <(jq -c '.[]' "$DATA/agencies.json")
for id in "${ids[@]}"; do wait_submission "$id" "$admin" "$RUN/status"; done
log "${#ids[@]} submissions finished"

fingerprint() {
  index_fingerprint "$1"
  sql "$1" -c "SELECT 'submissions ' || count(*) || ' ' || md5(string_agg(s::text, ',' ORDER BY s.id)) FROM submissions s"
}
BEFORE=$(fingerprint "$PRIMARY_PORT")
NIP=$(sql "$PRIMARY_PORT" -c "SELECT nip FROM profiles WHERE merged_into IS NULL ORDER BY md5(nip) LIMIT 1")
http "$RUN/original" -H "Authorization: Bearer $READER" "$BASE_URL/api/v1/profiles/$NIP" >/dev/null

log "backup.sh (the service keeps running)"
"$DRILL_ROOT/deploy/local/backup.sh" --port "$PRIMARY_PORT" "$RUN/backup"
AT_BACKUP=$(fingerprint "$PRIMARY_PORT")

log "restore.sh on another port"
RESTORE_PORT=$(free_port $((PRIMARY_PORT + 1)))
"$DRILL_ROOT/deploy/local/restore.sh" "$RUN/backup" "$RUN/pg/restored" "$RESTORE_PORT"
PG_SERVERS+=("$RUN/pg/restored")
AFTER=$(fingerprint "$RESTORE_PORT")

echo "    original (before the backup):"; sed 's/^/      /' <<<"$BEFORE"
echo "    restored:"; sed 's/^/      /' <<<"$AFTER"
echo "    $(load_identity)"
check "the only records rejected as unknown_agency are the generator's planted ones" unknown_agencies_as_planted "$PRIMARY_PORT"
check "the index did not change while the backup ran (nothing was processing)" test "$BEFORE" = "$AT_BACKUP"
check "the restored index equals the original" test "$BEFORE" = "$AFTER"
if [ "$BEFORE" != "$AFTER" ]; then diff <(echo "$BEFORE") <(echo "$AFTER") | sed 's/^/      /' || true; fi

log "the service on the restored database"
RESTORED_API_PORT=$(free_port $((API_PORT + 1)))
start_service restored-api api "$RESTORED_API_PORT" \
  ConnectionStrings__TalentHub="Host=127.0.0.1;Port=$RESTORE_PORT;Username=talenthub;Database=talenthub"
wait_ready "http://127.0.0.1:$RESTORED_API_PORT" "$restored_api_PID"
check "GET /api/v1/profiles/$NIP from the restored database is the original's, byte for byte" \
  eval "[ \"\$(http '$RUN/restored' -H 'Authorization: Bearer $READER' 'http://127.0.0.1:$RESTORED_API_PORT/api/v1/profiles/$NIP')\" = 200 ] && cmp -s '$RUN/original.body' '$RUN/restored.body'"

if [ ${#FAILURES[@]} -gt 0 ]; then
  echo "==> backup drill FAILED (${#FAILURES[@]}):"
  printf '    - %s\n' "${FAILURES[@]}"
  exit 1
fi
echo "==> backup drill passed: the restored index equals the original"
