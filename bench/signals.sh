#!/usr/bin/env bash
# What the server's signals cost: the same jar and database, started with nothing, with traces
# exported (OTLP/HTTP to a local collector that accepts and drops every export), and with
# /metrics served, in turn, round after round; wrk on three read paths for each. Prints req/s,
# p99 and the CPU each request costs the server's JVM (and the collector, for traces).
#
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cruddur_bench bench/signals.sh
#
# The database must hold a generated dataset (bench/run.sh, or GenerateData); the jar must be built.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/cli/target/cruddur.jar"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
db_url="${DATABASE_URL:?set DATABASE_URL to a database with a generated dataset}"
rounds="${ROUNDS:-2}" seconds="${SECONDS_MEASURED:-15}" warmup="${SECONDS_WARMUP:-20}" connections="${CONNECTIONS:-16}"
port=45671 metrics_port=45672 collector_port=45673
hz="$(getconf CLK_TCK)"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -pl cli -am package -DskipTests" >&2; exit 1; }

hot_crud=$(psql "$db_url" -qtAc "SELECT uuid FROM visible_activities WHERE reply_to_activity_uuid IS NULL ORDER BY replies_count DESC, uuid LIMIT 1")
handle=$(psql "$db_url" -qtAc "SELECT u.handle FROM users u JOIN activities a ON a.user_uuid = u.uuid WHERE a.reply_to_activity_uuid IS NULL AND a.expires_at > now() GROUP BY u.handle ORDER BY count(*) DESC, u.handle LIMIT 1")
paths=("/api/activities/home" "/api/activities/@$handle" "/api/activities/$hot_crud")
names=("home, anonymous (cached: no SQL)" "user feed (1 statement)" "crud + replies (2 statements)")

collector_pid=
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$collector_pid" ] && kill "$collector_pid" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# The collector: answers every OTLP/HTTP export 200 and keeps nothing, counting bytes received.
python3 - "$collector_port" <<'PY' &
import sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
class Drop(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Drop).serve_forever()
PY
collector_pid=$!

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

start_server() {
  local -a env=(env -i PATH="$PATH" HOME="$HOME" DATABASE_URL="$db_url" PORT="$port" CRUDDUR_PURGE_INTERVAL=off)
  case "$1" in
    traces) env+=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$collector_port" OTEL_SERVICE_NAME=cruddur-bench) ;;
    metrics) env+=(METRICS_PORT="$metrics_port") ;;
  esac
  # The ./cruddur launcher's JVM options on JDK 22+, without class-data sharing.
  "${env[@]}" "$java_home/bin/java" -Xms64m -Xmx160m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000 \
    -XX:CompileCommand=quiet '-XX:CompileCommand=MemLimit,*.*,24m' -jar "$jar" serve >"/tmp/signals-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/api/health-check" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not start: /tmp/signals-$1.log" >&2; exit 1
}

stop_server() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

printf '%s\n' "signals overhead — $(date -u +%Y-%m-%dT%H:%MZ), $("$java_home/bin/java" -version 2>&1 | head -1), wrk -t2 -c$connections -d${seconds}s (warm-up ${warmup}s)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| round | signals | path | req/s | p99 ms | socket errors | JVM µs/req | collector µs/req |\n|---|---|---|---:|---:|---:|---:|---:|\n'
for round in $(seq 1 "$rounds"); do
  for config in off traces metrics; do
    start_server "$config"
    for i in "${!paths[@]}"; do
      url="http://127.0.0.1:$port${paths[$i]}"
      wrk -t2 -c"$connections" -d"${warmup}s" "$url" >/dev/null
      before=$(cpu_ticks "$server_pid"); collector_before=$(cpu_ticks "$collector_pid")
      out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$url")
      after=$(cpu_ticks "$server_pid"); collector_after=$(cpu_ticks "$collector_pid")
      requests=$(awk '/requests in/ {print $1}' <<<"$out")
      rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
      p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v*=1000}; printf "%.2f", v}' <<<"$out")
      # Timeouts (wrk gives up after 2 s) are counted, not fatal: on a shared machine they come and go.
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
      [ -z "$non2xx" ] || { echo "non-2xx answers on $url: $non2xx" >&2; exit 1; }
      errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
      jvm=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')
      coll=$(awk -v t=$((collector_after - collector_before)) -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
      printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$round" "$config" "${names[$i]}" "$rps" "$p99" "${errors:-0}" "$jvm" \
        "$([ "$config" = traces ] && echo "$coll" || echo "—")"
    done
    if [ "$config" = metrics ]; then
      # The scrape itself, once, for its size.
      echo "<!-- /metrics: $(curl -fs "http://127.0.0.1:$metrics_port/metrics" | wc -l) lines -->"
    fi
    stop_server
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
