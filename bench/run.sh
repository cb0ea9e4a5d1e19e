#!/usr/bin/env bash
# Cruddur's benchmark, start to finish, unattended: loads each dataset into the machine's
# PostgreSQL service, runs the server on each JDK, drives the API with wrk and each read path's own
# SQL with pgbench, measures startup and the CPU each request costs, and prints one table.
# See docs/benchmarks.md.
#
#   bench/run.sh [--jdk 17|25|all] [--duration S] [--warmup S] [--datasets "1000 1000000"]
#                [--baseline GIT-REVISION | --baseline-jar JAR] [--scenarios REGEX] [--db NAME] [--reuse-data]
#                [--pgbench-beside] [--conversations N] [--messages M]
#
# --baseline builds the jar of another revision (git archive into a temporary directory, then
# ./mvnw package there) and runs it beside this checkout's jar, scenario by scenario, alternating
# which goes first, so the two are compared under the same conditions; --baseline-jar takes a
# jar built already. --scenarios runs only the API scenarios whose names match (grep -E), and
# the startup measurement only if "startup" matches.
# --reuse-data keeps a database that already holds the dataset (from an earlier run with --db).
# --pgbench-beside measures each scenario's pgbench row just before the scenario (the server
# started and idle) instead of all of them first: on a shared machine, minutes apart, the load
# changes under a ratio.
# --conversations and --messages size the direct messages (GenerateMessages) loaded over each
# dataset's users: by default a fifth of a conversation and five messages per activity
# (200,000 and 5,000,000 at a million), none below 100,000 activities; 0 loads none and skips the
# "dm" scenarios.
# Environment (the flags win): BENCH_JDKS, BENCH_DURATION (seconds per scenario, default 10),
# BENCH_WARMUP (seconds before each scenario, default 3), BENCH_DATASETS, BENCH_CONNECTIONS (16),
# BENCH_THREADS (2), BENCH_PG_URL (postgresql://postgres@127.0.0.1:5432), BENCH_DB (cruddur_bench),
# BENCH_BASELINE, BENCH_BASELINE_JAR, BENCH_SCENARIOS, BENCH_CONVERSATIONS, BENCH_MESSAGES,
# JAVA17_HOME, JAVA25_HOME.
# Servers are started with ./cruddur serve, as a user starts them: its JVM defaults apply, plus
# whatever JAVA_TOOL_OPTIONS you export; a baseline jar gets the same defaults.
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
db_name="${BENCH_DB:-cruddur_bench}"
baseline_rev="${BENCH_BASELINE:-}"
baseline_jar="${BENCH_BASELINE_JAR:-}"
only_scenarios="${BENCH_SCENARIOS:-}"
baseline_launcher=""
baseline_name=""
reuse_data=0
pgbench_beside=0
conversations_wanted="${BENCH_CONVERSATIONS:-}"
messages_wanted="${BENCH_MESSAGES:-}"

while [ $# -gt 0 ]; do
  case "$1" in
    --jdk) jdks="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --datasets) datasets="$2"; shift 2 ;;
    --baseline) baseline_rev="$2"; shift 2 ;;
    --baseline-jar) baseline_jar="$2"; shift 2 ;;
    --scenarios) only_scenarios="$2"; shift 2 ;;
    --db) db_name="$2"; shift 2 ;;
    --reuse-data) reuse_data=1; shift ;;
    --pgbench-beside) pgbench_beside=1; shift ;;
    --conversations) conversations_wanted="$2"; shift 2 ;;
    --messages) messages_wanted="$2"; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ "$duration" -ge 5 ] || { echo "run.sh: --duration must be at least 5 seconds" >&2; exit 2; }
[[ "$db_name" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "run.sh: --db takes a plain lower-case name" >&2; exit 2; }
[[ "${conversations_wanted:-0}" =~ ^[0-9]+$ && "${messages_wanted:-0}" =~ ^[0-9]+$ ]] || { echo "run.sh: --conversations and --messages take numbers" >&2; exit 2; }
[ -z "$baseline_rev" ] || [ -z "$baseline_jar" ] || { echo "run.sh: --baseline or --baseline-jar, not both" >&2; exit 2; }
case "$jdks" in
  all) jdks="25 17" ;;
  17|25) ;;
  *) echo "run.sh: --jdk takes 17, 25 or all" >&2; exit 2 ;;
esac

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
# Servers are kept by label: "this" (this checkout's jar) and "base" (the baseline jar, if any).
declare -A server_pids=() server_ports=()
pool_pid=""
failures=0
stop_server() {
  local label="$1" pid="${server_pids[$1]:-}"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  unset "server_pids[$label]"
}
stop_servers() {
  local label
  for label in "${!server_pids[@]}"; do stop_server "$label"; done
}
cleanup() {
  local status=$?
  stop_servers
  stop_pool
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


# The baseline: a jar given, or the jar of a git revision built in a directory of its own (the
# checkout itself is never touched; ~/.m2 only gains what that revision's build downloads).
ensure_baseline() {
  if [ -n "$baseline_rev" ]; then
    local dir="$work/baseline-src"
    mkdir -p "$dir"
    git -C "$root" archive "$baseline_rev" | tar -x -C "$dir" || die "git archive $baseline_rev failed"
    log "building the baseline jar of $baseline_rev ($(git -C "$root" rev-parse --short "$baseline_rev"))"
    (cd "$dir" && JAVA_HOME="$java17_home" ./mvnw -q -B -DskipTests -pl cli -am package) >&2 || die "the baseline did not build"
    baseline_jar="$dir/cli/target/cruddur.jar"
    baseline_launcher="$dir/cruddur"
    baseline_name="$(git -C "$root" rev-parse --short "$baseline_rev")"
  elif [ -n "$baseline_jar" ]; then
    baseline_jar="$(readlink -f "$baseline_jar")"
    baseline_name="$(basename "$baseline_jar")"
  fi
  [ -z "$baseline_jar" ] || [ -f "$baseline_jar" ] || die "no baseline jar at $baseline_jar"
}

# The JVM options this checkout's ./cruddur launcher uses by default, for a baseline jar given as a
# file (a baseline revision runs through its own launcher, with its own defaults).
launcher_java_opts() {
  sed -n 's/.*CRUDDUR_JAVA_OPTS-\(.*\)}".*/\1/p' "$root/cruddur"
}

jdk_home() {
  case "$1" in
    17) echo "$java17_home" ;;
    25) echo "$java25_home" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Identity: a local stand-in for a Cognito pool, the test kit's fake pool (its JWK set over HTTP,
# and access tokens for 16 of the dataset's users), started afresh for each dataset.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

client_id="cruddur-bench"

stop_pool() {
  if [ -n "$pool_pid" ]; then
    kill "$pool_pid" 2>/dev/null || true
    wait "$pool_pid" 2>/dev/null || true
    pool_pid=""
  fi
}

# Sets issuer and jwks_url; the tokens go to $work/tokens.txt, one a line, and are never printed.
# The pool writes its variables to pool.env once it serves and the tokens are written.
start_pool() {
  stop_pool
  rm -f "$work/pool.env"
  DATABASE_URL="$db_url" "$java17_home/bin/java" -cp "$bench_jar" dev.cruddur.bench.CognitoSubjects \
    --count 16 --out "$work/subjects.txt" >&2
  "$java17_home/bin/java" -Xmx64m -XX:+UseSerialGC -cp "$bench_jar" dev.cruddur.testkit.cognito.ServePool \
    --port "$(free_port)" --client-id "$client_id" --subjects "$work/subjects.txt" \
    --tokens "$work/tokens.txt" --environment "$work/pool.env" >&2 &
  pool_pid=$!
  for _ in $(seq 1 300); do
    [ -f "$work/pool.env" ] && break
    kill -0 "$pool_pid" 2>/dev/null || die "the fake Cognito pool exited during startup"
    sleep 0.1
  done
  [ -f "$work/pool.env" ] || die "the fake Cognito pool did not start within 30 s"
  issuer=$(sed -n 's/^COGNITO_ISSUER=//p' "$work/pool.env")
  jwks_url="$issuer/.well-known/jwks.json"
  curl -fsS -o /dev/null "$jwks_url" || die "the JWKS is not served at $jwks_url"
}

# ---------------------------------------------------------------------------------------------
# The server, started the way a user starts it.
health_url() { echo "http://127.0.0.1:$1/api/health-check"; }

# start_server LABEL JDK PORT LOGNAME [env arguments: -u NAME ... then NAME=VALUE ...]
# LABEL "this" runs ./cruddur serve; "base" runs the baseline's launcher, or its jar with this
# launcher's JVM options.
# Sets server_pids[LABEL], server_ports[LABEL] and startup_ms: from starting the command to the
# first 200 on the health check.
start_server() {
  local label="$1" jdk="$2" port="$3" name="$4"; shift 4
  local t0 t1 command=()
  if [ "$label" = base ] && [ -n "$baseline_launcher" ]; then
    command=("$baseline_launcher" serve)
  elif [ "$label" = base ]; then
    local opts
    read -r -a opts <<<"$(launcher_java_opts)"
    command=("$(jdk_home "$jdk")/bin/java" "${opts[@]}" -jar "$baseline_jar" serve)
  else
    command=("$root/cruddur" serve)
  fi
  t0=$(date +%s%N)
  env "$@" PORT="$port" JAVA_HOME="$(jdk_home "$jdk")" "${command[@]}" >"$work/server-$name.log" 2>&1 &
  server_pids[$label]=$!
  server_ports[$label]=$port
  for _ in $(seq 1 3000); do
    if curl -fsS -o /dev/null "$(health_url "$port")" 2>/dev/null; then
      t1=$(date +%s%N)
      startup_ms=$(( (t1 - t0) / 1000000 ))
      return 0
    fi
    kill -0 "${server_pids[$label]}" 2>/dev/null || die "the server ($name) exited during startup"
    sleep 0.01
  done
  die "the server ($name) did not answer $(health_url "$port") within 30 s"
}

peak_rss_mb() {
  awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/${server_pids[$1]}/status"
}

# The labels to run: this checkout's jar, and the baseline's if there is one.
labels() {
  if [ -n "$baseline_jar" ]; then echo "this base"; else echo "this"; fi
}

# Startup: with an existing embedded data directory (the first start creates it), then on the
# external database.
measure_startup() {
  local jdk="$1" label port embedded_ms external_ms data_dir
  for label in $(labels); do
    port=$(free_port)
    data_dir="$work/embedded-$jdk-$label"
    start_server "$label" "$jdk" "$port" "embedded-first-$jdk-$label" -u DATABASE_URL -u CONNECTION_URL CRUDDUR_DATA_DIR="$data_dir"
    stop_server "$label"
    start_server "$label" "$jdk" "$port" "embedded-$jdk-$label" -u DATABASE_URL -u CONNECTION_URL CRUDDUR_DATA_DIR="$data_dir"
    embedded_ms=$startup_ms
    stop_server "$label"
    # The same data directory: its signing key exists already, and nothing is written to ~/.cruddur.
    start_server "$label" "$jdk" "$port" "external-$jdk-$label" DATABASE_URL="$db_url" CRUDDUR_DATA_DIR="$data_dir"
    external_ms=$startup_ms
    stop_server "$label"
    log "startup on JDK $jdk ($label): ${embedded_ms} ms (embedded, existing data directory), ${external_ms} ms (external PostgreSQL)"
    row startup "$jdk" "$label" - "startup, embedded (existing data dir)" - - - - - - - - "$embedded_ms ms to the first 200"
    row startup "$jdk" "$label" - "startup, external PostgreSQL" - - - - - - - - "$external_ms ms to the first 200"
  done
}

# ---------------------------------------------------------------------------------------------
# CPU: what the server's JVM and its PostgreSQL backends spend per request, read from /proc
# (utime + stime). Backends are told apart by the application name each run gives its server.
clock_ticks=$(getconf CLK_TCK)

cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

# The backends of one client (by application name) on the bench database, if they run here;
# with a second argument, only those connected since that time.
backend_pids() {
  local pid
  for pid in $(psql "$pg_base/postgres" -qtAc "SELECT pid FROM pg_stat_activity WHERE datname = '$db_name' AND application_name = '$1' AND backend_start >= '${2:--infinity}'"); do
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then echo "$pid"; fi
  done
}

# The postmaster of the bench's PostgreSQL, when it runs on this machine (else nothing).
postmaster_pid() {
  local dir pid
  dir=$(psql "$pg_base/postgres" -qtAc "SHOW data_directory" 2>/dev/null) || return 0
  pid=$(head -n 1 "$dir/postmaster.pid" 2>/dev/null) || return 0
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then echo "$pid"; fi
}

# Every tick PostgreSQL's processes have spent: the live children of the postmaster, plus what
# the ones that have exited spent (the kernel adds a reaped child's time to its parent's).
postgres_ticks() {
  local pm="$1"
  # one line per process; cat reads on past a process that exits meanwhile
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } \
    | awk -v pm="$pm" '$4 == pm {t += $14 + $15} $1 == pm {t += $16 + $17} END {print t + 0}'
}

# µs per unit of work from ticks spent; "-" when the processes are not on this machine.
per_unit_us() {
  local ticks="$1" units="$2" pids="$3"
  if [ -z "$pids" ] || [ "$units" -le 0 ]; then echo "-"; return; fi
  awk -v t="$ticks" -v u="$units" -v hz="$clock_ticks" 'BEGIN {printf "%.0f", t / hz * 1e6 / u}'
}

# ---------------------------------------------------------------------------------------------
# Datasets and the database's own ceiling.
dataset_present() {
  local activities="$1" count
  count=$(psql "$db_url" -qtAc "SELECT count(*) FROM activities" 2>/dev/null) || return 1
  [ "$count" = "$activities" ]
}

load_dataset() {
  local activities="$1" generated=0
  log "dataset: $activities activities"
  if [ "$reuse_data" = 1 ] && dataset_present "$activities"; then
    log "reusing the dataset already in $db_name (--reuse-data)"
    DATABASE_URL="$db_url" "$java17_home/bin/java" -jar "$cli_jar" db migrate >&2
  else
    generated=1
    psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" -c "CREATE DATABASE $db_name" >/dev/null
    DATABASE_URL="$db_url" "$java17_home/bin/java" -jar "$cli_jar" db migrate >&2
    local users=$(( activities / 100 )); [ "$users" -ge 10 ] || users=10
    DATABASE_URL="$db_url" "$java17_home/bin/java" -cp "$bench_jar" dev.cruddur.bench.GenerateData \
      --users "$users" --activities "$activities" --reset >&2
  fi
  hot_crud=$(psql "$db_url" -qtAc "SELECT uuid FROM visible_activities WHERE reply_to_activity_uuid IS NULL ORDER BY replies_count DESC, uuid LIMIT 1")
  read -r busy_handle _ < <(psql "$db_url" -qtA -F ' ' -c "SELECT u.handle, u.uuid FROM users u JOIN activities a ON a.user_uuid = u.uuid WHERE a.reply_to_activity_uuid IS NULL AND a.expires_at > now() GROUP BY u.handle, u.uuid ORDER BY count(*) DESC, u.handle LIMIT 1")
  [ -n "$hot_crud" ] && [ -n "$busy_handle" ] || die "the generated dataset has no crud or no author"
  # A position deep in the home feed (after its 10,000th crud, or its middle on a small dataset),
  # encoded as Cursor.encode does: base64url("1:" + epoch microseconds + ":" + uuid), no padding.
  grep -q 'VERSION = "1"' core/src/main/java/dev/cruddur/activity/Cursor.java || die "Cursor's format changed: update load_dataset in bench/run.sh"
  local micros
  read -r cursor_created cursor_uuid micros < <(psql "$db_url" -qtA -F ' ' -c "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), uuid, (extract(epoch FROM created_at) * 1000000)::bigint FROM visible_activities WHERE reply_to_activity_uuid IS NULL ORDER BY created_at DESC, uuid DESC OFFSET (SELECT least(10000, count(*) / 2) FROM activities WHERE reply_to_activity_uuid IS NULL) LIMIT 1")
  deep_cursor=$(printf '1:%s:%s' "$micros" "$cursor_uuid" | base64 -w0 | tr '+/' '-_' | tr -d '=')
  # Writes of one run must not leak into the next; the posted rows are removed between runs.
  baseline_max_created=$(psql "$db_url" -qtAc "SELECT max(created_at) FROM activities")
  baseline_hot_replies=$(psql "$db_url" -qtAc "SELECT replies_count FROM activities WHERE uuid = '$hot_crud'")
  # The hot crud's likes: the like scenarios and pgbench take some back, restore_dataset puts them back.
  baseline_hot_likers=$(psql "$db_url" -qtAc "SELECT coalesce(string_agg(quote_literal(user_uuid), ','), 'NULL') FROM reactions WHERE activity_uuid = '$hot_crud' AND kind = 'like'")
  load_messages "$activities" "$generated"
}

# Direct messages over the dataset's users (GenerateMessages), kept with --reuse-data when an
# earlier run left the same numbers (after putting back what its sends changed). Sets
# dm_conversations (0: none, and the dm scenarios are skipped).
load_messages() {
  local activities="$1" generated="$2" users present
  users=$(psql "$db_url" -qtAc "SELECT count(*) FROM users")
  if [ "$activities" -ge 100000 ]; then
    dm_conversations="${conversations_wanted:-$(( activities / 5 ))}"
    dm_messages="${messages_wanted:-$(( activities * 5 ))}"
  else
    dm_conversations="${conversations_wanted:-0}"
    dm_messages="${messages_wanted:-0}"
  fi
  [ "$dm_conversations" -gt 0 ] || { dm_conversations=0; log "no direct messages: the dm scenarios are skipped"; return 0; }
  [ "$dm_messages" -ge "$dm_conversations" ] || die "--messages must be at least --conversations"
  [ "$users" -ge 40 ] || die "direct messages need at least 40 users (this dataset has $users)"
  if [ "$generated" = 0 ] && [ "$(psql "$db_url" -qtAc "SELECT to_regclass('bench_saved.dm_loaded') IS NOT NULL")" = t ]; then
    restore_messages
  fi
  present=$(psql "$db_url" -qtAc "SELECT (SELECT count(*) FROM message_groups) || ' ' || (SELECT count(*) FROM messages)")
  if [ "$generated" = 1 ] || [ "$present" != "$dm_conversations $dm_messages" ]; then
    log "direct messages: $dm_conversations conversations, $dm_messages messages"
    psql "$db_url" -qc "DROP SCHEMA IF EXISTS bench_saved CASCADE" >/dev/null
    DATABASE_URL="$db_url" "$java17_home/bin/java" -cp "$bench_jar" dev.cruddur.bench.GenerateMessages \
      --conversations "$dm_conversations" --messages "$dm_messages" >&2
  else
    log "reusing the $dm_conversations conversations and $dm_messages messages already there"
  fi
}

# The people the social scenarios read as, among the 16 the pool signs tokens for (CognitoSubjects'
# first 16 with a Cognito identity, in its order, numbered from 1 as bench/lua reads the tokens):
# the light and the heavy reader (fewest and most people followed), the most notified and the
# quiet one (most and fewest notifications). The generator makes them the first four users.
# Sets <role>_index, <role>_user, <role>_following and <role>_count for light, heavy, notified, quiet.
pick_social_users() {
  local role order
  for role in light heavy notified quiet; do
    case "$role" in
      light) order="m.following_count, m.n" ;;
      heavy) order="m.following_count DESC, m.n" ;;
      notified) order="m.notifications DESC, m.n" ;;
      quiet) order="m.notifications, m.n" ;;
    esac
    read -r "${role}_index" "${role}_user" "${role}_following" "${role}_count" < <(psql "$db_url" -qtA -F ' ' -c "
      WITH minted AS (
          SELECT uuid, following_count, row_number() OVER (ORDER BY created_at, uuid) AS n
          FROM users WHERE cognito_user_id IS NOT NULL ORDER BY created_at, uuid LIMIT 16
      ), counted AS (
          SELECT minted.*, (SELECT count(*) FROM notifications x WHERE x.recipient_uuid = minted.uuid AND x.expires_at > now()) AS notifications
          FROM minted)
      SELECT m.n, m.uuid, m.following_count, m.notifications FROM counted m ORDER BY $order LIMIT 1")
  done
  [ -n "$notified_user" ] || die "no user with a Cognito identity for the social scenarios"
  log "readers: light follows $light_following (token $light_index), heavy follows $heavy_following (token $heavy_index);" \
    "most notified has $notified_count visible notifications (token $notified_index), quiet $quiet_count (token $quiet_index)"
  # The 16 minted users' uuids, for the like scenario's pgbench script (client n is the (n+1)-th).
  liker_uuids=$(psql "$db_url" -qtA -c "SELECT string_agg(quote_literal(uuid), ', ' ORDER BY created_at, uuid) FROM (SELECT created_at, uuid FROM users WHERE cognito_user_id IS NOT NULL ORDER BY created_at, uuid LIMIT 16) m")
  liker_count=$(psql "$db_url" -qtA -c "SELECT count(*) FROM (SELECT 1 FROM users WHERE cognito_user_id IS NOT NULL LIMIT 16) m")
  # A deep page of a timeline: entries posted more than 14 days ago (half of the 28 days the
  # cruds span), encoded like Cursor.encode, after the last possible uuid of that microsecond.
  read -r following_deep_created following_deep_micros < <(psql "$db_url" -qtA -F ' ' -c "SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), (extract(epoch FROM t) * 1000000)::bigint FROM (SELECT date_trunc('second', now() - interval '14 days') AS t) x")
  following_deep_cursor=$(printf '1:%s:%s' "$following_deep_micros" "ffffffff-ffff-ffff-ffff-ffffffffffff" | base64 -w0 | tr '+/' '-_' | tr -d '=')
}

# The people the direct-message scenarios sign in as, among the same 16 (GenerateMessages gives
# one of them 10 conversations and another a conversation with everyone): few and many, by their
# numbers of conversations. Sets dm_<role>_index, _user and _count for
# few and many; dm_group, the conversation of those two (each reads it); the send pairs, every
# conversation between two of the 16 where both have written, from each side (who sends, into
# which), in $work/dm-sends.txt for bench/lua/dm-send.lua and in dm_send_* for its pgbench
# script; and, once per load, a copy of what the scenarios change (bench_saved), for restore_messages.
pick_dm_users() {
  [ "$dm_conversations" -gt 0 ] || return 0
  local role order minted="SELECT uuid, row_number() OVER (ORDER BY created_at, uuid) AS n FROM users WHERE cognito_user_id IS NOT NULL ORDER BY created_at, uuid LIMIT 16"
  for role in few many; do
    if [ "$role" = few ]; then order="c, m.n"; else order="c DESC, m.n"; fi
    read -r "dm_${role}_index" "dm_${role}_user" "dm_${role}_count" < <(psql "$db_url" -qtA -F ' ' -c "
      WITH minted AS ($minted)
      SELECT m.n, m.uuid, (SELECT count(*) FROM message_group_members x WHERE x.user_uuid = m.uuid) AS c
      FROM minted m ORDER BY $order LIMIT 1")
  done
  dm_group=$(psql "$db_url" -qtAc "SELECT message_group_uuid FROM message_group_members WHERE user_uuid = '$dm_few_user' AND other_user_uuid = '$dm_many_user'")
  [ -n "$dm_group" ] || die "the person with few conversations has none with the one with many: regenerate the direct messages"
  local visible
  visible=$(psql "$db_url" -qtAc "SELECT count(*) FROM messages WHERE message_group_uuid = '$dm_group' AND expires_at > now()")
  log "direct messages: few has $dm_few_count conversations (token $dm_few_index), many $dm_many_count (token $dm_many_index); their conversation has $visible visible messages"
  # Both have written: messages_accepted lets either write again whatever their settings.
  psql "$db_url" -qtA -F ' ' -c "
    WITH minted AS ($minted)
    SELECT s.n, x.message_group_uuid, s.uuid
    FROM minted s
    JOIN message_group_members x ON x.user_uuid = s.uuid AND x.last_received_seq > 0
    JOIN minted o ON o.uuid = x.other_user_uuid
    JOIN message_group_members y ON y.message_group_uuid = x.message_group_uuid AND y.user_uuid = o.uuid AND y.last_received_seq > 0
    ORDER BY s.n, o.n" >"$work/dm-sends.txt"
  dm_send_count=$(wc -l <"$work/dm-sends.txt")
  [ "$dm_send_count" -gt 0 ] || die "no conversation between two of the signed-in people: regenerate the direct messages"
  dm_send_groups=$(awk '{printf "%s%s", (NR > 1 ? ", " : ""), "'"'"'" $2 "'"'"'"}' "$work/dm-sends.txt")
  dm_send_users=$(awk '{printf "%s%s", (NR > 1 ? ", " : ""), "'"'"'" $3 "'"'"'"}' "$work/dm-sends.txt")
  log "sends: $dm_send_count (sender, conversation) pairs among the signed-in people"
  if [ "$(psql "$db_url" -qtAc "SELECT to_regclass('bench_saved.dm_loaded') IS NOT NULL")" != t ]; then
    psql "$db_url" -q -c "CREATE SCHEMA bench_saved" \
      -c "CREATE TABLE bench_saved.dm_loaded AS SELECT max(created_at) AS max_created FROM messages" \
      -c "CREATE TABLE bench_saved.dm_groups AS SELECT * FROM message_groups WHERE uuid IN ($dm_send_groups, '$dm_group')" \
      -c "CREATE TABLE bench_saved.dm_members AS SELECT * FROM message_group_members WHERE message_group_uuid IN ($dm_send_groups, '$dm_group')" >/dev/null
  fi
}

# sql_with_literals FILE NAME=LITERAL...: a statement the server runs, read from the file it comes
# from (under core/src/main/resources/dev/cruddur/), with its parameters replaced by literals.
sql_with_literals() {
  local file="core/src/main/resources/dev/cruddur/$1" expressions=() pair name
  shift
  for pair in "$@"; do
    name="${pair%%=*}"
    # not after another ':' (a cast such as '…'::uuid is not the parameter :uuid)
    expressions+=(-e "s#(^|[^:]):${name//./\\.}\\b#\\1${pair#*=}#g")
  done
  sed -E "${expressions[@]}" "$file" | grep -v '^--'
  echo ";"
}

start_instant() {
  local cursor_file="core/src/main/java/dev/cruddur/activity/Cursor.java" instant
  instant=$(grep -A1 'Cursor START' "$cursor_file" | grep -o 'Instant.parse("[^"]*")' | sed 's/Instant.parse("\(.*\)")/\1/')
  grep -q 'new UUID(-1L, -1L)' "$cursor_file" || die "Cursor.START's uuid changed: update start_instant in bench/run.sh"
  [ -n "$instant" ] || die "could not read Cursor.START's instant from $cursor_file"
  echo "$instant"
}

# Each read path's statements, in the order the server runs them for one request, with what the
# benchmark's request passes: the first-page cursor (Cursor.START) or the deep one, and the
# server's overfetch (limit 20 + 1).
write_pgbench_scripts() {
  local start first deep
  start=$(start_instant)
  first=("cursor.createdAt='$start'::timestamptz" "cursor.uuid='ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid" "fetch=21")
  deep=("cursor.createdAt='$cursor_created'::timestamptz" "cursor.uuid='$cursor_uuid'::uuid" "fetch=21")
  mkdir -p "$work/pgbench"
  local anonymous="readerUuid=CAST(NULL AS uuid)" reader="readerUuid='$heavy_user'::uuid"
  local following_deep=("cursor.createdAt='$following_deep_created'::timestamptz" "cursor.uuid='ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid" "fetch=21")
  sql_with_literals activity/ActivityDao/homeFeed.sql "$anonymous" "${first[@]}" >"$work/pgbench/home-first.sql"
  sql_with_literals activity/ActivityDao/homeFeed.sql "$anonymous" "${deep[@]}" >"$work/pgbench/home-cursor.sql"
  sql_with_literals activity/ActivityDao/userFeed.sql "$anonymous" "handle='$busy_handle'" "${first[@]}" >"$work/pgbench/user-feed.sql"
  { sql_with_literals activity/ActivityDao/findVisible.sql "$anonymous" "uuid='$hot_crud'::uuid"
    sql_with_literals activity/ActivityDao/replies.sql "$anonymous" "parentUuid='$hot_crud'::uuid" "${first[@]}"; } >"$work/pgbench/crud-replies.sql"
  # Signed in: the reader's uuid comes from the server's memory (RegisteredUserIds, looked up
  # once a minute per person), so the statements are the read's own, with the reader's marks.
  sql_with_literals activity/ActivityDao/homeFeed.sql "$reader" "${deep[@]}" >"$work/pgbench/home-cursor-signed.sql"
  sql_with_literals activity/ActivityDao/userFeed.sql "$reader" "handle='$busy_handle'" "${first[@]}" >"$work/pgbench/user-feed-signed.sql"
  { sql_with_literals activity/ActivityDao/findVisible.sql "$reader" "uuid='$hot_crud'::uuid"
    sql_with_literals activity/ActivityDao/replies.sql "$reader" "parentUuid='$hot_crud'::uuid" "${first[@]}"; } >"$work/pgbench/crud-replies-signed.sql"
  local role page cursor user_var
  for role in light heavy; do
    for page in first deep; do
      if [ "$page" = first ]; then cursor=("${first[@]}"); else cursor=("${following_deep[@]}"); fi
      user_var="${role}_user"
      sql_with_literals activity/ActivityDao/followingFeed.sql "readerUuid='${!user_var}'::uuid" "${cursor[@]}" >"$work/pgbench/following-$role-$page.sql"
    done
  done
  for role in notified quiet; do
    user_var="${role}_user"
    sql_with_literals notification/NotificationDao/list.sql "recipientUuid='${!user_var}'::uuid" "${first[@]}" >"$work/pgbench/notifications-$role.sql"
    sql_with_literals notification/NotificationDao/unreadCount.sql "recipientUuid='${!user_var}'::uuid" "countedUpTo=$(unread_counted_up_to)" >"$work/pgbench/unread-$role.sql"
  done
  # Direct messages, the statements each request runs, each with the reader's uuid from memory
  # (RegisteredUserIds): the list, the unread counts, a conversation's first page (page.sql: the
  # reader's side, both people's names and the messages). Marking it read (markRead.sql) runs only
  # when the page's newest message moves the mark: on the scenario's first request, never again,
  # and so not here.
  if [ "${dm_conversations:-0}" -gt 0 ]; then
    local dm_counted_up_to
    dm_counted_up_to=$(sed -n 's/.*UNREAD_COUNTED_UP_TO = \([0-9]*\);.*/\1/p' core/src/main/java/dev/cruddur/message/Conversations.java)
    [ -n "$dm_counted_up_to" ] || die "could not read UNREAD_COUNTED_UP_TO from Conversations.java"
    for role in few many; do
      user_var="dm_${role}_user"
      sql_with_literals message/MessageDao/conversations.sql "readerUuid='${!user_var}'::uuid" "${first[@]}" \
        "countedUpTo=$dm_counted_up_to" >"$work/pgbench/dm-list-$role.sql"
      sql_with_literals message/MessageDao/page.sql "readerUuid='${!user_var}'::uuid" "groupUuid='$dm_group'::uuid" \
        "beforeSeq=9223372036854775807" "fetch=21" >"$work/pgbench/dm-page-$role.sql"
      { sql_with_literals notification/NotificationDao/unreadCount.sql "recipientUuid='${!user_var}'::uuid" "countedUpTo=$(unread_counted_up_to)"
        sql_with_literals message/MessageDao/unreadCounts.sql "readerUuid='${!user_var}'::uuid" "countedUpTo=$dm_counted_up_to"; } \
        >"$work/pgbench/dm-unread-$role.sql"
    done
  fi
  local f
  for f in "$work"/pgbench/*.sql; do
    if grep -v '^--' "$f" | grep -qE '(^|[^:]):[A-Za-z_]'; then
      die "$(basename "$f") has parameters run.sh does not fill in"
    fi
  done
  # A like and its unlike (two requests' statements, so two operations a transaction), each
  # client signed in as a different one of the 16 users, on the hot crud: each mark alone with
  # its count, as the server writes a mark that found no other waiting on the crud, which answers
  # the crud. (The server has the liker's uuid in memory, as RegisteredUserIds.)
  local me="(ARRAY[$liker_uuids]::uuid[])[CAST(:client_id AS int) % $liker_count + 1]" kind
  for kind in add remove; do
    sql_with_literals "activity/ActivityDao/${kind}Marks.sql" "activityUuid='$hot_crud'::uuid" \
      "markers=ARRAY[$me]" "kinds=ARRAY['like']"
  done >"$work/pgbench/like-unlike.sql"
  # A message from one of the send pairs (pick_dm_users) at random, as bench/lua/dm-send.lua
  # sends them: send.sql alone (it names the sender, known by uuid from memory), with one
  # message a statement, as the server writes a message that found no other waiting.
  if [ "${dm_conversations:-0}" -gt 0 ]; then
    local pair="CAST(:pair AS int)"
    { echo "\\set pair random(1, $dm_send_count)"
      sql_with_literals message/MessageDao/send.sql "senders=ARRAY[(ARRAY[$dm_send_users]::uuid[])[$pair]]" \
        "handles=ARRAY[NULL]" "groups=ARRAY[(ARRAY[$dm_send_groups]::uuid[])[$pair]]" \
        "messages=ARRAY['bench message from pgbench, lorem ipsum lorem ipsum']" "ttlSeconds=ARRAY[86400]"; } >"$work/pgbench/dm-send.sql"
  fi
}

# Notifications.UNREAD_COUNTED_UP_TO: how far the unread count counts.
unread_counted_up_to() {
  local n
  n=$(sed -n 's/.*UNREAD_COUNTED_UP_TO = \([0-9]*\);.*/\1/p' core/src/main/java/dev/cruddur/notification/Notifications.java)
  [ -n "$n" ] || die "could not read UNREAD_COUNTED_UP_TO from Notifications.java"
  echo "$n"
}

# The pgbench rows: what each read path's SQL costs the database alone, no server running.
declare -A pgbench_tps=() pgbench_names=(
  [home-first]="home feed SQL, first page"
  [home-cursor]="home feed SQL, deep cursor"
  [user-feed]="user feed SQL (handle + feed)"
  [crud-replies]="crud + replies SQL (2 statements)"
  [home-cursor-signed]="home deep SQL, signed in"
  [user-feed-signed]="user feed SQL, signed in"
  [crud-replies-signed]="crud + replies SQL, signed in"
  [following-light-first]="following SQL, light reader, first"
  [following-light-deep]="following SQL, light reader, deep"
  [following-heavy-first]="following SQL, heavy reader, first"
  [following-heavy-deep]="following SQL, heavy reader, deep"
  [notifications-notified]="notifications SQL, most notified"
  [notifications-quiet]="notifications SQL, quiet reader"
  [unread-notified]="unread count SQL, most notified"
  [unread-quiet]="unread count SQL, quiet reader"
  [like-unlike]="like + unlike SQL, hot crud (ops/s)"
  [dm-list-few]="dm list SQL, person with few"
  [dm-list-many]="dm list SQL, person with many"
  [dm-page-few]="dm first page SQL, person with few"
  [dm-page-many]="dm first page SQL, person with many"
  [dm-unread-few]="dm unread counts SQL, few"
  [dm-unread-many]="dm unread counts SQL, many"
  [dm-send]="dm send SQL, 16 clients")
pgbench_order="home-first home-cursor user-feed crud-replies home-cursor-signed user-feed-signed crud-replies-signed
  following-light-first following-light-deep following-heavy-first following-heavy-deep
  notifications-notified notifications-quiet unread-notified unread-quiet like-unlike
  dm-list-few dm-list-many dm-page-few dm-page-many dm-unread-few dm-unread-many dm-send"
# Operations (API requests) per pgbench transaction, where it is not one.
declare -A pgbench_ops=([like-unlike]=2)

# With --scenarios, only the pgbench rows that some chosen scenario is held against.
pgbench_wanted() {
  local key="$1" name script path pgkey token threads
  case "$key" in dm-*) [ "${dm_conversations:-0}" -gt 0 ] || return 1 ;; esac
  [ -n "$only_scenarios" ] || return 0
  while IFS='|' read -r name script path pgkey token threads; do
    grep -qE "$only_scenarios" <<<"$name" && [ "$pgkey" = "$key" ] && return 0
  done < <(scenario_list)
  return 1
}

# Waits (up to 5 s) until no pgbench backend is left: then the postmaster has counted their time.
pgbench_backends_gone() {
  for _ in $(seq 1 50); do
    [ "$(psql "$pg_base/postgres" -qtAc "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgbench'")" = 0 ] && return 0
    sleep 0.1
  done
}

# All the pgbench rows up front, with no server running; with --pgbench-beside, only the scripts
# (each row is then measured just before its scenario, by run_scenarios).
run_pgbench() {
  local activities="$1" key
  write_pgbench_scripts
  [ "$pgbench_beside" = 0 ] || return 0
  for key in $pgbench_order; do
    pgbench_wanted "$key" || continue
    pgbench_one "$activities" "$key" "the database alone, no server running"
  done
}

# pgbench_one ROWS KEY NOTE: one pgbench row, its warm-up first.
pgbench_one() {
  local activities="$1" key="$2" note="$3" script out tps latency pg_us pm t0 t1 transactions
  pm=$(postmaster_pid)
  {
    script="$work/pgbench/$key.sql"
    # -M prepared: the server's connections also run server-side prepared statements.
    pgbench -n -M prepared -c "$connections" -j "$threads" -T "$warmup" -f "$script" "$db_url" >"$work/pgbench.out" 2>&1 \
      || { cat "$work/pgbench.out" "$script" >&2; die "pgbench failed on $key (warm-up)"; }
    # PostgreSQL's CPU over the whole run, the backends' start and exit included: measured
    # around it, for backends that come and go with pgbench cannot be sampled while it runs
    # (on a saturated machine, finding them took seconds of a five-second run).
    pgbench_backends_gone
    [ -z "$pm" ] || t0=$(postgres_ticks "$pm")
    pgbench -n -M prepared -c "$connections" -j "$threads" -T "$duration" -f "$script" "$db_url" >"$work/pgbench.out" 2>&1 \
      || { cat "$work/pgbench.out" >&2; die "pgbench failed on $key"; }
    pgbench_backends_gone
    [ -z "$pm" ] || t1=$(postgres_ticks "$pm")
    out=$(cat "$work/pgbench.out")
    tps=$(awk '/^tps = / {printf "%.0f", $3}' <<<"$out")
    latency=$(awk '/^latency average = / {print $4}' <<<"$out")
    transactions=$(awk -F': ' '/^number of transactions actually processed/ {print $2 + 0}' <<<"$out")
    [ -n "$tps" ] && [ -n "$transactions" ] || { echo "$out" >&2; die "pgbench printed no tps"; }
    if [ -n "${pgbench_ops[$key]:-}" ]; then
      tps=$(( tps * pgbench_ops[$key] )); transactions=$(( transactions * pgbench_ops[$key] ))
    fi
    pg_us=$(per_unit_us $(( ${t1:-0} - ${t0:-0} )) "$transactions" "$pm")
    pgbench_tps[$key]="$tps"
    log "pgbench ${pgbench_names[$key]} at $activities activities: $tps TPS (average latency $latency ms, PostgreSQL $pg_us µs a transaction)"
    row pgbench - - "$activities" "${pgbench_names[$key]}" "$tps tps" "$latency avg" - 0 - - - "$pg_us" "$note${pgbench_ops[$key]:+; ${pgbench_ops[$key]} operations a transaction, counted as ${pgbench_ops[$key]}}"
  }
}

# ---------------------------------------------------------------------------------------------
# Scenarios.

# One result row (tab-separated): kind, JDK, jar, rows, scenario, req/s, p50 ms, p99 ms, errors,
# peak RSS MB, ÷ pgbench, server JVM µs a request, PostgreSQL µs a request, notes.
row() {
  local IFS=$'\t'
  echo "$*" >>"$results"
}

# wrk_run SCRIPT URL SECONDS: prints the BENCH_RESULT line of bench/lua/report.lua.
# $wrk_threads, when set, overrides the threads (one connection a thread: one user a connection).
wrk_run() {
  local script="$1" url="$2" seconds="$3" out
  rm -rf "$work/acks"; mkdir -p "$work/acks"
  out=$(BENCH_LUA="$root/bench/lua" BENCH_TOKENS="$work/tokens.txt" BENCH_ACKS="$work/acks" BENCH_HOT_CRUD="$hot_crud" \
    BENCH_DM_SENDS="$work/dm-sends.txt" \
    BENCH_TOKEN_INDEX="${token_index:-}" \
    wrk -t"${wrk_threads:-$threads}" -c"$connections" -d"${seconds}s" --latency -s "$root/bench/lua/$script" "$url" 2>&1) || { echo "$out" >&2; die "wrk failed on $url"; }
  grep '^BENCH_RESULT' <<<"$out" || { echo "$out" >&2; die "wrk printed no result for $url"; }
}

field() { grep -o "$1=[^ ]*" <<<"$2" | cut -d= -f2; }

# Every uuid a 201 acknowledged must be in the database (in activities, or the table given).
verify_acks() {
  local table="${1:-activities}" acked_file="$work/acks-all.txt" missing
  cat "$work"/acks/acks-*.txt 2>/dev/null >"$acked_file" || true
  missing=$(psql "$db_url" -qtA \
    -c "CREATE TEMP TABLE acked (uuid uuid)" \
    -c "\\copy acked FROM '$acked_file'" \
    -c "SELECT count(*) || ' of ' || (SELECT count(*) FROM acked) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM $table x WHERE x.uuid = a.uuid)")
  echo "$missing"
}

# The scenarios: name | wrk script | path | the pgbench row it is held against | token index | threads.
# (token index: every thread signs in as that minted user; empty: one user per thread.
# threads: as many as connections for one user a connection; empty: $threads.)
scenario_list() {
  cat <<LIST
home feed, anonymous|get.lua|/api/activities/home|home-first||
home feed, bearer token|bearer.lua|/api/activities/home|home-first||
home feed, deep cursor|get.lua|/api/activities/home?cursor=$deep_cursor|home-cursor||
home deep cursor, signed in|bearer.lua|/api/activities/home?cursor=$deep_cursor|home-cursor-signed|${heavy_index:-}|
user feed|get.lua|/api/activities/@$busy_handle|user-feed||
user feed, signed in|bearer.lua|/api/activities/@$busy_handle|user-feed-signed|${heavy_index:-}|
search #rarebird (0.002 %)|get.lua|/api/activities/search?term=%23rarebird||
search #cruddur (2 %)|get.lua|/api/activities/search?term=%23cruddur||
search #trending (20 %)|get.lua|/api/activities/search?term=%23trending||
search word rarebird (0.002 %)|get.lua|/api/activities/search?term=rarebird||
search word cruddur (2 %)|get.lua|/api/activities/search?term=cruddur||
search word trending (20 %)|get.lua|/api/activities/search?term=trending||
show the hot crud + replies|get.lua|/api/activities/$hot_crud|crud-replies||
show the hot crud + replies, signed in|bearer.lua|/api/activities/$hot_crud|crud-replies-signed|${heavy_index:-}|
following, light reader, first page|bearer.lua|/api/activities/following|following-light-first|${light_index:-}|
following, light reader, deep page|bearer.lua|/api/activities/following?cursor=${following_deep_cursor:-}|following-light-deep|${light_index:-}|
following, heavy reader, first page|bearer.lua|/api/activities/following|following-heavy-first|${heavy_index:-}|
following, heavy reader, deep page|bearer.lua|/api/activities/following?cursor=${following_deep_cursor:-}|following-heavy-deep|${heavy_index:-}|
notifications, most notified|bearer.lua|/api/activities/notifications|notifications-notified|${notified_index:-}|
notifications, quiet reader|bearer.lua|/api/activities/notifications|notifications-quiet|${quiet_index:-}|
unread count, most notified|bearer.lua|/api/notifications/unread-count|unread-notified|${notified_index:-}|
unread count, quiet reader|bearer.lua|/api/notifications/unread-count|unread-quiet|${quiet_index:-}|
like/unlike the hot crud, 16 users|likes.lua|/api/activities/$hot_crud/like|like-unlike||$connections
post a crud|post.lua|/api/activities|||
reply to the hot crud|reply.lua|/api/activities/$hot_crud/reply|||
dm list, person with few|bearer.lua|/api/message_groups|dm-list-few|${dm_few_index:-}|
dm list, person with many|bearer.lua|/api/message_groups|dm-list-many|${dm_many_index:-}|
dm first page, person with few|bearer.lua|/api/messages/${dm_group:-}|dm-page-few|${dm_few_index:-}|
dm first page, person with many|bearer.lua|/api/messages/${dm_group:-}|dm-page-many|${dm_many_index:-}|
dm unread counts, few|bearer.lua|/api/unread-counts|dm-unread-few|${dm_few_index:-}|
dm unread counts, many|bearer.lua|/api/unread-counts|dm-unread-many|${dm_many_index:-}|
dm send, 16 connections|dm-send.lua|/api/messages|dm-send||
LIST
}

scenario() {
  local jdk="$1" activities="$2" label="$3" name="$4" script="$5" path="$6" pgbench_key="$7"
  local port="${server_ports[$label]}" server_pid="${server_pids[$label]}" url line requests us rps p50 p99 errors acked notes=""
  local pids s0 s1 b0 b1 java_us pg_us
  url="http://127.0.0.1:$port$path"
  wrk_run "$script" "$url" "$warmup" >/dev/null
  pids=$(backend_pids "bench-$label")
  s0=$(cpu_ticks "$server_pid"); b0=$(cpu_ticks $pids)
  line=$(wrk_run "$script" "$url" "$duration")
  s1=$(cpu_ticks "$server_pid"); b1=$(cpu_ticks $pids)
  kill -0 "$server_pid" 2>/dev/null || die "the server ($label) died during $name"
  requests=$(field requests "$line"); us=$(field duration_us "$line")
  rps=$(awk -v r="$requests" -v d="$us" 'BEGIN {printf "%.0f", r / (d / 1e6)}')
  p50=$(awk -v v="$(field p50_us "$line")" 'BEGIN {printf "%.2f", v / 1000}')
  p99=$(awk -v v="$(field p99_us "$line")" 'BEGIN {printf "%.2f", v / 1000}')
  java_us=$(per_unit_us $(( s1 - s0 )) "$requests" "$server_pid")
  pg_us=$(per_unit_us $(( b1 - b0 )) "$requests" "$pids")
  errors=$(( $(field socket_errors "$line") + $(field status_errors "$line") ))
  acked=$(field acked "$line")
  if [ "$errors" != 0 ]; then
    notes="errors: $(field socket_errors "$line") socket ($(field timeouts "$line") timeouts over wrk's 2 s), $(field status_errors "$line") non-2xx; "
  fi
  if [ "$acked" != "-" ]; then
    local missing
    if [ "$script" = dm-send.lua ]; then missing=$(verify_acks messages); else missing=$(verify_acks); fi
    notes="${notes}acknowledged $acked, missing ${missing%% *}"
    [ "${missing%% *}" = "0" ] || { notes="$notes  <-- LOST WRITES"; failures=$((failures + 1)); }
  fi
  if [ "$script" = likes.lua ]; then
    local counted
    counted=$(psql "$db_url" -qtAc "SELECT likes_count || ' ' || (SELECT count(*) FROM reactions r WHERE r.activity_uuid = a.uuid AND r.kind = 'like') FROM activities a WHERE uuid = '$hot_crud'")
    if [ "${counted% *}" = "${counted#* }" ]; then
      notes="${notes}likes_count ${counted% *} = its rows"
    else
      notes="${notes}likes_count ${counted% *} <> ${counted#* } rows  <-- INCONSISTENT"; failures=$((failures + 1))
    fi
  fi
  if [ "$script" = dm-send.lua ]; then
    # Each conversation's numbers are 1..last_seq with none missing, and in the order of their times.
    local gaps
    gaps=$(psql "$db_url" -qtAc "SELECT (SELECT count(*) FROM message_groups g WHERE g.uuid IN ($dm_send_groups)
             AND g.last_seq <> (SELECT count(*) FROM messages m WHERE m.message_group_uuid = g.uuid))
           + (SELECT count(*) FROM messages m JOIN messages n ON n.message_group_uuid = m.message_group_uuid AND n.seq = m.seq + 1
              WHERE m.message_group_uuid IN ($dm_send_groups) AND n.created_at < m.created_at)")
    if [ "$gaps" = 0 ]; then
      notes="$notes; numbers without gaps, in time order"
    else
      notes="$notes; $gaps conversations with gaps or out of order  <-- INCONSISTENT"; failures=$((failures + 1))
    fi
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
  if [ -n "$pgbench_key" ] && [ -n "${pgbench_tps[$pgbench_key]:-}" ]; then
    ratio=$(awk -v a="$rps" -v b="${pgbench_tps[$pgbench_key]}" 'BEGIN {printf "%.2f", a / b}')
  fi
  log "JDK $jdk, $activities, $label: $name: $rps req/s (÷pgbench $ratio), p50 $p50 ms, p99 $p99 ms, $errors errors, CPU java $java_us µs + PostgreSQL $pg_us µs a request, peak RSS $(peak_rss_mb "$label") MB ${notes}"
  row api "$jdk" "$label" "$activities" "$name" "$rps" "$p50" "$p99" "$errors" "$(peak_rss_mb "$label")" "$ratio" "$java_us" "$pg_us" "${notes:--}"
}

# Removes what the write scenarios added, so every JDK starts from the same data. The like
# scenario inserts and deletes the same few keys thousands of times; VACUUM by default skips
# cleaning indexes when few pages hold dead rows, which would leave those keys' dead index
# entries for every later like to step over, run after run: INDEX_CLEANUP ON removes them.
restore_dataset() {
  psql "$db_url" -qc "DELETE FROM activities WHERE created_at > '$baseline_max_created'" \
    -c "UPDATE activities SET replies_count = $baseline_hot_replies WHERE uuid = '$hot_crud'" \
    -c "DELETE FROM reactions WHERE activity_uuid = '$hot_crud' AND created_at > '$baseline_max_created'" \
    -c "INSERT INTO reactions (activity_uuid, user_uuid, kind, created_at) SELECT '$hot_crud', unnest(ARRAY[$baseline_hot_likers]::uuid[]), 'like', '$baseline_max_created' ON CONFLICT DO NOTHING" \
    -c "UPDATE activities a SET likes_count = (SELECT count(*) FROM reactions r WHERE r.activity_uuid = a.uuid AND r.kind = 'like') WHERE uuid = '$hot_crud'" \
    -c "VACUUM (ANALYZE, INDEX_CLEANUP ON) activities" -c "VACUUM (ANALYZE, INDEX_CLEANUP ON) reactions" \
    -c "VACUUM (ANALYZE, INDEX_CLEANUP ON) notifications" >/dev/null
  [ "${dm_conversations:-0}" = 0 ] || restore_messages
}

# The direct messages as loaded: the messages (and any conversation) written since are deleted,
# and the conversations the scenarios wrote to, or read and so marked read, get back their rows
# as they were (bench_saved, copied by pick_dm_users).
restore_messages() {
  psql "$db_url" -q -c "DELETE FROM messages WHERE created_at > (SELECT max_created FROM bench_saved.dm_loaded)" \
    -c "DELETE FROM message_groups WHERE created_at > (SELECT max_created FROM bench_saved.dm_loaded)" \
    -c "UPDATE message_groups g SET last_seq = s.last_seq FROM bench_saved.dm_groups s WHERE g.uuid = s.uuid AND g.last_seq <> s.last_seq" \
    -c "UPDATE message_group_members m
        SET (last_message_at, expires_at, last_read_seq, last_received_seq, last_received_at, received_expires_at, unread_expires_at)
          = (s.last_message_at, s.expires_at, s.last_read_seq, s.last_received_seq, s.last_received_at, s.received_expires_at, s.unread_expires_at)
        FROM bench_saved.dm_members s
        WHERE m.user_uuid = s.user_uuid AND m.message_group_uuid = s.message_group_uuid" \
    -c "VACUUM (ANALYZE, INDEX_CLEANUP ON) message_groups" -c "VACUUM (ANALYZE, INDEX_CLEANUP ON) messages" \
    -c "VACUUM (ANALYZE, INDEX_CLEANUP ON) message_group_members" >/dev/null
}

run_scenarios() {
  local jdk="$1" activities="$2" label order i=0 name script path key token
  for label in $(labels); do
    # Each server's connections carry its label, so its PostgreSQL backends can be told apart.
    # The purge is off so that the dataset's expired cruds (5 %) stay: every scenario, on each JDK,
    # reads the same rows, and no purge run lands inside a measurement.
    start_server "$label" "$jdk" "$(free_port)" "$jdk-$activities-$label" -u COGNITO_USER_POOL_ID \
      DATABASE_URL="$db_url?ApplicationName=bench-$label" COGNITO_ISSUER="$issuer" \
      COGNITO_CLIENT_ID="$client_id" COGNITO_JWKS_URL="$jwks_url" CRUDDUR_PURGE_INTERVAL=off
    log "JDK $jdk on $activities activities ($label): listening after $startup_ms ms (pid ${server_pids[$label]})"
    # The JIT compiles the shared request path once, before anything is measured.
    for path in "/api/activities/home" "/api/activities/@$busy_handle" "/api/activities/search?term=%23cruddur" "/api/activities/$hot_crud"; do
      wrk_run get.lua "http://127.0.0.1:${server_ports[$label]}$path" "$warmup" >/dev/null
    done
    # And the direct messages' reads, signed in (the person with many: reading marks nothing new).
    if [ "${dm_conversations:-0}" -gt 0 ]; then
      for path in "/api/message_groups" "/api/messages/$dm_group" "/api/unread-counts"; do
        token_index="$dm_many_index" wrk_run bearer.lua "http://127.0.0.1:${server_ports[$label]}$path" "$warmup" >/dev/null
      done
    fi
  done
  while IFS='|' read -r -u 3 name script path key token threads_override; do
    [ -z "$only_scenarios" ] || grep -qE "$only_scenarios" <<<"$name" || continue
    case "$key" in dm-*) [ "${dm_conversations:-0}" -gt 0 ] || continue ;; esac
    # Side by side, the jar that goes first alternates from one scenario to the next.
    order=$(labels)
    if [ $(( i++ % 2 )) = 1 ]; then order=$(tr ' ' '\n' <<<"$order" | tac | tr '\n' ' '); fi
    if [ "$pgbench_beside" = 1 ] && [ -n "$key" ]; then
      pgbench_one "$activities" "$key" "the database alone, just before its scenario (the server idle)"
    fi
    for label in $order; do
      token_index="$token" wrk_threads="$threads_override" scenario "$jdk" "$activities" "$label" "$name" "$script" "$path" "$key"
    done
  done 3< <(scenario_list)
  stop_servers
  restore_dataset
}

# ---------------------------------------------------------------------------------------------
print_table() {
  echo
  echo "Cruddur benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, wrk -t$threads -c$connections -d${duration}s (warm-up ${warmup}s), load average before: $load_before"
  echo "this = $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes')${baseline_jar:+; base = $baseline_name}"
  for jdk in $jdks; do echo "JDK $jdk = $("$(jdk_home "$jdk")/bin/java" -version 2>&1 | sed -n 2p)"; done
  echo
  local format="%-4s %-5s %-9s %-34s %10s %9s %9s %6s %7s %8s %8s %8s  %s\n"
  awk -F'\t' -v f="$format" '
    BEGIN { printf f, "JDK", "jar", "rows", "scenario", "req/s", "p50 ms", "p99 ms", "errors", "RSS MB", "÷pgbench", "java µs", "pg µs", "notes"
            printf f, "---", "---", "----", "--------", "-----", "------", "------", "------", "------", "--------", "-------", "-----", "-----" }
    { printf f, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 }
  ' "$results"
  if [ -n "$baseline_jar" ]; then
    echo
    echo "Side by side (same run, alternating): this jar against the baseline ($baseline_name)"
    awk -F'\t' '
      $1 == "api" { key = $2 "\t" $4 "\t" $5; if (!(key in seen)) { seen[key] = 1; keys[n++] = key }
                    rps[key, $3] = $6; java[key, $3] = $12; pg[key, $3] = $13; p99[key, $3] = $8; rss[key, $3] = $10 }
      END {
        printf "%-4s %-9s %-34s %10s %10s %8s %14s %14s %16s\n", "JDK", "rows", "scenario", "base req/s", "this req/s", "this/base", "java µs b→t", "pg µs b→t", "p99 ms b→t"
        for (i = 0; i < n; i++) {
          k = keys[i]; split(k, part, "\t")
          ratio = (rps[k, "base"] > 0) ? sprintf("%.2f", rps[k, "this"] / rps[k, "base"]) : "-"
          printf "%-4s %-9s %-34s %10s %10s %8s %14s %14s %16s\n", part[1], part[2], part[3], rps[k, "base"], rps[k, "this"], ratio,
                 java[k, "base"] "→" java[k, "this"], pg[k, "base"] "→" pg[k, "this"], p99[k, "base"] "→" p99[k, "this"]
        }
      }' "$results"
  fi
  social_pairs_table
  echo
  awk -F'\t' '$1 == "api" && $10 + 0 > peak[$2 " " $3] { peak[$2 " " $3] = $10 }
              END { for (k in peak) printf "peak RSS through the bench, JDK/jar %s: %s MB\n", k, peak[k] }' "$results" | sort
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); total time $(( $(date +%s) - started_at )) s"
}

# Scenarios compared in pairs: A | B, where B should cost no more than A (or about the same).
social_pairs() {
  cat <<'PAIRS'
home feed, deep cursor|home deep cursor, signed in
user feed|user feed, signed in
show the hot crud + replies|show the hot crud + replies, signed in
following, light reader, first page|following, heavy reader, first page
following, light reader, deep page|following, heavy reader, deep page
following, light reader, first page|following, light reader, deep page
following, heavy reader, first page|following, heavy reader, deep page
notifications, quiet reader|notifications, most notified
unread count, quiet reader|unread count, most notified
dm list, person with few|dm list, person with many
dm first page, person with few|dm first page, person with many
dm unread counts, few|dm unread counts, many
PAIRS
}

# For each pair run here (same JDK, dataset and jar): how much more B costs than A, in
# throughput (A's req/s over B's) and in CPU a request (B's java + pg µs over A's).
social_pairs_table() {
  local lines
  lines=$(awk -F'\t' -v pairs="$(social_pairs)" '
    $1 == "api" { key = $2 SUBSEP $3 SUBSEP $4; keys[key] = 1; rps[key, $5] = $6; cpu[key, $5] = $12 + $13 }
    END {
      n = split(pairs, p, "\n")
      for (k in keys) for (i = 1; i <= n; i++) {
        split(p[i], ab, "|"); split(k, part, SUBSEP)
        if (((k, ab[1]) in rps) && ((k, ab[2]) in rps) && rps[k, ab[2]] > 0)
        {
          cpu_ratio = "-"
          if (cpu[k, ab[1]] > 0) cpu_ratio = sprintf("%.2f", cpu[k, ab[2]] / cpu[k, ab[1]])
          printf "%-4s %-5s %-9s %-38s %-40s %9.2f %9s\n", part[1], part[2], part[3], ab[1], ab[2], rps[k, ab[1]] / rps[k, ab[2]], cpu_ratio
        }
      }
    }' "$results" | sort)
  [ -n "$lines" ] || return 0
  echo
  echo "Pairs (same run, JDK, jar and rows): B's cost over A's, by throughput (A req/s ÷ B req/s) and by CPU a request (java + pg µs)"
  printf "%-4s %-5s %-9s %-38s %-40s %9s %9s\n" JDK jar rows "A" "B" "req/s A÷B" "CPU B÷A"
  echo "$lines"
}

main() {
  ensure_tools
  ensure_postgres
  for jdk in $jdks; do [ -x "$(jdk_home "$jdk")/bin/java" ] || die "no JDK $jdk at $(jdk_home "$jdk")"; done
  ensure_jars
  ensure_baseline
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  log "load average: $load_before (other work on this machine makes the figures noisy)"
  : >"$results"
  local first=1
  for activities in $datasets; do
    load_dataset "$activities"
    start_pool
    pick_social_users
    pick_dm_users
    run_pgbench "$activities"
    # pgbench's likes and unlikes: back to the data every JDK starts from.
    restore_dataset
    if [ "$first" = 1 ] && { [ -z "$only_scenarios" ] || grep -qE "$only_scenarios" <<<"startup"; }; then
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
