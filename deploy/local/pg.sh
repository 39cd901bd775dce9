# shellcheck shell=bash
# Sourced by run.sh and test.sh: a throwaway PostgreSQL 15 on a private port, owned by the postgres user,
# with its data under the git-ignored .local/ folder.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs what a fresh Debian machine lacks: PostgreSQL 15's server binaries (and jq for the README's curl lines);
# with the argument "browser" also Chromium, for the browser tests (test.sh).
ensure_packages() {
  local missing=()
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  # The browser tests (tests/TalentHub.Browser.Tests) drive Debian's Chromium: Playwright's own browser download does not work here.
  if [ "${1:-}" = browser ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 server binaries not found in $PG_BIN" >&2; exit 1; }
}

# Runs a PostgreSQL binary as the postgres user (initdb refuses root).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port=$1
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# start_pg <data-dir> <preferred-port> <tuning: durable|throwaway>
# Sets PG_PORT and PG_DATA; creates the cluster on first use.
start_pg() {
  PG_DATA=$1
  local tuning=$3
  PG_PORT=$(free_port "$2")
  mkdir -p "$(dirname "$PG_DATA")"
  # The postgres user must reach the data directory; a checkout under a private home (e.g. /root) it cannot.
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$(dirname "$PG_DATA")"; then
    PG_DATA="/var/tmp/talenthub-$(basename "$PG_DATA")-$(echo "$ROOT" | md5sum | cut -c1-8)"
    echo "==> the postgres user cannot reach $ROOT; keeping the database in $PG_DATA"
  fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U talenthub --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  local options="-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DATA -c max_connections=300 -c shared_buffers=256MB"
  # Bulk loads write a lot of WAL (profiles, versions, feed): fewer forced checkpoints and compressed full-page images.
  options="$options -c max_wal_size=4GB -c checkpoint_timeout=15min -c wal_compression=on"
  if [ "$tuning" = throwaway ]; then
    # Test data is thrown away: trade durability for speed.
    options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -o "$options" -l "$PG_DATA/server.log" -w -t 60 start >/dev/null
  echo "==> PostgreSQL 15 on 127.0.0.1:$PG_PORT (data in $PG_DATA)"
}

stop_pg() {
  if [ -n "${PG_DATA:-}" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

pg_connection_string() {
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=talenthub;Database=$1;Maximum Pool Size=100"
}

create_database() {
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U talenthub -d postgres -v ON_ERROR_STOP=1 -qtA \
    -c "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1 \
    || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U talenthub "$1"
}
