#!/usr/bin/env bash
# The request path against a bare Spring Boot app of the same Boot version (issue 6 §2).
# Builds both apps, starts them side by side on this machine, issues an API token for a demo
# account, and runs wrk (-t2 -c32 -d10s) on: bare GET, bare POST, GET /api/v1/me,
# GET /api/v1/units?size=50 and POST /api/v1/units (a new community, audited), in rounds: each
# application figure right after the bare one it is compared with. Prints requests/s, each round's
# ratio and the median ratio. Figures only: it never passes or fails on time.
#
#   bench/request-path.sh                          # embedded H2 (file) in a temporary folder, demo data
#   CHUANGWEN_DB_URL=jdbc:postgresql://127.0.0.1:5432/chuangwen_bench \
#   CHUANGWEN_DB_USER=chuangwen CHUANGWEN_DB_PASSWORD=chuangwen \
#   BARE_DB_URL=jdbc:postgresql://127.0.0.1:5432/bare_bench BARE_DB_USER=chuangwen BARE_DB_PASSWORD=chuangwen \
#   bench/request-path.sh                          # PostgreSQL (empty databases; demo data is loaded)
#
# Options (environment): APP_PORT (8114), BARE_PORT (8124), DURATION (10s), ROUNDS (3), THREADS (2),
# CONNECTIONS (32), WARMUP (20s per endpoint and round, two rounds, not counted),
# USER_NAME (xiantao.office), DEMO_SCALE (1), SKIP_BUILD=1, JAVA_OPTS.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP_PORT=${APP_PORT:-8114}
BARE_PORT=${BARE_PORT:-8124}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
USER_NAME=${USER_NAME:-xiantao.office}
DEMO_SCALE=${DEMO_SCALE:-1}
PASSWORD='Demo#2026'
TOTP_SECRET=CHUANGWENDEMOTOTPSECRETABCDEFGHI
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+ExitOnOutOfMemoryError -XX:CICompilerCount=12}

if ! command -v wrk >/dev/null; then
  apt-get install -y wrk >/dev/null
fi

cd "$ROOT"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -o package -DskipTests
  ./mvnw -q -o -f bench/bare/pom.xml package -DskipTests
fi
APP_JAR=$(ls target/chuangwen-*.jar | grep -v plain | head -1)
BARE_JAR=bench/bare/target/bare.jar

WORK=$(mktemp -d /tmp/chuangwen-bench.XXXXXX)
mkdir -p "$WORK/app" "$WORK/bare"
APP_PID=
BARE_PID=
cleanup() {
  for pid in $APP_PID $BARE_PID; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $APP_PID $BARE_PID; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

DB_KIND="H2 (embedded file)"
if [ -n "${CHUANGWEN_DB_URL:-}" ]; then
  DB_KIND="PostgreSQL"
fi
# H2 as shipped (application.yml): WRITE_DELAY=0, every commit reaches the file before the answer.
# The bare app gets the same setting, so the ratio measures the request path, not durability.
export CHUANGWEN_DB_URL=${CHUANGWEN_DB_URL:-"jdbc:h2:file:$WORK/app/chuangwen;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"}
export BARE_DB_URL=${BARE_DB_URL:-"jdbc:h2:file:$WORK/bare/bare;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0"}

# Working folders in $WORK: the app keeps its files (evidence, backups) under ./data.
(cd "$WORK/bare" && exec java $JAVA_OPTS -jar "$ROOT/$BARE_JAR" --server.port="$BARE_PORT" >"$WORK/bare.log" 2>&1) &
BARE_PID=$!
(cd "$WORK/app" && exec java $JAVA_OPTS -jar "$ROOT/$APP_JAR" --server.port="$APP_PORT" \
  --chuangwen.demo.scale="$DEMO_SCALE" >"$WORK/app.log" 2>&1) &
APP_PID=$!

wait_for() { # url, pid, log
  for _ in $(seq 1 600); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then echo "failed to start, see log:" >&2; tail -40 "$3" >&2; exit 1; fi
    sleep 0.5
  done
  echo "timed out waiting for $1" >&2; exit 1
}
wait_for "http://127.0.0.1:$BARE_PORT/bare" "$BARE_PID" "$WORK/bare.log"
wait_for "http://127.0.0.1:$APP_PORT/login" "$APP_PID" "$WORK/app.log"
# The demo data loads after the port opens; measure only once the app says it is ready.
for _ in $(seq 1 600); do
  if grep -q "is running: http" "$WORK/app.log"; then break; fi
  sleep 0.5
done

totp() {
  python3 - "$TOTP_SECRET" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1])
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}
json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(d$1)"; }

TOKEN=$(curl -fs -X POST "http://127.0.0.1:$APP_PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\",\"totp\":\"$(totp)\"}" | json_field "['token']")
export TOKEN
export PARENT_ID=$(curl -fs "http://127.0.0.1:$APP_PORT/api/v1/units?kind=TOWN&size=1" -H "Authorization: Bearer $TOKEN" \
  | json_field "[0]['id']")
export RUN=$(date +%s)
UNITS_TOTAL=$(curl -fs -D - -o /dev/null "http://127.0.0.1:$APP_PORT/api/v1/units?size=50" -H "Authorization: Bearer $TOKEN" \
  | tr -d '\r' | awk -F': ' 'tolower($1)=="x-total-count" {print $2}')

# One sanity call of each, so a broken endpoint shows as an error rather than as a fast figure.
check() { # expected status, curl args...
  local want=$1; shift
  local got; got=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  if [ "$got" != "$want" ]; then echo "expected $want, got $got: $*" >&2; exit 1; fi
}
check 200 "http://127.0.0.1:$BARE_PORT/bare"
check 201 -X POST "http://127.0.0.1:$BARE_PORT/bare" -H 'Content-Type: application/json' -d '{"code":"check","name":"check"}'
check 200 "http://127.0.0.1:$APP_PORT/api/v1/me" -H "Authorization: Bearer $TOKEN"
check 200 "http://127.0.0.1:$APP_PORT/api/v1/units?size=50" -H "Authorization: Bearer $TOKEN"
check 201 -X POST "http://127.0.0.1:$APP_PORT/api/v1/units" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"code\":\"CHECK-$RUN\",\"name\":\"压测社区\",\"kind\":\"COMMUNITY\",\"parentId\":$PARENT_ID}"

declare -A RPS
run() { # name, lua script or '', url
  local out
  if [ -n "$2" ]; then
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$ROOT/bench/lua/$2" "$3")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$3")
  fi
  RPS[$1]=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local errors; errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' || true)
  printf '  %-28s %10s req/s  %s\n' "$1" "${RPS[$1]}" "$errors"
}

# Warm both JVMs on every endpoint first (JIT, pools, caches), so neither is measured cold: two
# rounds through the endpoints, WARMUP each. The application has far more code on its request path
# than the bare app, and its figures keep rising for a minute or two of load; after two rounds of
# 20 s they no longer move by more than the run-to-run noise of this machine.
WARMUP=${WARMUP:-20s}
warm() { # round, lua script or '', url
  # Its own RUN per round, so the new units' codes never collide with another run's.
  if [ -n "$2" ]; then RUN="${RUN}9$1" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/lua/$2" "$3" >/dev/null
  else wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$3" >/dev/null; fi
}
for round in 1 2; do
  warm $round ""             "http://127.0.0.1:$BARE_PORT/bare"
  warm $round bare-post.lua  "http://127.0.0.1:$BARE_PORT/bare"
  warm $round bearer-get.lua "http://127.0.0.1:$APP_PORT/api/v1/me"
  warm $round bearer-get.lua "http://127.0.0.1:$APP_PORT/api/v1/units?size=50"
done
# POST is warmed just before its own run (below): warming it here would add thousands of units to
# the city before the list is measured.

ROUNDS=${ROUNDS:-3}
echo "request path on $DB_KIND, $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  demo scale $DEMO_SCALE: $USER_NAME sees $UNITS_TOTAL units"
# Each round measures the bare endpoint and the application's right after each other, so both see
# the same machine; the ratio of each round is kept and the median of the rounds reported.
declare -A RATIOS
keep() { # name, app req/s, bare req/s
  RATIOS[$1]="${RATIOS[$1]:-} $(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.4f", a / b }')"
}
for round in $(seq 1 "$ROUNDS"); do
  echo " round $round"
  run "bare GET"                  ""             "http://127.0.0.1:$BARE_PORT/bare"
  run "GET /api/v1/me"            bearer-get.lua "http://127.0.0.1:$APP_PORT/api/v1/me"
  keep "GET /api/v1/me" "${RPS[GET /api/v1/me]}" "${RPS[bare GET]}"
  run "GET /api/v1/units?size=50" bearer-get.lua "http://127.0.0.1:$APP_PORT/api/v1/units?size=50"
  keep "GET /api/v1/units?size=50" "${RPS[GET /api/v1/units?size=50]}" "${RPS[bare GET]}"
done
warm 1 units-post.lua "http://127.0.0.1:$APP_PORT/api/v1/units"
warm 2 units-post.lua "http://127.0.0.1:$APP_PORT/api/v1/units"
for round in $(seq 1 "$ROUNDS"); do
  echo " round $round"
  RUN="${RUN}$round"
  run "bare POST"                 bare-post.lua  "http://127.0.0.1:$BARE_PORT/bare"
  run "POST /api/v1/units"        units-post.lua "http://127.0.0.1:$APP_PORT/api/v1/units"
  keep "POST /api/v1/units" "${RPS[POST /api/v1/units]}" "${RPS[bare POST]}"
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
row() { # name, target, of
  local values; values=$(for r in ${RATIOS[$1]}; do awk -v r="$r" 'BEGIN { printf "%.1f ", 100 * r }'; done)
  printf '| %-26s | %-22s | %-13s | %-6s |\n' "$1" "$values" \
    "$(echo "${RATIOS[$1]}" | median | awk -v of="$3" '{ printf "%.1f %% of %s", 100 * $1, of }')" "$2"
}
echo
printf '| %-26s | %-22s | %-13s | %-6s |\n' "request" "ratio per round (%)" "median" "target"
printf '| %-26s | %-22s | %-13s | %-6s |\n' "---" "---" "---" "---"
row "GET /api/v1/me" "50 %" GET
row "GET /api/v1/units?size=50" "35 %" GET
row "POST /api/v1/units" "25 %" POST
