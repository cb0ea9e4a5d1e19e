#!/usr/bin/env bash
# A production-shaped Cruddur on this one machine: a PostgreSQL primary and a streaming replica
# (two clusters of the installed PostgreSQL, the replica made with pg_basebackup), three
# `cruddur serve` processes started exactly as the container image starts them
# (`java -jar cruddur.jar serve`, settings in the environment), and HAProxy in front with HTTP
# health checks, as an ALB would be. See docs/deploy.md and docs/benchmarks.md.
#
#   bench/cluster.sh up                 start everything (builds cli/target/cruddur.jar if missing)
#   bench/cluster.sh down               stop everything and delete the cluster's directory
#   bench/cluster.sh status             what runs, the balancer's view of each instance, replication lag
#   bench/cluster.sh env                the addresses, as shell variables (for scripts and tests)
#   bench/cluster.sh kill N             SIGKILL instance N (1-3)
#   bench/cluster.sh stop N             SIGTERM instance N and wait for it to exit
#   bench/cluster.sh start N            start instance N again
#   bench/cluster.sh replica stop|start stop (fast shutdown) or start the replica
#   bench/cluster.sh lb enable|disable N   put instance N in or out of the balancer (its runtime API)
#   bench/cluster.sh healthcheck N      run the Dockerfile's HEALTHCHECK command against instance N
#   bench/cluster.sh bench [SECONDS]    the figures, SECONDS (15) a row, about 10 minutes: 1 vs 3
#                                       instances through HAProxy, and the CPU a read costs the
#                                       primary and the replica, with and without DATABASE_READ_URL
#
# Environment: CRUDDUR_CLUSTER_DIR (/tmp/cruddur-cluster), CLUSTER_PG_PORT (5441; the replica
# listens on the next port), CLUSTER_APP_PORT (4601), CLUSTER_LB_PORT (4600), CRUDDUR_JAR
# (cli/target/cruddur.jar), JAVA (Temurin 25's java if installed, as in the image; else java),
# CLUSTER_READ_REPLICA (on: the instances read from the replica; off: everything on the primary).
#
# The three instances listen on one port at three loopback addresses (127.0.0.11-13): the
# development identity provider's issuer names its port, and they share one data directory for
# its signing key, so a token signed by any of them is accepted by all. HAProxy listens on
# 127.0.0.1 and reaches them from 127.0.0.10, the one address they trust to forward a client's.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${CRUDDUR_CLUSTER_DIR:-/tmp/cruddur-cluster}"
pg_port="${CLUSTER_PG_PORT:-5441}"
replica_port=$((pg_port + 1))
app_port="${CLUSTER_APP_PORT:-4601}"
lb_port="${CLUSTER_LB_PORT:-4600}"
jar="${CRUDDUR_JAR:-$root/cli/target/cruddur.jar}"
# The container image's Java (Temurin 25) where the machine has it, else the default java.
temurin25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
java_cmd="${JAVA:-$( [ -x "$temurin25" ] && echo "$temurin25" || echo java )}"
read_replica="${CLUSTER_READ_REPLICA:-on}"
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
instances=(1 2 3)
proxy_address=127.0.0.10
# Where the balancer asks whether an instance should get new requests: 503 once it is stopping.
health_path=/api/ready
# How often it asks, and how many failures take an instance out: a stopping instance keeps
# serving longer than the balancer needs to notice (CRUDDUR_DRAIN_SECONDS), as on an ALB.
check_interval_s=1
check_falls=2
drain_seconds=$((check_interval_s * check_falls + 2))
database=cruddur

log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

instance_address() { echo "127.0.0.$((10 + $1))"; }
primary_url() { echo "postgresql://postgres@127.0.0.1:$pg_port/$database"; }
replica_url() { echo "postgresql://postgres@127.0.0.1:$replica_port/$database"; }

# PostgreSQL refuses to run as root: as root, its programs run as the postgres user.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pid_of() { [ -f "$1" ] && cat "$1" || true; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
ensure_tools() {
  local need=()
  command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
  [ -x "$pg_bin/initdb" ] || need+=(postgresql-15)
  command -v curl >/dev/null 2>&1 || need+=(curl)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]} (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  fi
}

ensure_jar() {
  if [ ! -f "$jar" ]; then
    log "building $jar"
    (cd "$root" && ./mvnw -q -B -DskipTests -pl cli -am package)
  fi
  [ -f "$jar" ] || die "no jar at $jar"
}

pg_ready() { "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$1"; }

await() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || die "$what: not ready after ${seconds}s"
    sleep 0.2
  done
}

pg_start() {
  local data="$1" port="$2"
  as_postgres "$pg_bin/pg_ctl" -D "$data" -l "$data.log" -w -t 60 start >/dev/null
  await "PostgreSQL on $port" 60 pg_ready "$port"
}

pg_stop() {
  local data="$1"
  if [ -f "$data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
}

# The primary: trust on 127.0.0.1 (initdb's default lines include replication), TCP only,
# and its settings written into postgresql.conf so that pg_basebackup copies them to the replica.
primary_up() {
  local data="$dir/pg/primary"
  if [ ! -d "$data" ]; then
    log "creating the primary (PostgreSQL 15) on 127.0.0.1:$pg_port"
    as_postgres "$pg_bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = ''
wal_level = replica
max_wal_senders = 4
hot_standby = on
# keeps the WAL a replica needs while it is stopped (bounded: a replica further behind is rebuilt)
wal_keep_size = '256MB'
max_connections = 200
# counts each statement's calls on each server: which one served a read
shared_preload_libraries = 'pg_stat_statements'
EOF
    pg_start "$data" "$pg_port"
    psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE $database" >/dev/null
    psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -c "CREATE EXTENSION pg_stat_statements" >/dev/null
  elif ! pg_ready "$pg_port"; then
    pg_start "$data" "$pg_port"
  fi
}

replica_up() {
  local data="$dir/pg/replica"
  if [ ! -d "$data" ]; then
    log "making the replica with pg_basebackup -R, on 127.0.0.1:$replica_port"
    as_postgres "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$pg_port" -U postgres -D "$data" -R -X stream -c fast
    echo "port = $replica_port" | as_postgres tee -a "$data/postgresql.conf" >/dev/null
  fi
  pg_ready "$replica_port" || pg_start "$data" "$replica_port"
}

replica_stop() {
  log "stopping the replica"
  pg_stop "$dir/pg/replica"
}

# ---------------------------------------------------------------------------------------------
# One instance, as the image runs it: `java -jar cruddur.jar serve`, everything in the environment.
instance_env() {
  local n="$1"
  local vars=(
    "DATABASE_URL=$(primary_url)"
    "PORT=$app_port"
    "HOST=$(instance_address "$n")"
    "CRUDDUR_DATA_DIR=$dir/shared-data"
    "CRUDDUR_DB_POOL_SIZE=10"
    "CRUDDUR_DRAIN_SECONDS=$drain_seconds"
  )
  # Every connection comes from the balancer: it alone may say who the client is.
  vars+=("TRUSTED_PROXIES=$proxy_address")
  if [ "$read_replica" = on ]; then
    vars+=("DATABASE_READ_URL=$(replica_url)")
  fi
  printf '%s\n' "${vars[@]}"
}

instance_start() {
  local n="$1"
  local pidfile="$dir/instance-$n.pid" logfile="$dir/instance-$n.log"
  if alive "$(pid_of "$pidfile")"; then return 0; fi
  local env_vars=()
  mapfile -t env_vars < <(instance_env "$n")
  # A fresh environment, as a container's: only what is set here, plus PATH and HOME.
  env -i PATH="$PATH" HOME="${HOME:-/root}" "${env_vars[@]}" \
    setsid "$java_cmd" -jar "$jar" serve >>"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

instance_healthy() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$(instance_address "$1"):$app_port$health_path")" = 200 ]
}

instance_await() {
  local n="$1" pid
  pid="$(pid_of "$dir/instance-$n.pid")"
  local deadline=$((SECONDS + 120))
  until instance_healthy "$n"; do
    alive "$pid" || { tail -n 30 "$dir/instance-$n.log" >&2; die "instance $n exited"; }
    [ "$SECONDS" -lt "$deadline" ] || die "instance $n: not healthy after 120s"
    sleep 0.3
  done
}

instance_signal() {
  local signal="$1" n="$2" pid
  pid="$(pid_of "$dir/instance-$n.pid")"
  alive "$pid" || die "instance $n is not running"
  kill "-$signal" "$pid"
  if [ "$signal" = TERM ]; then
    local deadline=$((SECONDS + 60))
    while alive "$pid"; do
      [ "$SECONDS" -lt "$deadline" ] || die "instance $n still running 60s after SIGTERM"
      sleep 0.1
    done
  fi
  # (a SIGKILLed process is reaped by init; it is gone within milliseconds)
  rm -f "$dir/instance-$n.pid"
}

# ---------------------------------------------------------------------------------------------
# HAProxy: a config of our own, run as a daemon with its own pid file (never the system service).
lb_config() {
  cat <<EOF
global
    maxconn 4096
    stats socket $dir/haproxy.sock mode 600 level admin
    log stderr format short local0 notice

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout http-request 10s
    # A connection refused (an instance stopped or killed) is tried again on another instance;
    # nothing an instance has started answering is ever sent twice.
    retries 3
    option redispatch 1

frontend cruddur
    bind 127.0.0.1:$lb_port
    option forwardfor
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET $health_path
    http-check expect status 200
    # The instances trust this one address to say who the client is (X-Forwarded-For).
    source $proxy_address
    default-server inter ${check_interval_s}s fall $check_falls rise 2
EOF
  local n
  for n in "${instances[@]}"; do
    echo "    server i$n $(instance_address "$n"):$app_port check"
  done
}

lb_up() {
  alive "$(pid_of "$dir/haproxy.pid")" && return 0
  lb_config >"$dir/haproxy.cfg"
  haproxy -c -q -f "$dir/haproxy.cfg" || die "haproxy refused $dir/haproxy.cfg"
  haproxy -D -p "$dir/haproxy.pid" -f "$dir/haproxy.cfg" 2>>"$dir/haproxy.log"
}

lb_command() {
  python3 - "$dir/haproxy.sock" "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode())
out = b""
while chunk := s.recv(65536):
    out += chunk
sys.stdout.write(out.decode())
EOF
}

# "i1 UP", one line per instance, as the balancer sees them.
lb_states() {
  lb_command "show stat" | awk -F, '$1 == "instances" && $2 ~ /^i[0-9]$/ {print $2, $18}'
}

lb_all_up() { [ "$(lb_states | grep -c ' UP$')" -eq "${#instances[@]}" ]; }

# ---------------------------------------------------------------------------------------------
up() {
  ensure_tools
  ensure_jar
  mkdir -p "$dir/pg" "$dir/shared-data"
  chmod 755 "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir/pg"
  primary_up
  replica_up
  log "migrating the primary"
  env -i PATH="$PATH" HOME="${HOME:-/root}" DATABASE_URL="$(primary_url)" "$java_cmd" -jar "$jar" db migrate \
    >>"$dir/migrate.log" 2>&1 || { tail -n 20 "$dir/migrate.log" >&2; die "db migrate"; }
  log "starting instances ${instances[*]} on $(instance_address 1)-$(instance_address 3):$app_port"
  local n
  for n in "${instances[@]}"; do instance_start "$n"; done
  for n in "${instances[@]}"; do instance_await "$n"; done
  lb_up
  await "HAProxy seeing every instance UP" 30 lb_all_up
  log "up: http://127.0.0.1:$lb_port (HAProxy) -> 3 instances; primary :$pg_port, replica :$replica_port"
}

down() {
  local n
  if alive "$(pid_of "$dir/haproxy.pid")"; then kill "$(pid_of "$dir/haproxy.pid")"; fi
  for n in "${instances[@]}"; do
    local pid
    pid="$(pid_of "$dir/instance-$n.pid")"
    if alive "$pid"; then kill -TERM "$pid"; fi
  done
  for n in "${instances[@]}"; do
    local pid
    pid="$(pid_of "$dir/instance-$n.pid")"
    for _ in $(seq 1 150); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -KILL "$pid"; fi
  done
  pg_stop "$dir/pg/replica"
  pg_stop "$dir/pg/primary"
  rm -rf "$dir"
  log "down"
}

status() {
  local n
  echo "directory  $dir"
  echo "primary    127.0.0.1:$pg_port $(pg_ready "$pg_port" && echo up || echo down)"
  echo "replica    127.0.0.1:$replica_port $(pg_ready "$replica_port" && echo up || echo down)"
  for n in "${instances[@]}"; do
    echo "instance $n $(instance_address "$n"):$app_port $(alive "$(pid_of "$dir/instance-$n.pid")" && echo "pid $(pid_of "$dir/instance-$n.pid")" || echo down)"
  done
  if alive "$(pid_of "$dir/haproxy.pid")"; then
    echo "haproxy    127.0.0.1:$lb_port pid $(pid_of "$dir/haproxy.pid")"
    lb_states | sed 's/^/  balancer: /'
  else
    echo "haproxy    down"
  fi
  if pg_ready "$pg_port"; then
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qtAc \
      "SELECT 'replication: ' || application_name || ' ' || state || ', replay lag ' || coalesce(replay_lag::text, '0')
       FROM pg_stat_replication" || true
  fi
}

print_env() {
  cat <<EOF
CLUSTER_DIR=$dir
CLUSTER_LB_URL=http://127.0.0.1:$lb_port
CLUSTER_PRIMARY_URL=$(primary_url)
CLUSTER_REPLICA_URL=$(replica_url)
CLUSTER_HEALTH_PATH=$health_path
EOF
  local n
  for n in "${instances[@]}"; do
    echo "CLUSTER_INSTANCE_${n}_URL=http://$(instance_address "$n"):$app_port"
    echo "CLUSTER_INSTANCE_${n}_LOG=$dir/instance-$n.log"
  done
}

# The Dockerfile's HEALTHCHECK command, taken from the Dockerfile itself and run here with the
# instance's port: the image checks itself with exactly this.
healthcheck() {
  local n="$1" command
  command="$(sed -n 's/^HEALTHCHECK.* CMD \(.*\)$/\1/p' "$root/Dockerfile")"
  [ -n "$command" ] || die "no HEALTHCHECK ... CMD line in $root/Dockerfile"
  # The image's instance listens on 0.0.0.0, so 127.0.0.1 reaches it; here instance N has its own address.
  PORT="$app_port" bash -c "${command//127.0.0.1/$(instance_address "$n")}"
}

# ---------------------------------------------------------------------------------------------
# The figures (docs/benchmarks.md): the bench's generated dataset, then wrk on the read paths a
# replica takes (user feeds and search, anonymous), through the balancer and beside it, with the
# CPU that the instances, the primary and the replica spend per request (from /proc).
bench_jar="$root/bench/target/cruddur-bench.jar"
clk_tck="$(getconf CLK_TCK)"

# CPU ticks of these processes, with what their finished children used (PostgreSQL backends
# that ended: their parent, the postmaster, reaped them).
cpu_ticks() {
  local total=0 pid fields
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    read -r -a fields < <(sed 's/^.*) //' "/proc/$pid/stat")
    total=$((total + fields[11] + fields[12] + fields[13] + fields[14]))
  done
  echo "$total"
}

postgres_pids() {
  local postmaster
  postmaster="$(head -n 1 "$1/postmaster.pid" 2>/dev/null)" || return 0
  echo "$postmaster" $(pgrep -P "$postmaster")
}

instance_pids() {
  local n
  for n in "${instances[@]}"; do pid_of "$dir/instance-$n.pid"; done
}

ensure_dataset() {
  local count
  count="$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -qtAc 'SELECT count(*) FROM activities')"
  if [ "$count" -lt 50000 ]; then
    [ -f "$bench_jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl bench -am package)
    log "generating 100,000 activities (bench's GenerateData) on the primary"
    env DATABASE_URL="$(primary_url)" "$java_cmd" -cp "$bench_jar" dev.cruddur.bench.GenerateData \
      --activities 100000 --users 2000 --reset >>"$dir/generate.log" 2>&1 || { tail -n 20 "$dir/generate.log" >&2; die "GenerateData"; }
  fi
  local lsn
  lsn="$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qtAc 'SELECT pg_current_wal_lsn()')"
  await "the replica replaying the dataset" 300 psql -h 127.0.0.1 -p "$replica_port" -U postgres -d postgres -qtAc \
    "SELECT 1 WHERE pg_last_wal_replay_lsn() >= '$lsn'" -o /dev/null
  psql -h 127.0.0.1 -p "$replica_port" -U postgres -d postgres -qtAc \
    "SELECT pg_last_wal_replay_lsn() >= '$lsn'" | grep -q t || die "the replica did not replay the dataset"
}

# The ten users with the most cruds, and the crud with the most replies: paths whose every
# request reaches the database (no cache), and which a replica takes.
write_read_mix() {
  local handles hot
  handles="$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -qtAc \
    "SELECT u.handle FROM users u JOIN activities a ON a.user_uuid = u.uuid
     GROUP BY u.handle ORDER BY count(*) DESC, u.handle LIMIT 10")"
  hot="$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -qtAc \
    "SELECT uuid FROM activities ORDER BY replies_count DESC LIMIT 1")"
  {
    echo 'local paths = {'
    local handle
    for handle in $handles; do echo "  \"/api/activities/@$handle\","; done
    echo "  \"/api/activities/$hot\","
    echo '}'
    echo 'local i = 0'
    echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
  } >"$dir/reads.lua"
}

# One row: wrk for the given seconds at URL, and what it cost each side.
measure() {
  local label="$1" url="$2" seconds="$3" out="$dir/wrk.out"
  local before after
  before="$(cpu_ticks $(instance_pids)) $(cpu_ticks "$(pid_of "$dir/haproxy.pid")")"
  before+=" $(cpu_ticks $(postgres_pids "$dir/pg/primary")) $(cpu_ticks $(postgres_pids "$dir/pg/replica"))"
  wrk -t2 -c16 -d"${seconds}s" --latency -s "$dir/reads.lua" "$url" >"$out"
  after="$(cpu_ticks $(instance_pids)) $(cpu_ticks "$(pid_of "$dir/haproxy.pid")")"
  after+=" $(cpu_ticks $(postgres_pids "$dir/pg/primary")) $(cpu_ticks $(postgres_pids "$dir/pg/replica"))"
  local requests rps p50 p99 errors
  requests="$(awk '/requests in/ {print $1}' "$out")"
  rps="$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  errors="$(awk '/Non-2xx/ {print $5} /Socket errors/ {print "socket:" $0}' "$out" | paste -sd' ')"
  # µs of CPU per request: the JVMs, HAProxy, the primary's processes, the replica's
  local costs
  costs="$(awk -v b="$before" -v a="$after" -v n="$requests" -v hz="$clk_tck" 'BEGIN {
    split(b, x, " "); split(a, y, " ");
    for (i = 1; i <= 4; i++) printf "%s%.0f", (i > 1 ? " | " : ""), (y[i] - x[i]) * 1e6 / hz / n }')"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "${errors:-0}" "$costs"
}

restart_instances() {
  local n
  for n in "${instances[@]}"; do instance_signal TERM "$n"; instance_start "$n"; done
  for n in "${instances[@]}"; do instance_await "$n"; done
  await "HAProxy seeing every instance UP" 30 lb_all_up
}

# Every instance read directly at once, so each JVM compiles the read paths before it is measured.
warm_up() {
  local n pids=()
  for n in "${instances[@]}"; do
    wrk -t1 -c4 -d"${1}s" -s "$dir/reads.lua" "http://$(instance_address "$n"):$app_port" >/dev/null &
    pids+=($!)
  done
  # (these only: instances this shell restarted are its children too)
  wait "${pids[@]}"
}

only_instance_1() {
  lb_command "set server instances/i2 state ${1:-maint}" >/dev/null
  lb_command "set server instances/i3 state ${1:-maint}" >/dev/null
}

# 3 and 1 instances through the balancer, twice, alternating (the machine's load drifts), then
# one instance without the balancer.
rows() {
  local seconds="$1" reads="$2" lb="http://127.0.0.1:$lb_port" round
  warm_up 30
  for round in 1 2; do
    measure "3 instances via HAProxy, $reads" "$lb" "$seconds"
    only_instance_1
    measure "1 instance via HAProxy, $reads" "$lb" "$seconds"
    only_instance_1 ready
  done
  measure "1 instance direct (no HAProxy), $reads" "http://$(instance_address 1):$app_port" "$seconds"
}

figures() {
  local seconds="${1:-15}"
  command -v wrk >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
  lb_all_up || die "the cluster is not up (bench/cluster.sh up)"
  if ! tr '\0' '\n' <"/proc/$(pid_of "$dir/instance-1.pid")/environ" | grep -q '^DATABASE_READ_URL='; then
    log "restarting the instances with DATABASE_READ_URL"
    restart_instances
  fi
  ensure_dataset
  write_read_mix
  log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "| reads: 10 user feeds + a crud page, anonymous, wrk -t2 -c16, ${seconds} s | req/s | p50 | p99 | non-2xx | java µs/req (all JVMs) | HAProxy µs/req | primary µs/req | replica µs/req |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  rows "$seconds" "reads on the replica"
  log "restarting the instances without DATABASE_READ_URL"
  read_replica=off restart_instances
  rows "$seconds" "everything on the primary"
  log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  log "restarting the instances with DATABASE_READ_URL again"
  restart_instances
}

# Everything runs from this one function, and the script exits on the line that calls it: bash
# reads a script as it goes, so an edit to the file while a long command runs cannot be read
# as more commands afterwards.
main() {
  case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    env) print_env ;;
    kill) instance_signal KILL "${2:?instance number}" ;;
    stop) instance_signal TERM "${2:?instance number}" ;;
    start) instance_start "${2:?instance number}"; instance_await "$2" ;;
    replica)
      case "${2:-}" in
        stop) replica_stop ;;
        start) replica_up ;;
        *) die "replica stop|start" ;;
      esac ;;
    lb)
      case "${2:-}" in
        enable) lb_command "set server instances/i${3:?instance number} state ready" ;;
        disable) lb_command "set server instances/i${3:?instance number} state maint" ;;
        *) die "lb enable|disable N" ;;
      esac ;;
    healthcheck) healthcheck "${2:?instance number}" ;;
    bench) figures "${2:-15}" ;;
    -h|--help|"") sed -n '2,30p' "$0" ;;
    *) die "unknown command $1 (try --help)" ;;
  esac
}

main "$@"; exit $?
