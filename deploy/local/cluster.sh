#!/usr/bin/env bash
# The production topology on one machine, from Debian packages (deploy/README.md, "The cluster on one machine"):
# a PostgreSQL 15 primary and a streaming replica (pg_basebackup -R), two API processes (--role api) reading
# profiles, the change feed and analytics from the replica, nginx in front of them, and two worker processes
# (--role worker); every port private, everything under .local/cluster (removed on exit).
#
#   deploy/local/cluster.sh            start it and wait (Ctrl-C stops everything)
#   deploy/local/cluster.sh --smoke    start it, push the tiny dataset through nginx, check the topology, stop; exit 0
#                                      or name what failed and exit 1
#   ... --keep <dir>                   on exit, before stopping, also dump the primary's database (pg_dump -Fc) and copy
#                                      the logs into <dir>, to compare two runs record by record
#
# backup-drill.sh sources this file for its functions (nothing runs when sourced).
set -euo pipefail
CLUSTER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROOT="${ROOT:-$CLUSTER_ROOT}"
# shellcheck source=pg.sh
source "$CLUSTER_ROOT/deploy/local/pg.sh"
# shellcheck source=api-client.sh
source "$CLUSTER_ROOT/deploy/local/api-client.sh"

DATA="$CLUSTER_ROOT/.local/demo-data"
PIDS=()            # service processes and nginx, stopped in reverse order
PG_SERVERS=()      # data directories of the servers this script started
FAILURES=()

# ---------------------------------------------------------------------------------------------------------------
# Pieces (also used by backup-drill.sh)

log() { echo "==> $*"; }

# check <description> <command...>: runs the command; records the description as a failure when it fails.
check() {
  local what=$1
  shift
  if "$@"; then echo "    ok   $what"; else echo "    FAIL $what"; FAILURES+=("$what"); fi
}

# prepare_run <folder>: a fresh run folder (a previous run's servers on it stopped first).
prepare_run() {
  RUN=$1
  local data
  for data in "$RUN"/pg/*; do
    [ -d "$data" ] || continue
    if running_pg_port "$data" >/dev/null; then as_postgres "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
  done
  rm -rf "$RUN"
  mkdir -p "$RUN/logs" "$RUN/pg"
  # The postgres user writes the servers' data and logs; it must reach the run folder.
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$RUN/pg"
    runuser -u postgres -- test -w "$RUN/pg" || { echo "the postgres user cannot write $RUN/pg" >&2; exit 1; }
  fi
}

ensure_nginx() {
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    log "installing nginx"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  fi
}

build_service() {
  log "building the service into $RUN/api"
  dotnet build "$CLUSTER_ROOT/src/TalentHub.Api/TalentHub.Api.csproj" -c Release --nologo -v q -o "$RUN/api" >/dev/null
  API_DLL="$RUN/api/TalentHub.Api.dll"
}

ensure_dataset() {
  if [ ! -f "$DATA/manifest.json" ]; then
    log "generating the tiny dataset into $DATA"
    dotnet run -c Release --project "$CLUSTER_ROOT/src/TalentHub.DataGen" -- --size tiny --seed 7 --out "$DATA" >/dev/null
  fi
}

# start_server <name> <port> [options...]: a PostgreSQL 15 server on $RUN/pg/<name>, created by initdb unless the folder
# already holds a cluster (a base backup). Durable settings, as in production.
start_server() {
  local name=$1 port=$2
  shift 2
  local data="$RUN/pg/$name"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_postgres mkdir -p "$data"
    as_postgres chmod 700 "$data"
    as_postgres "$PG_BIN/initdb" -D "$data" -U talenthub --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$RUN/pg/$name.log" -w -t 120 start -o \
    "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$RUN/pg -c max_connections=200 -c shared_buffers=128MB -c max_wal_size=2GB $*" >/dev/null
  PG_SERVERS+=("$data")
}

sql() {
  local port=$1
  shift
  "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U talenthub -d talenthub -v ON_ERROR_STOP=1 -qtA "$@"
}

service_environment() {
  export ConnectionStrings__TalentHub="Host=127.0.0.1;Port=$PRIMARY_PORT;Username=talenthub;Database=talenthub;Maximum Pool Size=50"
  export Auth__SigningKeys__0__KeyId="cluster"
  export Auth__SigningKeys__0__Key="${SIGNING_KEY:=$(head -c 48 /dev/urandom | base64 -w0)}"
  export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  export Logging__LogLevel__Default=Warning
  # Two job threads per worker keep the two shared cores for the rest of the cluster.
  export Hangfire__WorkerCount=2
}

# prepare_database: the release step, as in production: migrate, then the first administrator.
prepare_database() {
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PRIMARY_PORT" -U talenthub talenthub
  log "migrating (the host's migrate verb)"
  dotnet "$API_DLL" migrate >"$RUN/logs/migrate.log"
  dotnet "$API_DLL" create-admin-client --name "Cluster administrator" 2>/dev/null >"$RUN/admin.json"
  ADMIN_ID=$(jq -r .clientId "$RUN/admin.json")
  ADMIN_SECRET=$(jq -r .clientSecret "$RUN/admin.json")
}

# start_service <name> <role> <port> [extra environment...]: one host process, its output in logs/<name>.log.
start_service() {
  local name=$1 role=$2 port=$3
  shift 3
  env "$@" dotnet "$API_DLL" --contentRoot "$RUN/api" --role "$role" --urls "http://127.0.0.1:$port" >"$RUN/logs/$name.log" 2>&1 &
  PIDS+=($!)
  eval "${name//-/_}_PID=$!"
}

wait_ready() {
  local url=$1 pid=$2
  for _ in $(seq 1 120); do
    curl -fsS "$url/health/ready" >/dev/null 2>&1 && return 0
    process_alive "$pid" || { echo "the process behind $url exited" >&2; return 1; }
    sleep 1
  done
  echo "$url never became ready" >&2
  return 1
}

start_nginx() {
  local port=$1
  shift
  local conf="$RUN/nginx/nginx.conf" upstreams="" api user=""
  mkdir -p "$RUN/nginx/tmp"
  for api in "$@"; do upstreams+="        server 127.0.0.1:$api;"$'\n'; done
  # Started by root, nginx's workers drop to an unprivileged user: they write request bodies and buffers to tmp/.
  if [ "$(id -u)" -eq 0 ]; then
    user="user nobody nogroup;"
    chown nobody:nogroup "$RUN/nginx/tmp"
  fi
  cat >"$conf" <<NGINX
# A private nginx: its own prefix, pid, logs and temp folders; no system configuration read or written.
$user
worker_processes 1;
pid $RUN/nginx/nginx.pid;
error_log $RUN/logs/nginx-error.log warn;
events { worker_connections 512; }
http {
    log_format upstreams '\$request_method \$uri \$status upstream=\$upstream_addr source=\$upstream_http_talenthub_read_source';
    access_log $RUN/logs/nginx-access.log upstreams;
    client_body_temp_path $RUN/nginx/tmp/body;
    proxy_temp_path $RUN/nginx/tmp/proxy;
    fastcgi_temp_path $RUN/nginx/tmp/fastcgi;
    uwsgi_temp_path $RUN/nginx/tmp/uwsgi;
    scgi_temp_path $RUN/nginx/tmp/scgi;
    upstream talenthub_api {
$upstreams        keepalive 16;
    }
    server {
        listen 127.0.0.1:$port;
        # The API enforces its own body limits (1 MB, submissions more) and streams submissions and exports.
        client_max_body_size 0;
        proxy_request_buffering off;
        proxy_buffering off;
        location / {
            proxy_pass http://talenthub_api;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # Which API instance answered (for operators, and for cluster.sh --smoke).
            add_header TalentHub-Upstream \$upstream_addr always;
        }
    }
}
NGINX
  nginx -t -q -e "$RUN/logs/nginx-error.log" -p "$RUN/nginx" -c "$conf"
  nginx -e "$RUN/logs/nginx-error.log" -p "$RUN/nginx" -c "$conf" -g 'daemon off;' &
  PIDS+=($!)
  NGINX_PID=$!
}

stop_all() {
  local i pid data
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[$i]}
    process_alive "$pid" && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 30); do process_alive "$pid" || break; sleep 1; done
    process_alive "$pid" && kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
  for ((i = ${#PG_SERVERS[@]} - 1; i >= 0; i--)); do
    data=${PG_SERVERS[$i]}
    [ -f "$data/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  done
  PG_SERVERS=()
}

# http <out-prefix> <curl args...>: one request; the body in <out-prefix>.body, the headers in <out-prefix>.headers;
# prints the status code.
http() {
  local out=$1
  shift
  curl -sS -o "$out.body" -D "$out.headers" -w '%{http_code}' "$@"
}

# header <out-prefix> <name>: a response header's value.
header() {
  grep -i "^$2:" "$1.headers" | head -1 | cut -d' ' -f2- | tr -d '\r'
}

# register_agencies <admin-token>: registers every agency of the dataset, before any submission. A record's position
# history names the agencies where the person worked, and a code not registered when the record is validated is
# unknown_agency: registering each agency just before its own submission would make outcomes depend on how far the
# other agencies' submissions had got.
register_agencies() {
  local admin=$1 agency
  while read -r agency; do
    curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "$(jq -c '{name, kind, provinceCode}' <<<"$agency")" "$BASE_URL/api/v1/admin/agencies/$(jq -r .code <<<"$agency")"
  done < <(jq -c '.[]' "$DATA/agencies.json")
}

# load_agency <agency-json> <admin-token>: the agency's client, its scales and dictionary, and its records posted (as
# demo.sh does; the agency registered by register_agencies); prints the submission id.
load_agency() {
  local agency=$1 admin=$2 code client agency_token
  code=$(jq -r .code <<<"$agency")
  client=$(curl -fsS -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"name\":\"HR system $code\",\"agencyCode\":\"$code\",\"scopes\":[\"submissions.write\",\"mappings.write\",\"profiles.read\",\"analytics.read\"]}" \
    "$BASE_URL/api/v1/admin/clients")
  agency_token=$(token "$(jq -r .clientId <<<"$client")" "$(jq -r .clientSecret <<<"$client")")
  register_mappings "$code" "$agency_token" "$DATA/agencies/$code/mappings.json"
  curl -fsS -X POST -H "Authorization: Bearer $agency_token" -H 'Content-Type: application/x-ndjson' \
    -H "Idempotency-Key: cluster-tiny-7-$code" --data-binary "@$DATA/agencies/$code/records.ndjson" \
    "$BASE_URL/api/v1/submissions" | jq -r .id
}

# wait_submission <id> <token> <out-prefix>: polls the status resource until the submission has finished; the last
# response stays in <out-prefix>.*; fails on FAILED or after 10 minutes.
wait_submission() {
  local id=$1 bearer=$2 out=$3 status
  for _ in $(seq 1 600); do
    http "$out" -H "Authorization: Bearer $bearer" "$BASE_URL/api/v1/submissions/$id" >/dev/null
    status=$(jq -r .status "$out.body")
    case "$status" in
      COMPLETED | COMPLETED_WITH_ERRORS) return 0 ;;
      FAILED) echo "submission $id FAILED" >&2; return 1 ;;
    esac
    sleep 1
  done
  echo "submission $id did not finish" >&2
  return 1
}

# index_fingerprint <port>: the index as a few lines: profiles' content hash, counts of profiles, versions, feed entries.
# Between two loads of one dataset only the profiles line and the 9-box depend on nothing but the records and the
# evaluation date: versions and feed entries depend on the order the jobs ran in (a profile two agencies report gets one
# version or two), and their hashes name each submission's id.
index_fingerprint() {
  sql "$1" -c "SELECT 'profiles ' || count(*) || ' content ' || coalesce(md5(string_agg(content_hash, ',' ORDER BY nip)), '-') FROM profiles" \
    -c "SELECT 'versions ' || count(*) || ' ' || coalesce(md5(string_agg(nip || ':' || version || ':' || cause, ',' ORDER BY nip, version)), '-') FROM profile_versions" \
    -c "SELECT 'feed ' || count(*) || ' ' || coalesce(md5(string_agg(nip || ':' || version || ':' || kind, ',' ORDER BY xid, seq)), '-') FROM change_feed" \
    -c "SELECT 'nine-box cells ' || coalesce(sum(people), 0) FROM nine_box_counts"
}

# unknown_agencies_as_planted <port>: the records rejected as unknown_agency are exactly those the generator planted
# (expected.ndjson), none naming an agency of the dataset.
unknown_agencies_as_planted() {
  local got planted
  got=$(sql "$1" -c "SELECT DISTINCT s.agency_code || ':' || e.record_index FROM record_errors e JOIN submissions s ON s.id = e.submission_id WHERE e.code = 'unknown_agency' ORDER BY 1")
  planted=$(cat "$DATA"/agencies/*/expected.ndjson | jq -r 'select(.format == "NDJSON" and any(.errors[]; .code == "unknown_agency")) | "\(.agencyCode):\(.recordIndex)"' | sort)
  [ "$got" = "$planted" ] || { echo "         rejected as unknown_agency: ${got//$'\n'/ } (planted: ${planted//$'\n'/ })"; return 1; }
}

# load_identity: what a load's index depends on besides the code, to tell whether two runs' fingerprints can be
# compared: the dataset's records (a generator change gives one seed other records) and the evaluation date (the day in
# Jakarta, or Clock__Now's).
load_identity() {
  echo "dataset $(cat "$DATA"/agencies/*/records.ndjson | md5sum | cut -c1-32), evaluation date $(TZ=Asia/Jakarta date -d "${Clock__Now:-now}" +%F)"
}

# ---------------------------------------------------------------------------------------------------------------
# The cluster

start_cluster() {
  ensure_packages
  ensure_nginx
  prepare_run "$CLUSTER_ROOT/.local/cluster"
  build_service
  PRIMARY_PORT=$(free_port 55440)
  start_server primary "$PRIMARY_PORT" "-c wal_level=replica -c max_wal_senders=5"
  log "PostgreSQL 15 primary on 127.0.0.1:$PRIMARY_PORT"
  service_environment
  prepare_database

  REPLICA_PORT=$(free_port $((PRIMARY_PORT + 1)))
  log "streaming replica by pg_basebackup -R (slot cluster_replica) on 127.0.0.1:$REPLICA_PORT"
  as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U talenthub -D "$RUN/pg/replica" \
    -R -X stream -C -S cluster_replica -c fast
  # Feedback keeps the primary's vacuum from removing rows a long replica read still needs (no recovery conflicts).
  start_server replica "$REPLICA_PORT" "-c hot_standby=on -c hot_standby_feedback=on"
  REPLICA_CONNECTION="Host=127.0.0.1;Port=$REPLICA_PORT;Username=talenthub;Database=talenthub;Maximum Pool Size=50;Timeout=3"

  API1_PORT=$(free_port 5181)
  API2_PORT=$(free_port $((API1_PORT + 1)))
  WORKER1_PORT=$(free_port $((API2_PORT + 1)))
  WORKER2_PORT=$(free_port $((WORKER1_PORT + 1)))
  start_service api-1 api "$API1_PORT" ConnectionStrings__TalentHubReadReplica="$REPLICA_CONNECTION"
  start_service api-2 api "$API2_PORT" ConnectionStrings__TalentHubReadReplica="$REPLICA_CONNECTION"
  start_service worker-1 worker "$WORKER1_PORT"
  start_service worker-2 worker "$WORKER2_PORT"
  wait_ready "http://127.0.0.1:$API1_PORT" "$api_1_PID"
  wait_ready "http://127.0.0.1:$API2_PORT" "$api_2_PID"
  wait_ready "http://127.0.0.1:$WORKER1_PORT" "$worker_1_PID"
  wait_ready "http://127.0.0.1:$WORKER2_PORT" "$worker_2_PID"

  NGINX_PORT=$(free_port $((WORKER2_PORT + 1)))
  start_nginx "$NGINX_PORT" "$API1_PORT" "$API2_PORT"
  BASE_URL="http://127.0.0.1:$NGINX_PORT"
  wait_ready "$BASE_URL" "$NGINX_PID"
  cat <<INFO
==> the cluster is up
    nginx       $BASE_URL  (-> api-1 127.0.0.1:$API1_PORT, api-2 127.0.0.1:$API2_PORT)
    workers     127.0.0.1:$WORKER1_PORT (process $worker_1_PID), 127.0.0.1:$WORKER2_PORT (process $worker_2_PID)
    primary     127.0.0.1:$PRIMARY_PORT    replica 127.0.0.1:$REPLICA_PORT    (user talenthub, database talenthub)
    admin       client $ADMIN_ID, secret $ADMIN_SECRET
    logs        $RUN/logs
INFO
}

# ---------------------------------------------------------------------------------------------------------------
# The smoke test

# replica_reached <lsn>: the replica has replayed up to the position.
replica_reached() {
  [ "$(sql "$REPLICA_PORT" -c "SELECT pg_last_wal_replay_lsn() >= '$1'::pg_lsn")" = t ]
}

wait_replica() {
  for _ in $(seq 1 120); do replica_reached "$1" && return 0; sleep 0.5; done
  echo "the replica never reached $1" >&2
  return 1
}

# A consistency token no replica can have reached: the read is served by the primary (used to compare the two).
PRIMARY_TOKEN="FFFFFFFF/FFFFFFFF"

# read_as <out-prefix> <token or -> <path>: a GET through nginx as the reader client; prints the status.
read_as() {
  local out=$1 consistency=$2 path=$3
  if [ "$consistency" = - ]; then
    http "$out" -H "Authorization: Bearer $READER" "$BASE_URL$path"
  else
    http "$out" -H "Authorization: Bearer $READER" -H "TalentHub-Consistency-Token: $consistency" "$BASE_URL$path"
  fi
}

# same_on_both <path>: read through the replica and through the primary; both 200, routed as asked, same body.
same_on_both() {
  local path=$1 a="$RUN/cmp-replica" b="$RUN/cmp-primary" got
  got="$(read_as "$a" - "$path") $(header "$a" TalentHub-Read-Source), $(read_as "$b" "$PRIMARY_TOKEN" "$path") $(header "$b" TalentHub-Read-Source)"
  if [ "$got" != "200 replica, 200 primary" ]; then
    echo "         $path: $got (expected 200 replica, 200 primary)"
    return 1
  fi
  cmp -s "$a.body" "$b.body" || { echo "         $path: the replica's body differs from the primary's"; return 1; }
}

# follow_feed <token or -> <cursor or -> <file>: every entry after the cursor, as "nip version kind" lines appended to
# the file; prints the last cursor.
follow_feed() {
  local consistency=$1 cursor=$2 file=$3 out="$RUN/feed" query
  while :; do
    query="/api/v1/changes?limit=1000"
    [ "$cursor" != - ] && query+="&cursor=$cursor"
    [ "$(read_as "$out" "$consistency" "$query")" = 200 ] || { echo "feed read failed: $(cat "$out.body")" >&2; return 1; }
    jq -r '.items[] | "\(.nip) \(.version) \(.kind)"' "$out.body" >>"$file"
    cursor=$(jq -r .nextCursor "$out.body")
    [ "$(jq '.items | length' "$out.body")" -lt 1000 ] && break
  done
  echo "$cursor"
}

all_pages_same() {
  local path=$1 cursor=- out="$RUN/page" page
  while :; do
    page="$path"
    [ "$cursor" != - ] && page+="&cursor=$cursor"
    same_on_both "$page" || return 1
    cursor=$(jq -r '.nextCursor // empty' "$RUN/cmp-replica.body")
    [ -z "$cursor" ] && return 0
  done
}

smoke() {
  ensure_dataset
  local admin agencies count i code id status_token nip feed_cursor probe_pid
  admin=$(token "$ADMIN_ID" "$ADMIN_SECRET")
  local reader
  reader=$(curl -fsS -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"name":"Cluster smoke reader","scopes":["profiles.read","changes.read","analytics.read"]}' "$BASE_URL/api/v1/admin/clients")
  READER=$(token "$(jq -r .clientId <<<"$reader")" "$(jq -r .clientSecret <<<"$reader")")
  mapfile -t agencies < <(jq -c '.[]' "$DATA/agencies.json")
  count=${#agencies[@]}
  local -a ids=()

  register_agencies "$admin"
  log "loading the tiny dataset through nginx: $((count - 2)) agencies at once"
  for ((i = 0; i < count - 2; i++)); do
    ids+=("$(load_agency "${agencies[$i]}" "$admin")")
  done
  for id in "${ids[@]}"; do wait_submission "$id" "$admin" "$RUN/status"; done
  log "$((count - 2)) submissions finished"

  log "read-your-writes: the replica's replay paused, one more agency's submission"
  sql "$REPLICA_PORT" -c "SELECT pg_wal_replay_pause()" >/dev/null
  code=$(jq -r .code <<<"${agencies[$((count - 2))]}")
  id=$(load_agency "${agencies[$((count - 2))]}" "$admin")
  wait_submission "$id" "$admin" "$RUN/status"
  status_token=$(header "$RUN/status" TalentHub-Consistency-Token)
  nip=$(sql "$PRIMARY_PORT" -c "SELECT nip FROM profile_versions WHERE version = 1 AND cause = 'SUBMISSION $id' ORDER BY nip LIMIT 1")
  echo "    $code: submission $id finished; its status carried token $status_token; new profile $nip"
  check "the submission's status resource is never routed (no TalentHub-Read-Source)" test -z "$(header "$RUN/status" TalentHub-Read-Source)"
  check "the status resource carries a consistency token" test -n "$status_token"
  check "a new profile of that submission exists on the primary" test -n "$nip"
  local own="$RUN/own" stale="$RUN/stale"
  check "with the status token the profile is served by the primary (the replica is behind): 200" \
    test "$(read_as "$own" "$status_token" "/api/v1/profiles/$nip"):$(header "$own" TalentHub-Read-Source)" = "200:primary"
  check "without a token the same read goes to the paused replica, which has no such profile yet: 404" \
    test "$(read_as "$stale" - "/api/v1/profiles/$nip"):$(header "$stale" TalentHub-Read-Source)" = "404:replica"
  sql "$REPLICA_PORT" -c "SELECT pg_wal_replay_resume()" >/dev/null
  wait_replica "$status_token"
  local caught="$RUN/caught"
  check "once the replica has replayed the token the read goes to the replica: 200, the primary's body" \
    test "$(read_as "$caught" "$status_token" "/api/v1/profiles/$nip"):$(header "$caught" TalentHub-Read-Source):$(md5sum <"$caught.body")" = "200:replica:$(md5sum <"$own.body")"

  log "change feed on the standby: a transaction left open on the primary holds the replica's watermark back"
  : >"$RUN/feed-replica-before"
  feed_cursor=$(follow_feed - - "$RUN/feed-replica-before")
  mkfifo "$RUN/probe.in"
  PGAPPNAME=cluster-probe sql "$PRIMARY_PORT" <"$RUN/probe.in" >"$RUN/probe.out" 2>&1 &
  probe_pid=$!
  exec 3>"$RUN/probe.in"
  echo "BEGIN; SELECT pg_current_xact_id();" >&3
  local probe_xid=""
  for _ in $(seq 1 100); do
    probe_xid=$(sql "$PRIMARY_PORT" -c "SELECT backend_xid FROM pg_stat_activity WHERE application_name = 'cluster-probe' AND backend_xid IS NOT NULL")
    [ -n "$probe_xid" ] && break
    sleep 0.2
  done
  echo "    transaction $probe_xid open on the primary (it holds a transaction id and writes nothing)"
  code=$(jq -r .code <<<"${agencies[$((count - 1))]}")
  id=$(load_agency "${agencies[$((count - 1))]}" "$admin")
  wait_submission "$id" "$admin" "$RUN/status"
  status_token=$(header "$RUN/status" TalentHub-Consistency-Token)
  wait_replica "$status_token"
  : >"$RUN/feed-held-replica"
  : >"$RUN/feed-held-primary"
  follow_feed "$status_token" "$feed_cursor" "$RUN/feed-held-replica" >/dev/null
  follow_feed "$PRIMARY_TOKEN" "$feed_cursor" "$RUN/feed-held-primary" >/dev/null
  echo "    $code: submission $id finished and replayed; feed entries after the cursor: replica $(wc -l <"$RUN/feed-held-replica"), primary $(wc -l <"$RUN/feed-held-primary")"
  check "while an older transaction runs on the primary the replica serves no entry past it (as the primary)" \
    test "$(wc -l <"$RUN/feed-held-replica"):$(wc -l <"$RUN/feed-held-primary")" = "0:0"
  follow_feed "$status_token" "$feed_cursor" /dev/null >/dev/null
  check "that feed read with the token was served by the replica" test "$(header "$RUN/feed" TalentHub-Read-Source)" = replica
  echo "COMMIT;" >&3
  exec 3>&-
  wait "$probe_pid" || true
  http "$RUN/after-probe" -H "Authorization: Bearer $admin" "$BASE_URL/api/v1/submissions/$id" >/dev/null
  wait_replica "$(header "$RUN/after-probe" TalentHub-Consistency-Token)"
  : >"$RUN/feed-replica-after"
  : >"$RUN/feed-primary-after"
  follow_feed - "$feed_cursor" "$RUN/feed-replica-after" >/dev/null
  follow_feed "$PRIMARY_TOKEN" "$feed_cursor" "$RUN/feed-primary-after" >/dev/null
  echo "    after the commit: replica $(wc -l <"$RUN/feed-replica-after") entries, primary $(wc -l <"$RUN/feed-primary-after")"
  check "after it commits the replica serves the new entries, the same as the primary" \
    eval "[ -s '$RUN/feed-replica-after' ] && cmp -s '$RUN/feed-replica-after' '$RUN/feed-primary-after'"

  log "reads routed to the replica equal the primary's once it has caught up"
  http "$RUN/now" -H "Authorization: Bearer $admin" "$BASE_URL/api/v1/submissions/$id" >/dev/null
  wait_replica "$(header "$RUN/now" TalentHub-Consistency-Token)"
  check "the only records rejected as unknown_agency are the generator's planted ones" unknown_agencies_as_planted "$PRIMARY_PORT"
  check "index fingerprint (profiles' content hash, versions, feed, 9-box) equal on primary and replica" \
    test "$(index_fingerprint "$PRIMARY_PORT")" = "$(index_fingerprint "$REPLICA_PORT")"
  index_fingerprint "$PRIMARY_PORT" | sed 's/^/         /'
  echo "         $(load_identity)"
  check "every page of GET /api/v1/profiles" all_pages_same "/api/v1/profiles?limit=1000"
  local sample
  for sample in $(sql "$PRIMARY_PORT" -c "SELECT nip FROM profiles WHERE merged_into IS NULL ORDER BY md5(nip) LIMIT 5"); do
    check "GET /api/v1/profiles/$sample and its history" eval "same_on_both /api/v1/profiles/$sample && same_on_both /api/v1/profiles/$sample/history?limit=100"
  done
  : >"$RUN/feed-replica-all"
  : >"$RUN/feed-primary-all"
  follow_feed - - "$RUN/feed-replica-all" >/dev/null
  follow_feed "$PRIMARY_TOKEN" - "$RUN/feed-primary-all" >/dev/null
  check "the whole change feed ($(wc -l <"$RUN/feed-replica-all") entries) through the replica equals the primary's" \
    eval "[ -s '$RUN/feed-replica-all' ] && cmp -s '$RUN/feed-replica-all' '$RUN/feed-primary-all'"
  check "GET /api/v1/analytics/nine-box" same_on_both "/api/v1/analytics/nine-box"
  check "GET /api/v1/analytics/competency-map?groupBy=PROVINCE" same_on_both "/api/v1/analytics/competency-map?groupBy=PROVINCE"
  check "GET /api/v1/analytics/data-quality" all_pages_same "/api/v1/analytics/data-quality?limit=100"
  check "GET /api/v1/analytics/succession-pools?targetLevel=JPT_PRATAMA" same_on_both "/api/v1/analytics/succession-pools?targetLevel=JPT_PRATAMA"

  log "both APIs and both workers took part"
  local served
  served=$(grep -c "upstream=127.0.0.1:$API1_PORT" "$RUN/logs/nginx-access.log" || true):$(grep -c "upstream=127.0.0.1:$API2_PORT" "$RUN/logs/nginx-access.log" || true)
  echo "    requests through nginx: api-1 ${served%%:*}, api-2 ${served##*:}; by read source: $(grep -o 'source=[a-z-]*' "$RUN/logs/nginx-access.log" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
  check "both API instances served requests" test "${served%%:*}" -gt 0 -a "${served##*:}" -gt 0
  sql "$PRIMARY_PORT" -c "SELECT '    chunks committed by ' || worker || ': ' || count(*) FROM chunk_commits GROUP BY worker ORDER BY worker"
  local host
  host=$(hostname)
  check "worker-1 (process $worker_1_PID) committed chunks" \
    test "$(sql "$PRIMARY_PORT" -c "SELECT count(*) FROM chunk_commits WHERE worker = '$host:$worker_1_PID'")" -gt 0
  check "worker-2 (process $worker_2_PID) committed chunks" \
    test "$(sql "$PRIMARY_PORT" -c "SELECT count(*) FROM chunk_commits WHERE worker = '$host:$worker_2_PID'")" -gt 0
  check "no chunk committed twice" test "$(sql "$PRIMARY_PORT" -c "SELECT count(*) FROM (SELECT job, chunk FROM chunk_commits GROUP BY job, chunk HAVING count(*) > 1) twice")" = 0
  check "no error in the services' logs" eval "! grep -l -E '^(fail|crit):' '$RUN'/logs/api-*.log '$RUN'/logs/worker-*.log"
}

# keep_primary <dir>: the primary's database as a pg_dump archive and the run's logs, kept when the run folder goes.
keep_primary() {
  local dir=$1
  [ -n "${PRIMARY_PORT:-}" ] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PRIMARY_PORT" || return 0
  mkdir -p "$dir"
  "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$PRIMARY_PORT" -U talenthub -d talenthub -Fc -f "$dir/primary.dump"
  cp -r "$RUN/logs" "$dir/"
  log "kept the primary's database in $dir/primary.dump (pg_restore it into an empty database) and the logs"
}

cluster_main() {
  local smoke_test=0 keep=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --smoke) smoke_test=1 ;;
      --keep) keep=$(realpath -m "${2:?--keep needs a folder}"); shift ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
  done
  KEEP_DIR=$keep
  trap '[ -n "$KEEP_DIR" ] && keep_primary "$KEEP_DIR"; stop_all; [ -n "${RUN:-}" ] && rm -rf "$RUN"; echo "==> stopped"' EXIT
  trap 'exit 130' INT TERM
  start_cluster
  if [ "$smoke_test" -eq 0 ]; then
    echo "Ctrl-C stops everything."
    wait "${PIDS[0]}"
    return
  fi
  smoke
  if [ ${#FAILURES[@]} -gt 0 ]; then
    echo "==> cluster smoke test FAILED (${#FAILURES[@]}):"
    printf '    - %s\n' "${FAILURES[@]}"
    echo "    (logs: $RUN/logs, removed on exit; rerun without --smoke to keep the cluster up)"
    exit 1
  fi
  echo "==> cluster smoke test passed"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  cluster_main "$@"
fi
