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

# process_alive <pid>: the process exists and is not a zombie (a killed script's process lingers as one until reaped).
process_alive() {
  [[ "$1" =~ ^[1-9][0-9]*$ ]] && kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]
}

free_port() {
  local port=$1
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# pg_data_dir <data-dir>: the data directory start_pg really uses for <data-dir>. The postgres user must reach it; a
# checkout under a private home (e.g. /root, as root) it cannot, so the database then lives under /var/tmp instead, in a
# folder named after the checkout. start_pg and remove_pg both decide here, so they always agree.
pg_data_dir() {
  local data=$1
  mkdir -p "$(dirname "$data")"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$(dirname "$data")"; then
    echo "/var/tmp/talenthub-$(basename "$data")-$(echo "${ROOT:-$data}" | md5sum | cut -c1-8)"
  else
    echo "$data"
  fi
}

# running_pg_port <effective-data-dir>: prints the port of the server running on that data directory and succeeds,
# or fails when none runs there (no postmaster.pid, or a stale one whose process is gone).
running_pg_port() {
  local data=$1 port
  [ -f "$data/postmaster.pid" ] || return 1
  as_postgres "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1 || return 1
  # postmaster.pid: pid, data directory, start time, port, socket directory, listen address, shared memory key, status.
  port=$(sed -n 4p "$data/postmaster.pid")
  [[ "$port" =~ ^[0-9]+$ ]] || return 1
  echo "$port"
}

# The owner file names the script (its PID) that started or adopted the server and stops it on exit.
PG_OWNER_FILE=talenthub.owner

# start_pg <data-dir> <preferred-port> <tuning: durable|throwaway>
# Sets PG_PORT and PG_DATA; creates the cluster on first use. A server already running on the data directory (left by
# a run.sh killed before its cleanup, or started by a run.sh still running) is used as it is, on its own port: never
# two servers on one data directory. PG_OWNED=1 when this script is to stop the server on exit: it started it, or
# adopted it from a script that is gone; a server another live script started is left to that script.
start_pg() {
  PG_DATA=$(pg_data_dir "$1")
  local tuning=$3 port owner
  PG_OWNED=0
  if [ "$PG_DATA" != "$1" ]; then
    echo "==> the postgres user cannot reach $(dirname "$1"); keeping the database in $PG_DATA"
  fi
  if port=$(running_pg_port "$PG_DATA"); then
    for _ in $(seq 1 60); do
      "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" && break
      sleep 1
    done
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" \
      || { echo "a PostgreSQL server runs on $PG_DATA (port $port) but does not accept connections" >&2; return 1; }
    PG_PORT=$port
    owner=$(cat "$PG_DATA/$PG_OWNER_FILE" 2>/dev/null || true)
    if [ "$owner" != "$$" ] && process_alive "$owner"; then
      echo "==> PostgreSQL 15 already running on 127.0.0.1:$PG_PORT (data in $PG_DATA), started by process $owner; using it"
    else
      PG_OWNED=1
      echo "$$" >"$PG_DATA/$PG_OWNER_FILE"
      echo "==> PostgreSQL 15 already running on 127.0.0.1:$PG_PORT (data in $PG_DATA), left by a previous run; using it"
    fi
    return 0
  fi
  PG_PORT=$(free_port "$2")
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
  # Extra server options for an investigation, e.g. TALENTHUB_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements".
  options="$options ${TALENTHUB_PG_OPTIONS:-}"
  # A postmaster.pid left by a server that died is stale here (running_pg_port found no live server): pg_ctl and the
  # postmaster replace it.
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -o "$options" -l "$PG_DATA/server.log" -w -t 60 start >/dev/null
  PG_OWNED=1
  echo "$$" >"$PG_DATA/$PG_OWNER_FILE"
  echo "==> PostgreSQL 15 on 127.0.0.1:$PG_PORT (data in $PG_DATA)"
}

# Stops the server start_pg started or adopted (a server another live script uses is left running).
stop_pg() {
  if [ "${PG_OWNED:-0}" -eq 1 ] && [ -n "${PG_DATA:-}" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    rm -f "$PG_DATA/$PG_OWNER_FILE"
  fi
}

# remove_pg <data-dir>: deletes the database start_pg would use for <data-dir> (wherever pg_data_dir put it), stopping a
# server still running on it first.
remove_pg() {
  local data
  data=$(pg_data_dir "$1")
  if running_pg_port "$data" >/dev/null; then
    echo "==> stopping the PostgreSQL server still running on $data"
    as_postgres "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
  rm -rf "$data" "$1"
}

pg_connection_string() {
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=talenthub;Database=$1;Maximum Pool Size=100"
}

create_database() {
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U talenthub -d postgres -v ON_ERROR_STOP=1 -qtA \
    -c "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1 \
    || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U talenthub "$1"
}
