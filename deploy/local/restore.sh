#!/usr/bin/env bash
# Brings a backup taken by backup.sh back as a running server on another port: copies it into a new data directory
# and starts PostgreSQL 15 on it; the server replays the backup's WAL to the consistent end of the backup, then opens.
#
#   deploy/local/restore.sh /var/backups/talenthub/2026-11-23 /srv/talenthub-restored 55450
#
# The data directory must not exist. The server keeps running (stop it with pg_ctl -D DATA stop); its log is
# DATA/restore.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=pg.sh
source "$ROOT/deploy/local/pg.sh"

[ $# -eq 3 ] || { echo "usage: restore.sh BACKUP_FOLDER DATA_FOLDER PORT" >&2; exit 2; }
BACKUP=$1 DATA=$2 PORT=$3
[ -f "$BACKUP/backup_label" ] || { echo "$BACKUP is not a base backup (no backup_label)" >&2; exit 2; }
[ -e "$DATA" ] && { echo "$DATA exists: restore into a new folder" >&2; exit 2; }
if (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "port $PORT is taken" >&2; exit 2; fi

as_postgres "$PG_BIN/pg_verifybackup" -q "$BACKUP"
mkdir -p "$(dirname "$DATA")"
as_postgres cp -a "$BACKUP" "$DATA"
as_postgres chmod 700 "$DATA"
# The manifest belongs to the backup, not to a server.
as_postgres rm -f "$DATA/backup_manifest"
started=$(date +%s)
as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$DATA/restore.log" -w -t 300 start \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA" >/dev/null
echo "==> restored server on 127.0.0.1:$PORT (data in $DATA), open after $(( $(date +%s) - started )) s;" \
  "$(grep -m1 -E 'consistent recovery state reached|database system is ready' "$DATA/restore.log" || true)"
