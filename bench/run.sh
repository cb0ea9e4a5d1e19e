#!/usr/bin/env bash
# Cruddur's benchmark, start to finish, unattended: loads each dataset into the machine's
# PostgreSQL service, runs the server on each JDK, drives the API with wrk and the home feed's own
# SQL with pgbench, measures startup, and prints one table. See docs/benchmarks.md.
#
#   bench/run.sh [--jdk 17|25|all] [--duration S] [--warmup S] [--datasets "1000 1000000"]
#
# Environment (the flags win): BENCH_JDKS, BENCH_DURATION (seconds per scenario, default 10),
# BENCH_WARMUP (seconds before each scenario, default 3), BENCH_DATASETS, BENCH_CONNECTIONS (16),
# BENCH_THREADS (2), BENCH_PG_URL (postgresql://postgres@127.0.0.1:5432), JAVA17_HOME, JAVA25_HOME.
# Servers are started with ./cruddur serve, as a user starts them: its JVM defaults apply, plus
# whatever JAVA_TOOL_OPTIONS you export.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

jdks="${BENCH_JDKS:-all}"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-3}"
datasets="${BENCH_DATASETS:-1000 1000000}"
connections="${BENCH_CONNECTIONS:-16}"
threads="${BENCH_THREADS:-2}"
pg_base="${BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
java17_home="${JAVA17_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
java25_home="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

while [ $# -gt 0 ]; do
  case "$1" in
    --jdk) jdks="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --datasets) datasets="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$jdks" in
  all) jdks="25 17" ;;
  17|25) ;;
  *) echo "run.sh: --jdk takes 17, 25 or all" >&2; exit 2 ;;
esac

db_name=cruddur_bench
db_url="$pg_base/$db_name"
cli_jar="$root/cli/target/cruddur.jar"
bench_jar="$root/bench/target/cruddur-bench.jar"
work="$(mktemp -d /tmp/cruddur-bench.XXXXXX)"
results="$work/results.tsv"
started_at=$(date +%s)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Clean-up: every process this script started, and its temporary directory, whatever happens.
server_pid=""
jwks_pid=""
failures=0
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() {
  local status=$?
  stop_server
  if [ -n "$jwks_pid" ]; then kill "$jwks_pid" 2>/dev/null || true; wait "$jwks_pid" 2>/dev/null || true; fi
  if [ "$status" -ne 0 ]; then
    for f in "$work"/server-*.log; do
      [ -f "$f" ] && { log "last lines of $f:"; tail -n 30 "$f" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Tools, database service, jars.
ensure_tools() {
  local need=()
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
  command -v pgbench >/dev/null 2>&1 || need+=(postgresql-client)
  command -v curl >/dev/null 2>&1 || need+=(curl)
  command -v python3 >/dev/null 2>&1 || need+=(python3)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]} (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  fi
}

ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "starting the PostgreSQL 15 service"
    pg_ctlcluster --skip-systemctl-redirect 15 main start
    for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
  fi
  psql "$pg_base/postgres" -qtAc 'SELECT 1' >/dev/null || die "cannot connect to $pg_base/postgres"
}

jars_stale() {
  [ -f "$cli_jar" ] && [ -f "$bench_jar" ] || return 0
  [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$cli_jar" -type f -print -quit 2>/dev/null)" ] && return 0
  [ -n "$(find bench/src/main -newer "$bench_jar" -type f -print -quit 2>/dev/null)" ]
}

ensure_jars() {
  if jars_stale; then
    log "building cli/target/cruddur.jar and bench/target/cruddur-bench.jar"
    JAVA_HOME="$java17_home" ./mvnw -q -B -DskipTests -pl cli,bench -am clean package
  fi
  [ -f "$cli_jar" ] && [ -f "$bench_jar" ] || die "the jars were not built"
}

jdk_home() {
  case "$1" in
    17) echo "$java17_home" ;;
    25) echo "$java25_home" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Identity: a local stand-in for a Cognito pool (a JWKS over HTTP, tokens minted per dataset).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_jwks_server() {
  mkdir -p "$work/jwks"
  jwks_port=$(free_port)
  python3 -m http.server "$jwks_port" --bind 127.0.0.1 --directory "$work/jwks" >"$work/jwks.log" 2>&1 &
  jwks_pid=$!
  issuer="http://127.0.0.1:$jwks_port/cruddur-bench"
  jwks_url="http://127.0.0.1:$jwks_port/jwks.json"
  client_id="cruddur-bench"
}

mint_tokens() {
  DATABASE_URL="$db_url" "$java17_home/bin/java" -cp "$bench_jar" dev.cruddur.bench.MintTokens \
    --issuer "$issuer" --client-id "$client_id" --count 16 \
    --jwks "$work/jwks/jwks.json" --tokens "$work/tokens.txt" >&2
  curl -fsS -o /dev/null "$jwks_url" || die "the JWKS is not served at $jwks_url"
}

# ---------------------------------------------------------------------------------------------
# The server, started the way a user starts it.
health_url() { echo "http://127.0.0.1:$1/api/health-check"; }

# start_server JDK PORT LOGNAME [env arguments: -u NAME ... then NAME=VALUE ...]
# Sets server_pid, and startup_ms: from starting ./cruddur to the first 200 on the health check.
start_server() {
  local jdk="$1" port="$2" name="$3"; shift 3
  local t0 t1
  t0=$(date +%s%N)
  env "$@" PORT="$port" JAVA_HOME="$(jdk_home "$jdk")" "$root/cruddur" serve >"$work/server-$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 3000); do
    if curl -fsS -o /dev/null "$(health_url "$port")" 2>/dev/null; then
      t1=$(date +%s%N)
      startup_ms=$(( (t1 - t0) / 1000000 ))
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || die "the server ($name) exited during startup"
    sleep 0.01
  done
  die "the server ($name) did not answer $(health_url "$port") within 30 s"
}

peak_rss_mb() {
  awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status"
}

# Startup: with an existing embedded data directory (the first start creates it), then on the
# external database.
measure_startup() {
  local jdk="$1" port embedded_ms external_ms data_dir
  port=$(free_port)
  data_dir="$work/embedded-$jdk"
  start_server "$jdk" "$port" "embedded-first-$jdk" -u DATABASE_URL -u CONNECTION_URL CRUDDUR_DATA_DIR="$data_dir"
  stop_server
  start_server "$jdk" "$port" "embedded-$jdk" -u DATABASE_URL -u CONNECTION_URL CRUDDUR_DATA_DIR="$data_dir"
  embedded_ms=$startup_ms
  stop_server
  # The same data directory: its signing key exists already, and nothing is written to ~/.cruddur.
  start_server "$jdk" "$port" "external-$jdk" DATABASE_URL="$db_url" CRUDDUR_DATA_DIR="$data_dir"
  external_ms=$startup_ms
  stop_server
  log "startup on JDK $jdk: ${embedded_ms} ms (embedded, existing data directory), ${external_ms} ms (external PostgreSQL)"
  printf 'startup\t%s\t-\tstartup, embedded (existing data dir)\t-\t%s\t-\t-\t-\t-\t-\n' "$jdk" "$embedded_ms" >>"$results"
  printf 'startup\t%s\t-\tstartup, external PostgreSQL\t-\t%s\t-\t-\t-\t-\t-\n' "$jdk" "$external_ms" >>"$results"
}

# ---------------------------------------------------------------------------------------------
# Datasets and the database's own ceiling.
load_dataset() {
  local activities="$1"
  log "dataset: $activities activities"
  psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" -c "CREATE DATABASE $db_name" >/dev/null
  DATABASE_URL="$db_url" "$java17_home/bin/java" -jar "$cli_jar" db migrate >&2
  local users=$(( activities / 100 )); [ "$users" -ge 10 ] || users=10
  DATABASE_URL="$db_url" "$java17_home/bin/java" -cp "$bench_jar" dev.cruddur.bench.GenerateData \
    --users "$users" --activities "$activities" --reset >&2
  hot_crud=$(psql "$db_url" -qtAc "SELECT uuid FROM visible_activities WHERE reply_to_activity_uuid IS NULL ORDER BY replies_count DESC, uuid LIMIT 1")
  busy_handle=$(psql "$db_url" -qtAc "SELECT u.handle FROM users u JOIN activities a ON a.user_uuid = u.uuid WHERE a.reply_to_activity_uuid IS NULL AND a.expires_at > now() GROUP BY u.handle ORDER BY count(*) DESC, u.handle LIMIT 1")
  [ -n "$hot_crud" ] && [ -n "$busy_handle" ] || die "the generated dataset has no crud or no author"
  # Writes of one run must not leak into the next; the posted rows are removed between runs.
  baseline_max_created=$(psql "$db_url" -qtAc "SELECT max(created_at) FROM activities")
  baseline_hot_replies=$(psql "$db_url" -qtAc "SELECT replies_count FROM activities WHERE uuid = '$hot_crud'")
}

# The SQL the server runs for the first page of the home feed, read from the file it comes from,
# with the first-page cursor (Cursor.START) and the server's overfetch (limit 20 + 1) put in.
home_feed_sql() {
  local sql_file="core/src/main/resources/dev/cruddur/activity/ActivityDao/homeFeed.sql"
  local cursor_file="core/src/main/java/dev/cruddur/activity/Cursor.java"
  local start_instant
  start_instant=$(grep -A1 'Cursor START' "$cursor_file" | grep -o 'Instant.parse("[^"]*")' | sed 's/Instant.parse("\(.*\)")/\1/')
  grep -q 'new UUID(-1L, -1L)' "$cursor_file" || die "Cursor.START's uuid changed: update home_feed_sql in bench/run.sh"
  [ -n "$start_instant" ] || die "could not read Cursor.START's instant from $cursor_file"
  sed -e "s/:cursor\.createdAt/'$start_instant'::timestamptz/" \
      -e "s/:cursor\.uuid/'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid/" \
      -e "s/:fetch/21/" "$sql_file"
  echo ";"
}

run_pgbench() {
  local activities="$1" out tps latency
  home_feed_sql >"$work/home-feed.sql"
  if grep -v '^--' "$work/home-feed.sql" | grep -qE '(^|[^:]):[A-Za-z_]'; then
    die "homeFeed.sql has parameters run.sh does not fill in"
  fi
  # -M prepared: the server's JDBC driver also switches to a server-side prepared statement.
  pgbench -n -M prepared -c "$connections" -j "$threads" -T "$warmup" -f "$work/home-feed.sql" "$db_url" >/dev/null 2>&1
  out=$(pgbench -n -M prepared -c "$connections" -j "$threads" -T "$duration" -f "$work/home-feed.sql" "$db_url" 2>&1)
  tps=$(awk '/^tps = / {printf "%.0f", $3}' <<<"$out")
  latency=$(awk '/^latency average = / {print $4}' <<<"$out")
  [ -n "$tps" ] || { echo "$out" >&2; die "pgbench printed no tps"; }
  pgbench_tps[$activities]="$tps"
  log "pgbench home-feed SQL at $activities activities: $tps TPS (average latency $latency ms)"
  printf 'pgbench\t-\t%s\thome feed SQL (pgbench)\t%s\t%s\t-\t0\t-\t-\t-\n' "$activities" "$tps" "$latency" >>"$results"
}

# ---------------------------------------------------------------------------------------------
# Scenarios.

# wrk_run SCRIPT URL SECONDS: prints the BENCH_RESULT line of bench/lua/report.lua.
wrk_run() {
  local script="$1" url="$2" seconds="$3" out
  rm -rf "$work/acks"; mkdir -p "$work/acks"
  out=$(BENCH_LUA="$root/bench/lua" BENCH_TOKENS="$work/tokens.txt" BENCH_ACKS="$work/acks" BENCH_HOT_CRUD="$hot_crud" \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$root/bench/lua/$script" "$url" 2>&1) || { echo "$out" >&2; die "wrk failed on $url"; }
  grep '^BENCH_RESULT' <<<"$out" || { echo "$out" >&2; die "wrk printed no result for $url"; }
}

field() { grep -o "$1=[^ ]*" <<<"$2" | cut -d= -f2; }

# Every uuid a 201 acknowledged must be in the database.
verify_acks() {
  local acked_file="$work/acks-all.txt" missing
  cat "$work"/acks/acks-*.txt 2>/dev/null >"$acked_file" || true
  missing=$(psql "$db_url" -qtA \
    -c "CREATE TEMP TABLE acked (uuid uuid)" \
    -c "\\copy acked FROM '$acked_file'" \
    -c "SELECT count(*) || ' of ' || (SELECT count(*) FROM acked) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM activities x WHERE x.uuid = a.uuid)")
  echo "$missing"
}

scenario() {
  local jdk="$1" activities="$2" name="$3" script="$4" path="$5" url line requests us rps p50 p99 errors acked notes=""
  url="http://127.0.0.1:$port$path"
  wrk_run "$script" "$url" "$warmup" >/dev/null
  line=$(wrk_run "$script" "$url" "$duration")
  kill -0 "$server_pid" 2>/dev/null || die "the server died during $name"
  requests=$(field requests "$line"); us=$(field duration_us "$line")
  rps=$(awk -v r="$requests" -v d="$us" 'BEGIN {printf "%.0f", r / (d / 1e6)}')
  p50=$(awk -v v="$(field p50_us "$line")" 'BEGIN {printf "%.2f", v / 1000}')
  p99=$(awk -v v="$(field p99_us "$line")" 'BEGIN {printf "%.2f", v / 1000}')
  errors=$(( $(field socket_errors "$line") + $(field status_errors "$line") ))
  acked=$(field acked "$line")
  if [ "$errors" != 0 ]; then
    notes="errors: $(field socket_errors "$line") socket ($(field timeouts "$line") timeouts over wrk's 2 s), $(field status_errors "$line") non-2xx; "
  fi
  if [ "$acked" != "-" ]; then
    local missing
    missing=$(verify_acks)
    notes="${notes}acknowledged $acked, missing ${missing%% *}"
    [ "${missing%% *}" = "0" ] || { notes="$notes  <-- LOST WRITES"; failures=$((failures + 1)); }
  fi
  if [ "$name" = "reply to the hot crud" ]; then
    local consistent
    consistent=$(psql "$db_url" -qtAc "SELECT replies_count = (SELECT count(*) FROM activities r WHERE r.reply_to_activity_uuid = p.uuid) FROM activities p WHERE uuid = '$hot_crud'")
    if [ "$consistent" = t ]; then
      notes="$notes; replies_count consistent"
    else
      notes="$notes; replies_count INCONSISTENT"; failures=$((failures + 1))
    fi
  fi
  local ratio="-"
  case "$name" in
    home*) ratio=$(awk -v a="$rps" -v b="${pgbench_tps[$activities]}" 'BEGIN {printf "%.2f", a / b}') ;;
  esac
  log "JDK $jdk, $activities: $name: $rps req/s, p50 $p50 ms, p99 $p99 ms, $errors errors, peak RSS $(peak_rss_mb) MB ${notes}"
  printf 'api\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$jdk" "$activities" "$name" "$rps" "$p50" "$p99" \
    "$errors" "$(peak_rss_mb)" "$ratio" "${notes:--}" >>"$results"
}

# Removes what the write scenarios added, so every JDK starts from the same data.
restore_dataset() {
  psql "$db_url" -qc "DELETE FROM activities WHERE created_at > '$baseline_max_created'" \
    -c "UPDATE activities SET replies_count = $baseline_hot_replies WHERE uuid = '$hot_crud'" \
    -c "VACUUM ANALYZE activities" >/dev/null
}

run_scenarios() {
  local jdk="$1" activities="$2"
  port=$(free_port)
  start_server "$jdk" "$port" "$jdk-$activities" -u COGNITO_USER_POOL_ID DATABASE_URL="$db_url" COGNITO_ISSUER="$issuer" \
    COGNITO_CLIENT_ID="$client_id" COGNITO_JWKS_URL="$jwks_url"
  log "JDK $jdk on $activities activities: listening after $startup_ms ms (pid $server_pid)"
  # The JIT compiles the shared request path once, before anything is measured.
  for path in "/api/activities/home" "/api/activities/@$busy_handle" "/api/activities/search?term=%23cruddur" "/api/activities/$hot_crud"; do
    wrk_run get.lua "http://127.0.0.1:$port$path" "$warmup" >/dev/null
  done
  scenario "$jdk" "$activities" "home feed, anonymous" get.lua "/api/activities/home"
  scenario "$jdk" "$activities" "home feed, bearer token" bearer.lua "/api/activities/home"
  scenario "$jdk" "$activities" "user feed" get.lua "/api/activities/@$busy_handle"
  scenario "$jdk" "$activities" "search #cruddur" get.lua "/api/activities/search?term=%23cruddur"
  scenario "$jdk" "$activities" "show the hot crud + replies" get.lua "/api/activities/$hot_crud"
  scenario "$jdk" "$activities" "post a crud" post.lua "/api/activities"
  scenario "$jdk" "$activities" "reply to the hot crud" reply.lua "/api/activities/$hot_crud/reply"
  stop_server
  restore_dataset
}

# ---------------------------------------------------------------------------------------------
print_table() {
  echo
  echo "Cruddur benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, wrk -t$threads -c$connections -d${duration}s (warm-up ${warmup}s), load average before: $load_before"
  echo "JDK 25 = $("$java25_home/bin/java" -version 2>&1 | sed -n 2p)"
  echo "JDK 17 = $("$java17_home/bin/java" -version 2>&1 | sed -n 2p)"
  echo
  awk -F'\t' '
    BEGIN { printf "%-4s %-9s %-38s %10s %9s %9s %7s %8s %9s  %s\n", "JDK", "rows", "scenario", "req/s", "p50 ms", "p99 ms", "errors", "RSS MB", "÷pgbench", "notes"
            printf "%-4s %-9s %-38s %10s %9s %9s %7s %8s %9s  %s\n", "---", "----", "--------", "-----", "------", "------", "------", "------", "--------", "-----" }
    $1 == "pgbench" { printf "%-4s %-9s %-38s %10s %9s %9s %7s %8s %9s  %s\n", "-", $3, $4, $5 " tps", $6 " avg", "-", $8, "-", "-", "the database alone, no server running" }
    $1 == "api"     { printf "%-4s %-9s %-38s %10s %9s %9s %7s %8s %9s  %s\n", $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }
    $1 == "startup" { printf "%-4s %-9s %-38s %10s %9s %9s %7s %8s %9s  %s\n", $2, "-", $4, "-", "-", "-", "-", "-", "-", $6 " ms to the first 200" }
  ' "$results"
  echo
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); total time $(( $(date +%s) - started_at )) s"
}

main() {
  ensure_tools
  ensure_postgres
  for jdk in $jdks; do [ -x "$(jdk_home "$jdk")/bin/java" ] || die "no JDK $jdk at $(jdk_home "$jdk")"; done
  ensure_jars
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  log "load average: $load_before (other work on this machine makes the figures noisy)"
  : >"$results"
  declare -gA pgbench_tps
  start_jwks_server
  local first=1
  for activities in $datasets; do
    load_dataset "$activities"
    mint_tokens
    run_pgbench "$activities"
    if [ "$first" = 1 ]; then
      for jdk in $jdks; do measure_startup "$jdk"; done
      first=0
    fi
    for jdk in $jdks; do run_scenarios "$jdk" "$activities"; done
  done
  local saved="$root/bench/target/results-$(date +%Y%m%d-%H%M%S).txt"
  mkdir -p "$root/bench/target"
  print_table | tee "$saved"
  log "table saved to ${saved#"$root"/}"
  [ "$failures" = 0 ] || die "$failures write check(s) failed: see the notes column"
}

main
