#!/usr/bin/env bash
# Apache Kafka (KRaft) from Maven Central jars, as local background processes: one combined
# broker+controller by default, or a cluster of $KAFKA_CLUSTER of them (one static controller quorum).
#
#   bash infra/kafka/kafka.sh start     start, or reuse the broker(s) already running from $KAFKA_DIR
#   bash infra/kafka/kafka.sh stop      stop (SIGTERM, SIGKILL after $KAFKA_STOP_TIMEOUT s)
#   bash infra/kafka/kafka.sh kill      SIGKILL at once (failure tests)
#   bash infra/kafka/kafka.sh pause     SIGSTOP: alive but silent, its connections hang (failure tests)
#   bash infra/kafka/kafka.sh resume    SIGCONT after pause
#   bash infra/kafka/kafka.sh status    exit 0 when running, 3 when not
#   bash infra/kafka/kafka.sh fetch     only fetch the jars (CI cache warm-up)
# start/stop/kill/pause/resume/status act on every node, or on the nodes listed in $KAFKA_NODES (e.g. KAFKA_NODES=2).
#
# Data survive restarts: the storage is formatted only when $KAFKA_DIR/data/meta.properties is missing.
# Delete $KAFKA_DIR/data (broker stopped) to start from scratch.
#
# Environment (defaults):
#   KAFKA_DIR               <repo>/.dx/kafka        data/, logs/, kafka.pid, server.properties
#   KAFKA_PORT              19092                   client listener on 127.0.0.1
#   KAFKA_CONTROLLER_PORT   19093                   KRaft controller listener on 127.0.0.1
#   KAFKA_CLUSTER           1                       number of nodes; >1: node N lives in $KAFKA_DIR/node-N
#   KAFKA_PORTS             KAFKA_PORT, +2, +4 …     cluster: client ports of nodes 1..N (comma list)
#   KAFKA_CONTROLLER_PORTS  each client port + 1    cluster: controller ports of nodes 1..N (comma list)
#   KAFKA_NODES             all                     nodes start/stop/kill/status act on (comma list)
#   KAFKA_SASL_USERS        (none)                  "name:password,…": the client listener becomes
#                           SASL_PLAINTEXT (SCRAM-SHA-256, SCRAM-SHA-512, PLAIN), SCRAM credentials are
#                           created when the storage is formatted; the first user is the inter-broker
#                           principal and a super user. Plain text on loopback: for tests, not production.
#   KAFKA_ACLS              off                     on: StandardAuthorizer, nothing allowed without an ACL
#   KAFKA_VERSION           4.1.2                   org.apache.kafka:kafka_2.13 version
#   KAFKA_LIBS              <repo>/.dx/kafka/libs-$KAFKA_VERSION (shared by every KAFKA_DIR)
#   KAFKA_HEAP              -Xms512m -Xmx512m
#   KAFKA_JVM_OPTS          extra JVM flags
#   KAFKA_START_TIMEOUT     90 (s)     KAFKA_STOP_TIMEOUT  20 (s)
#   KAFKA_CDS               on                      class-data-sharing archive (see cds_flags)
#   JAVA                    java (or $JAVA_HOME/bin/java); Java 17+
#   MVN                     mvn
# See shared/design/infra.md §2 and docs/adr/0002-local-kafka-and-postgres.md.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KAFKA_VERSION=${KAFKA_VERSION:-4.1.2}
KAFKA_DIR=${KAFKA_DIR:-$REPO/.dx/kafka}
KAFKA_LIBS=${KAFKA_LIBS:-$REPO/.dx/kafka/libs-$KAFKA_VERSION}
KAFKA_PORT=${KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
KAFKA_HEAP=${KAFKA_HEAP:--Xms512m -Xmx512m}
KAFKA_JVM_OPTS=${KAFKA_JVM_OPTS:-}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
KAFKA_STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-20}
if [ -z "${JAVA:-}" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi
MVN=${MVN:-mvn}
KAFKA_CDS=${KAFKA_CDS:-on}
KAFKA_CLUSTER=${KAFKA_CLUSTER:-1}
KAFKA_SASL_USERS=${KAFKA_SASL_USERS:-}
KAFKA_ACLS=${KAFKA_ACLS:-off}
JAVA_VERSION=""

mkdir -p "$KAFKA_DIR"
KAFKA_DIR="$(cd "$KAFKA_DIR" && pwd)"
LOG4J="-Dlog4j2.configurationFile=$REPO/infra/kafka/log4j2.properties"
READY_LINE="Kafka Server started"

say() { echo "kafka.sh: $*"; }
die() { echo "kafka.sh: error: $*" >&2; exit 1; }

now_ms() { date +%s%3N; }

[[ "$KAFKA_CLUSTER" =~ ^[1-9]$ ]] || die "KAFKA_CLUSTER must be a number of nodes from 1 to 9, got \"$KAFKA_CLUSTER\"."
IFS=, read -r -a CLIENT_PORTS <<< "${KAFKA_PORTS:-}"
IFS=, read -r -a CONTROLLER_PORTS <<< "${KAFKA_CONTROLLER_PORTS:-}"
for ((n = 1; n <= KAFKA_CLUSTER; n++)); do
  if [ "$KAFKA_CLUSTER" = 1 ]; then
    CLIENT_PORTS[0]=$KAFKA_PORT; CONTROLLER_PORTS[0]=$KAFKA_CONTROLLER_PORT
  else
    [ -n "${CLIENT_PORTS[n-1]:-}" ] || CLIENT_PORTS[n-1]=$(( KAFKA_PORT + 2 * (n - 1) ))
    [ -n "${CONTROLLER_PORTS[n-1]:-}" ] || CONTROLLER_PORTS[n-1]=$(( CLIENT_PORTS[n-1] + 1 ))
  fi
done
VOTERS=""
for ((n = 1; n <= KAFKA_CLUSTER; n++)); do VOTERS="${VOTERS:+$VOTERS,}$n@127.0.0.1:${CONTROLLER_PORTS[n-1]}"; done
IFS=, read -r -a SELECTED_NODES <<< "${KAFKA_NODES:-$(seq -s, 1 "$KAFKA_CLUSTER")}"
for n in "${SELECTED_NODES[@]}"; do
  [[ "$n" =~ ^[1-9]$ ]] && [ "$n" -le "$KAFKA_CLUSTER" ] || die "KAFKA_NODES lists node \"$n\", not one of 1..$KAFKA_CLUSTER."
done

# Per-node paths and ports. A single node keeps the historical layout ($KAFKA_DIR/data …).
use_node() {
  NODE=$1
  NODE_DIR=$KAFKA_DIR; [ "$KAFKA_CLUSTER" = 1 ] || NODE_DIR="$KAFKA_DIR/node-$NODE"
  mkdir -p "$NODE_DIR"
  DATA="$NODE_DIR/data"
  LOGS="$NODE_DIR/logs"
  PIDFILE="$NODE_DIR/kafka.pid"
  PORTFILE="$NODE_DIR/kafka.port"
  CONF="$NODE_DIR/server.properties"
  CDS_PENDING="$NODE_DIR/cds.pending"
  OUT="$LOGS/kafka.out"
  NODE_PORT=${CLIENT_PORTS[NODE-1]}
  NODE_CONTROLLER_PORT=${CONTROLLER_PORTS[NODE-1]}
}

# pid of the broker started from $KAFKA_DIR, when that process is alive and is a Kafka broker
running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid; pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # guard against pid reuse after a reboot or a crash
  if command -v ps >/dev/null 2>&1; then
    ps -p "$pid" -o args= 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  fi
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_port() { cat "$PORTFILE" 2>/dev/null || echo "$NODE_PORT"; }

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 \
    || die "java not found (JAVA=$JAVA). Install Java 17+ (Debian: apt-get install -y openjdk-17-jre-headless) or set JAVA/JAVA_HOME; or point KAFKA_BROKERS at an existing broker."
  local v major
  v="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)"
  JAVA_VERSION="$v"
  major="${v%%.*}"; [ "$major" = "1" ] && major=8
  if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -lt 17 ]; then
    die "Kafka $KAFKA_VERSION needs Java 17+, found $v at $(command -v "$JAVA"). Set JAVA or JAVA_HOME to a Java 17+ installation."
  fi
}

libs_ok() { compgen -G "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null && compgen -G "$KAFKA_LIBS/kafka-clients-*.jar" >/dev/null; }

fetch_libs() {
  libs_ok && return 0
  command -v "$MVN" >/dev/null 2>&1 \
    || die "the Kafka jars are missing ($KAFKA_LIBS) and Maven was not found. Install Maven 3.8+ (Debian: apt-get install -y maven), or copy the jars there, or point KAFKA_BROKERS at an existing broker."
  say "fetching Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS"
  local tmp="$KAFKA_LIBS.tmp-$$"
  rm -rf "$tmp"; mkdir -p "$(dirname "$KAFKA_LIBS")"
  if ! "$MVN" -B -q -Dstyle.color=never -f "$REPO/infra/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.log" 2>&1; then
    tail -n 30 "$tmp.log" >&2
    rm -rf "$tmp" "$tmp.log"
    die "mvn could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION (network or ~/.m2 problem; Maven output above)."
  fi
  rm -f "$tmp.log"
  rm -rf "$KAFKA_LIBS"; mv "$tmp" "$KAFKA_LIBS"
  libs_ok || die "the jars in $KAFKA_LIBS are incomplete (no kafka_2.13-$KAFKA_VERSION.jar)."
}

SASL_USER_NAMES=(); SASL_USER_PASSWORDS=()
parse_sasl_users() {
  [ -n "$KAFKA_SASL_USERS" ] || return 0
  local entry entries pattern='^([A-Za-z0-9._-]+):([A-Za-z0-9._+/~!@#%^*?-]+)$'
  IFS=, read -r -a entries <<< "$KAFKA_SASL_USERS"
  for entry in "${entries[@]}"; do
    [[ "$entry" =~ $pattern ]] \
      || die "KAFKA_SASL_USERS: expected name:password pairs (name of letters, digits, . _ -; password of letters, digits, . _ - + / ~ ! @ # % ^ * ?)."
    SASL_USER_NAMES+=("${BASH_REMATCH[1]}"); SASL_USER_PASSWORDS+=("${BASH_REMATCH[2]}")
  done
}

render_config() {
  mkdir -p "$DATA" "$LOGS"
  local protocol=PLAINTEXT
  [ "${#SASL_USER_NAMES[@]}" -eq 0 ] || protocol=SASL_PLAINTEXT
  sed -e "s#@DATA_DIR@#$DATA#g" -e "s#@PORT@#$NODE_PORT#g" -e "s#@CONTROLLER_PORT@#$NODE_CONTROLLER_PORT#g" \
    -e "s#@NODE_ID@#$NODE#g" -e "s#@VOTERS@#$VOTERS#g" -e "s#@CLIENT_PROTOCOL@#$protocol#g" \
    "$REPO/infra/kafka/server.properties" > "$CONF"
  if [ "$KAFKA_CLUSTER" -gt 1 ]; then
    # what a production cluster does: every partition on three brokers, a write acknowledged by two
    local rf=$(( KAFKA_CLUSTER < 3 ? KAFKA_CLUSTER : 3 )) isr=$(( KAFKA_CLUSTER < 3 ? 1 : 2 ))
    cat >> "$CONF" <<PROPS

# ---- cluster of $KAFKA_CLUSTER (kafka.sh, KAFKA_CLUSTER): replicated topics by default
default.replication.factor=$rf
min.insync.replicas=$isr
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$isr
PROPS
  fi
  if [ "$protocol" = SASL_PLAINTEXT ]; then
    local admin=${SASL_USER_NAMES[0]} admin_password=${SASL_USER_PASSWORDS[0]} plain_users="" i
    for i in "${!SASL_USER_NAMES[@]}"; do plain_users="$plain_users user_${SASL_USER_NAMES[i]}=\"${SASL_USER_PASSWORDS[i]}\""; done
    cat >> "$CONF" <<PROPS

# ---- SASL on the client listener (kafka.sh, KAFKA_SASL_USERS); brokers talk to each other as $admin
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.client.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$admin" password="$admin_password";
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$admin" password="$admin_password";
listener.name.client.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$admin" password="$admin_password"$plain_users;
PROPS
  fi
  if [ "$KAFKA_ACLS" = on ]; then
    # KRaft: brokers reach the controllers on the PLAINTEXT controller listener as ANONYMOUS
    local supers="User:ANONYMOUS"
    [ "${#SASL_USER_NAMES[@]}" -eq 0 ] || supers="User:${SASL_USER_NAMES[0]};User:ANONYMOUS"
    cat >> "$CONF" <<PROPS

# ---- ACLs (kafka.sh, KAFKA_ACLS=on)
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=$supers
PROPS
  fi
}

# 22-character base64url of 16 random bytes, not starting with '-' (Uuid.fromString; infra.md §1.1)
cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [ "${id:0:1}" != "-" ] && { echo "$id"; return; }
  done
}

# every node of a cluster is formatted with the same id, kept beside the nodes
shared_cluster_id() {
  local file="$KAFKA_DIR/cluster.id"
  [ "$KAFKA_CLUSTER" -gt 1 ] || { cluster_id; return; }
  [ -s "$file" ] || cluster_id > "$file"
  cat "$file"
}

format_if_new() {
  [ -f "$DATA/meta.properties" ] && return 0
  say "formatting new storage in $DATA"
  local scram=() i mechanism
  for i in "${!SASL_USER_NAMES[@]}"; do
    for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do
      scram+=(--add-scram "$mechanism=[name=${SASL_USER_NAMES[i]},password=${SASL_USER_PASSWORDS[i]}]")
    done
  done
  "$JAVA" $LOG4J -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format --ignore-formatted \
    -t "$(shared_cluster_id)" -c "$CONF" "${scram[@]}" >"$LOGS/format.out" 2>&1 \
    || { cat "$LOGS/format.out" >&2; die "formatting $DATA failed (output above)."; }
}

wait_ready() {
  local pid="$1" deadline=$(( $(now_ms) + KAFKA_START_TIMEOUT * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if grep -q "$READY_LINE" "$OUT" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "---- last lines of $OUT" >&2; tail -n 40 "$OUT" >&2 || true
      rm -f "$PIDFILE"
      die "the broker exited during start-up (output above)."
    fi
    sleep 0.2
  done
  echo "---- last lines of $OUT" >&2; tail -n 40 "$OUT" >&2 || true
  die "the broker did not report \"$READY_LINE\" within ${KAFKA_START_TIMEOUT}s (pid $pid still running; stop it with: bash infra/kafka/kafka.sh stop)."
}

# Application class-data sharing (JDK 13+ dynamic archive): the first broker run dumps the classes it
# loaded when it exits (stop); later starts map that archive. Measured here: 2.45 s -> 1.45 s to
# "Kafka Server started" on a 2-core machine. The archive is keyed by Kafka and Java version and shared by
# every KAFKA_DIR; a stale or foreign archive only prints a JVM warning (-Xshare:auto).
CDS_FLAGS=()
cds_flags() {
  [ "$KAFKA_CDS" = "on" ] && [ -n "$JAVA_VERSION" ] || return 0
  local archive="$KAFKA_LIBS/../kafka-$KAFKA_VERSION-java-$JAVA_VERSION.jsa"
  if [ -s "$archive" ]; then
    CDS_FLAGS=("-XX:SharedArchiveFile=$archive")
  else
    local tmp="$archive.tmp-$$-$NODE"
    CDS_FLAGS=("-XX:ArchiveClassesAtExit=$tmp")
    printf '%s\n%s\n' "$tmp" "$archive" > "$CDS_PENDING"
  fi
}

# after a clean stop: publish the archive the JVM wrote at exit
publish_cds() {
  [ -f "$CDS_PENDING" ] || return 0
  local tmp archive; { read -r tmp; read -r archive; } < "$CDS_PENDING" || true
  rm -f "$CDS_PENDING"
  if [ "${1:-}" = "clean" ] && [ -s "$tmp" ] && [ ! -s "$archive" ]; then mv -f "$tmp" "$archive"; else rm -f "$tmp"; fi
}

start_node() {
  local t0 pid; t0=$(now_ms)
  use_node "$1"
  if pid="$(running_pid)"; then
    local p; p="$(running_port)"
    [ "$p" = "$NODE_PORT" ] || die "a broker from $NODE_DIR is already running on 127.0.0.1:$p, not $NODE_PORT; stop it first."
    wait_ready "$pid"
    say "kafka already running (pid $pid) on 127.0.0.1:$NODE_PORT, reusing it"
    return 0
  fi
  rm -f "$PIDFILE"
  publish_cds dirty
  for p in "$NODE_PORT" "$NODE_CONTROLLER_PORT"; do
    port_open "$p" && die "port 127.0.0.1:$p is already in use by another process (not a broker from $NODE_DIR). Set KAFKA_PORT/KAFKA_CONTROLLER_PORT, or KAFKA_BROKERS to use that broker."
  done
  render_config
  format_if_new
  cds_flags
  [ -f "$OUT" ] && mv -f "$OUT" "$OUT.1"
  local setsid=(); command -v setsid >/dev/null 2>&1 && setsid=(setsid)
  # the inner bash writes its own pid and execs the JVM, so the pid file holds the JVM's pid even when
  # setsid forks; setsid keeps a terminal's Ctrl-C (sent to the foreground group) away from the broker
  # shellcheck disable=SC2086,SC2016
  "${setsid[@]}" bash -c 'echo $$ > "$0"; exec "$@"' "$PIDFILE" \
    "$JAVA" $KAFKA_HEAP \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true \
    "${CDS_FLAGS[@]}" $KAFKA_JVM_OPTS -Dkafka.logs.dir="$LOGS" $LOG4J \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$CONF" >"$OUT" 2>&1 </dev/null 9>&- &
  local i
  for i in $(seq 1 50); do [ -s "$PIDFILE" ] && break; sleep 0.1; done
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [ -n "$pid" ] || die "could not start the JVM (no pid written to $PIDFILE)."
  echo "$NODE_PORT" > "$PORTFILE"
  STARTED_PIDS+=("$pid")
  STARTED_T0+=("$t0")
}

# Nodes of a cluster wait for their quorum: start them all, then wait for each.
start() {
  STARTED_PIDS=(); STARTED_T0=()
  check_java
  fetch_libs
  parse_sasl_users
  local n started=()
  for n in "${SELECTED_NODES[@]}"; do
    local before=${#STARTED_PIDS[@]}
    start_node "$n"
    [ "${#STARTED_PIDS[@]}" -gt "$before" ] && started+=("$n")
  done
  local i
  for i in "${!started[@]}"; do
    use_node "${started[i]}"
    wait_ready "${STARTED_PIDS[i]}"
    say "kafka up on 127.0.0.1:$NODE_PORT (node $NODE, pid ${STARTED_PIDS[i]}, data $DATA) in $(( $(now_ms) - STARTED_T0[i] ))ms"
  done
}

# Sends the signal to every selected node at once, then waits for each: the nodes of a cluster shut down
# together while their quorum still stands (one by one, the last would wait for a quorum that is gone).
stop() {
  local signal=${1:-TERM} n pid pids=() nodes=()
  for n in "${SELECTED_NODES[@]}"; do
    use_node "$n"
    if ! pid="$(running_pid)"; then
      rm -f "$PIDFILE"
      publish_cds dirty
      say "kafka not running ($NODE_DIR)"
      continue
    fi
    kill "-$signal" "$pid" 2>/dev/null || true
    pids+=("$pid"); nodes+=("$n")
  done
  local deadline=$(( $(now_ms) + KAFKA_STOP_TIMEOUT * 1000 )) i
  for i in "${!pids[@]}"; do
    use_node "${nodes[i]}"
    pid=${pids[i]}
    while kill -0 "$pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.2; done
    local how=clean
    [ "$signal" = TERM ] || how=dirty
    if kill -0 "$pid" 2>/dev/null; then
      say "broker (node $NODE, pid $pid) still running after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      how=dirty
    fi
    rm -f "$PIDFILE"
    publish_cds "$how"
    say "kafka stopped (node $NODE, pid $pid, $([ "$how" = clean ] && echo clean || echo "SIG$signal / killed"))"
  done
}

# SIGSTOP/SIGCONT: a broker that hangs (a long GC pause, a frozen VM) rather than one that dies
signal_nodes() {
  local n pid
  for n in "${SELECTED_NODES[@]}"; do
    use_node "$n"
    pid="$(running_pid)" || die "kafka not running ($NODE_DIR)"
    kill "-$1" "$pid"
    say "kafka node $NODE (pid $pid) sent SIG$1"
  done
}

status() {
  local n pid code=0
  for n in "${SELECTED_NODES[@]}"; do
    use_node "$n"
    if pid="$(running_pid)"; then
      say "kafka running (node $NODE, pid $pid) on 127.0.0.1:$(running_port), data $DATA"
    else
      say "kafka not running ($NODE_DIR)"
      code=3
    fi
  done
  return $code
}

with_lock() {
  # serialise concurrent start/stop calls on one KAFKA_DIR (e.g. parallel Nx targets)
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$KAFKA_DIR/.lock"
    flock -w $(( KAFKA_START_TIMEOUT + 30 )) 9 || die "timed out waiting for the lock on $KAFKA_DIR/.lock"
  fi
  "$@"
}

case "${1:-}" in
  start) with_lock start ;;
  stop) with_lock stop ;;
  kill) with_lock stop KILL ;;
  pause) signal_nodes STOP ;;
  resume) signal_nodes CONT ;;
  restart) with_lock stop; start ;;   # the lock taken by with_lock is still held
  status) status ;;
  fetch) check_java; fetch_libs; say "jars ready in $KAFKA_LIBS" ;;
  *) echo "usage: bash infra/kafka/kafka.sh start|stop|kill|pause|resume|restart|status|fetch" >&2; exit 2 ;;
esac
