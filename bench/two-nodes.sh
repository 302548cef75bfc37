#!/usr/bin/env bash
# Two app nodes on one PostgreSQL behind nginx (round-robin on 127.0.0.1), on one machine.
# Proves what docs/operations.md promises for more than one node:
#   1. a session signed in through nginx is good on either node (Spring Session JDBC);
#   2. data written on one node is read on the other;
#   3. kill -9 of a node loses neither the session nor any acknowledged write; nginx moves on;
#   4. the daily reminder job runs once per cluster, not once per node (ShedLock).
# Exits non-zero on any failure. Run as root on Debian 12 (installs what is missing), from anywhere:
#   bash bench/two-nodes.sh
# Settings (environment): CHUANGWEN_JAR (skip the build and use this jar), CHUANGWEN_NODE_A_PORT
# (8103), CHUANGWEN_NODE_B_PORT (8113), CHUANGWEN_LB_PORT (8123), CHUANGWEN_PG_PORT (5432),
# CHUANGWEN_TWO_KEEP=1 keeps the work folder with the logs.
set -euo pipefail

cd "$(dirname "$0")/.."

PORT_A="${CHUANGWEN_NODE_A_PORT:-8103}"
PORT_B="${CHUANGWEN_NODE_B_PORT:-8113}"
PORT_LB="${CHUANGWEN_LB_PORT:-8123}"
PG_PORT="${CHUANGWEN_PG_PORT:-5432}"
DB_NAME=chuangwen_two
DB_USER=chuangwen
DB_PASSWORD=chuangwen
TOTP_SECRET=CHUANGWENDEMOTOTPSECRETABCDEFGHI
WORK="$(mktemp -d /tmp/chuangwen-two-nodes.XXXXXX)"
LB="http://127.0.0.1:$PORT_LB"
START=$(date +%s)
PID_A=""
PID_B=""

log() { echo "==> [two-nodes $(date '+%T')] $*"; }
fail() {
  echo "==> [two-nodes] FAILED: $*" >&2
  for f in "$WORK"/node-*.log "$WORK"/nginx-error.log; do
    [ -f "$f" ] && { echo "--- last lines of $f" >&2; tail -40 "$f" >&2; }
  done
  exit 1
}

cleanup() {
  local rc=$?
  for pid in $PID_A $PID_B; do
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -f "$WORK/nginx.pid" ]; then
    kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  fi
  if [ "${CHUANGWEN_TWO_KEEP:-}" = 1 ] || [ "$rc" -ne 0 ]; then
    echo "==> [two-nodes] logs kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

# --- packages -----------------------------------------------------------------------------------
need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null 2>&1 || need+=(curl ca-certificates)
command -v jq >/dev/null 2>&1 || need+=(jq)
command -v oathtool >/dev/null 2>&1 || need+=(oathtool)
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- PostgreSQL and the database chuangwen_two -------------------------------------------------
if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { f = 1 } END { exit !f }'; then
    pg_createcluster --locale C.UTF-8 -p "$PG_PORT" "$ver" main
  fi
  pg_ctlcluster "$ver" main start || service postgresql start
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || fail "PostgreSQL is not ready on 127.0.0.1:$PG_PORT"
fi
log "database $DB_NAME (fresh)"
(cd / && su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $PG_PORT -d postgres") <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
  END IF;
END
\$\$;
DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE);
CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;
SQL
psql_two() { PGPASSWORD="$DB_PASSWORD" psql -X -At -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" "$@"; }

# --- the jar, built once --------------------------------------------------------------------------
JAR="${CHUANGWEN_JAR:-}"
if [ -z "$JAR" ]; then
  log "building the jar"
  ./mvnw -B -q --no-transfer-progress -DskipTests package
  JAR=$(ls target/chuangwen-*.jar | grep -v '\.original$' | head -1)
fi
[ -f "$JAR" ] || fail "no jar at $JAR"
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
log "jar $JAR"

# --- nodes ----------------------------------------------------------------------------------------
# start_node NAME PORT [java options...]: evidence in one shared folder (both nodes are on this
# machine; across machines use chuangwen.files.store=s3).
start_node() {
  local name="$1" port="$2"
  shift 2
  CHUANGWEN_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME" CHUANGWEN_DB_USER="$DB_USER" \
    CHUANGWEN_DB_PASSWORD="$DB_PASSWORD" CHUANGWEN_FILES_ROOT="$WORK/files" CHUANGWEN_BACKUP_ENABLED=false \
    nohup java -Xmx512m -XX:+ExitOnOutOfMemoryError -XX:CICompilerCount=12 "$@" -jar "$JAR" --server.port="$port" \
    --spring.main.banner-mode=off >>"$WORK/node-$name.log" 2>&1 &
  echo $!
}
kill_node() {
  local pid="$1"
  kill -9 "$pid" 2>/dev/null || true
  local _
  for _ in $(seq 1 100); do
    # gone, or a zombie waiting for a parent that will never reap it
    kill -0 "$pid" 2>/dev/null || return 0
    grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && return 0
    sleep 0.2
  done
  fail "process $pid did not die after kill -9"
}
wait_healthy() {
  local name="$1" port="$2" pid="$3" i
  for i in $(seq 1 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/actuator/health" 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || fail "node $name died while starting"
    sleep 1
  done
  fail "node $name not healthy within 600s"
}

log "node A on $PORT_A (migrates, loads the demo data)"
PID_A=$(start_node a "$PORT_A")
wait_healthy a "$PORT_A" "$PID_A"
t0=$(date +%s)
log "node B on $PORT_B"
PID_B=$(start_node b "$PORT_B")
wait_healthy b "$PORT_B" "$PID_B"
B_START=$(( $(date +%s) - t0 ))
log "node B started in ${B_START}s"

# --- nginx round-robin ----------------------------------------------------------------------------
mkdir -p "$WORK/nginx"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$WORK/nginx.conf" <<EOF
# Two Chuangwen nodes behind nginx, round-robin; the example of docs/operations.md.
$user_line
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log $WORK/nginx-access.log;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  client_max_body_size 60m;
  upstream chuangwen {
    server 127.0.0.1:$PORT_A max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$PORT_B max_fails=1 fail_timeout=10s;
  }
  server {
    listen 127.0.0.1:$PORT_LB;
    location / {
      proxy_pass http://chuangwen;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }
  }
}
EOF
"$NGINX" -t -q -c "$WORK/nginx.conf" -p "$WORK/nginx" || fail "nginx configuration"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK/nginx"
for _ in $(seq 1 20); do curl -fsS -o /dev/null "$LB/actuator/health" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$LB/actuator/health" || fail "nginx does not answer on $LB"
log "nginx round-robin on $LB"

# --- 1. a session signed in through nginx works on both nodes ------------------------------------
JAR_COOKIES="$WORK/cookies.txt"
csrf=$(curl -fsS -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$LB/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$csrf" ] || fail "no CSRF token on the login page"
signed=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -c "$JAR_COOKIES" -b "$JAR_COOKIES" \
  --data-urlencode "username=xiantao.liaison" --data-urlencode "password=Demo#2026" --data-urlencode "_csrf=$csrf" \
  "$LB/login")
case "$signed" in
  "302 "*login*) fail "sign-in through nginx refused: $signed" ;;
  302*) ;;
  *) fail "sign-in through nginx answered $signed" ;;
esac
grep -q CWSESSION "$JAR_COOKIES" || fail "no CWSESSION cookie after sign-in"
page() { curl -sS -o /dev/null -w "%{http_code}" -b "$JAR_COOKIES" "$1/"; }
for target in "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B" "$LB" "$LB"; do
  code=$(page "$target")
  [ "$code" = 200 ] || fail "the session signed in through nginx got $code from $target/"
done
log "1. the session signed in through nginx opens the home page on node A, node B and nginx"

# --- 2. data written on one node is read on the other --------------------------------------------
token() {
  local code
  code=$(oathtool --totp -b "$TOTP_SECRET")
  curl -fsS -H 'Content-Type: application/json' \
    -d "{\"username\":\"xiantao.office\",\"password\":\"Demo#2026\",\"totp\":\"$code\"}" \
    "http://127.0.0.1:$PORT_A/api/v1/auth/token" | jq -r .token
}
TOKEN=$(token)
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || fail "no API token for xiantao.office"
api() { curl -sS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
TOWN=$(api "http://127.0.0.1:$PORT_B/api/v1/units?kind=TOWN" | jq -r '.[0].id')
[ -n "$TOWN" ] && [ "$TOWN" != null ] || TOWN=$(api "http://127.0.0.1:$PORT_B/api/v1/units?kind=SUBDISTRICT" | jq -r '.[0].id')
[ -n "$TOWN" ] && [ "$TOWN" != null ] || fail "no town to put communities under"

IDS=()
# create I BASE: one community; acknowledged only by a 201. A 502 means the request reached a
# node as it died (nginx does not resend a POST once sent): not acknowledged, so it is sent again.
create() {
  local i="$1" base="$2" out code id try
  for try in 1 2 3; do
    out=$(api -w '\n%{http_code}' -d "{\"code\":\"TWO-$START-$i\",\"name\":\"双节点社区$i\",\"kind\":\"COMMUNITY\",\"parentId\":$TOWN}" \
      "$base/api/v1/units")
    code=$(tail -1 <<<"$out")
    case "$code" in
      502 | 503 | 504) log "   community $i: $code from nginx (not acknowledged), sending again" ;;
      *) break ;;
    esac
  done
  [ "$code" = 201 ] || fail "creating community $i through $base answered $code: $(head -1 <<<"$out")"
  id=$(head -1 <<<"$out" | jq -r .id)
  IDS+=("$id")
}
# Node B keeps the answer of a unit list (shared/web/CachedAnswers); the write on node A must show
# in that same list on node B at once, not after some expiry.
listed() { api "http://127.0.0.1:$PORT_B/api/v1/units?q=TWO-$START-&size=500" | jq length; }
[ "$(listed)" = 0 ] || fail "node B lists communities of this run before any was written"
[ "$(listed)" = 0 ] || fail "node B's kept list changed with nothing written"
create 1 "http://127.0.0.1:$PORT_A"
code=$(api -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_B/api/v1/units/${IDS[0]}")
[ "$code" = 200 ] || fail "the community written on node A answered $code on node B"
[ "$(listed)" = 1 ] || fail "node B's unit list does not show the community written on node A"
for i in 2 3 4 5 6; do create "$i" "$LB"; done
[ "$(listed)" = 6 ] || fail "node B's unit list does not show the 5 communities written through nginx"
log "2. a community written on node A is read, and listed at once, on node B; 5 more written through nginx"

# --- 3. kill -9 of node B -------------------------------------------------------------------------
kill_node "$PID_B"
PID_B=""
log "3. node B killed with kill -9"
for i in 7 8 9 10; do create "$i" "$LB"; done
for id in "${IDS[@]}"; do
  code=$(api -o /dev/null -w '%{http_code}' "$LB/api/v1/units/$id")
  [ "$code" = 200 ] || fail "acknowledged community $id answered $code after node B died"
done
code=$(page "$LB")
[ "$code" = 200 ] || fail "the session got $code through nginx after node B died"
n=$(psql_two -c "select count(*) from unit where code like 'TWO-$START-%'")
[ "$n" = "${#IDS[@]}" ] || fail "$n communities in the database, ${#IDS[@]} acknowledged"
log "   every acknowledged write (${#IDS[@]} communities) and the session survive; nginx serves from node A"

# --- 4. the daily reminder job runs once for the cluster ----------------------------------------
# Both nodes restart in a time zone whose midnight comes shortly after they are up, so Moments
# tells both that a day has passed at the same moment; ShedLock lets one of them send.
kill_node "$PID_A"
PID_A=""
lead=$(( 2 * B_START + 60 ))
midnight=$(( ( $(date +%s) + lead + 59 ) / 60 * 60 ))
offset=$(( (86400 - midnight % 86400) % 86400 ))
[ "$offset" -gt 64800 ] && offset=$(( offset - 86400 ))
sign=+
[ "$offset" -lt 0 ] && { sign=-; offset=$(( -offset )); }
zone=$(printf 'GMT%s%02d:%02d' "$sign" $(( offset / 3600 )) $(( offset % 3600 / 60 )))
log "4. both nodes restart in zone $zone: midnight there at $(date -u -d "@$midnight" '+%T') UTC"
PID_A=$(start_node a "$PORT_A" "-Duser.timezone=$zone" "-Dspring.modulith.moments.zone-id=$zone")
PID_B=$(start_node b "$PORT_B" "-Duser.timezone=$zone" "-Dspring.modulith.moments.zone-id=$zone")
wait_healthy a "$PORT_A" "$PID_A"
wait_healthy b "$PORT_B" "$PID_B"
[ "$(date +%s)" -lt "$midnight" ] || fail "the nodes came up after the chosen midnight; rerun (machine busy)"
code=$(page "$LB")
[ "$code" = 200 ] || fail "the session got $code after both nodes restarted"
log "   both nodes up; the session still opens the home page; waiting for midnight"
for _ in $(seq 1 $(( midnight - $(date +%s) + 120 ))); do
  heard=$(cat "$WORK"/node-*.log | grep -c 'Daily reminders of .* ran on' || true)
  [ "$heard" -ge 2 ] && break
  sleep 1
done
here=$(cat "$WORK"/node-*.log | grep -c 'Daily reminders of .* ran on this node' || true)
other=$(cat "$WORK"/node-*.log | grep -c 'Daily reminders of .* ran on another node' || true)
grep -h 'Daily reminders of' "$WORK"/node-*.log | sed 's/^/   /'
[ "$here" = 1 ] || fail "the daily reminders ran $here times (expected once for the cluster)"
[ "$other" -ge 1 ] || fail "the second node never heard the day pass"
locks=$(psql_two -c "select count(*) from shedlock where name like 'notify.daily-reminders:%'")
[ "$locks" = 1 ] || fail "$locks reminder locks in the shedlock table"
log "   the daily reminders ran once: one node sent them, the other skipped"

log "two nodes: all checks passed in $(( $(date +%s) - START ))s"
