#!/usr/bin/env bash
# A base backup of a running TalentHub PostgreSQL server with the WAL to make it consistent (pg_basebackup -X stream),
# in plain format with its manifest, checked by pg_verifybackup.
#
#   deploy/local/backup.sh --port 55440 /var/backups/talenthub/2026-11-23     [--host H] [--user U]
#
# The folder must not exist. The backup holds the whole server (every database, Hangfire's schema included) as of the
# end of the backup: restore.sh starts a server on it. Run as root it is written by the postgres user (restore.sh
# starts a server on it as that user); the user connecting needs the REPLICATION attribute (pg.sh's talenthub has it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=pg.sh
source "$ROOT/deploy/local/pg.sh"

HOST=127.0.0.1
PORT=""
DB_USER=talenthub
TARGET=""
while [ $# -gt 0 ]; do
  case "$1" in
    --host) HOST=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --user) DB_USER=$2; shift 2 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) TARGET=$1; shift ;;
  esac
done
[ -n "$PORT" ] && [ -n "$TARGET" ] || { echo "usage: backup.sh --port PORT [--host HOST] [--user USER] FOLDER" >&2; exit 2; }
[ -e "$TARGET" ] && { echo "$TARGET exists: a backup goes to a new folder" >&2; exit 2; }

mkdir -p "$(dirname "$TARGET")"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$(dirname "$TARGET")"
started=$(date +%s)
# -c fast: an immediate checkpoint instead of waiting for the next one; -X stream: the WAL written during the copy is
# streamed alongside, so the backup is consistent by itself (no archive needed to restore it).
as_postgres "$PG_BIN/pg_basebackup" -h "$HOST" -p "$PORT" -U "$DB_USER" -D "$TARGET" -X stream -c fast \
  --manifest-checksums=SHA256 --label "talenthub $(date -u +%Y-%m-%dT%H:%M:%SZ)"
as_postgres "$PG_BIN/pg_verifybackup" -q "$TARGET"
echo "==> backup in $TARGET: $(du -sh "$TARGET" | cut -f1), $(( $(date +%s) - started )) s, verified against its manifest" \
  "($(grep -m1 '^START WAL LOCATION' "$TARGET/backup_label" | cut -d' ' -f4))"
