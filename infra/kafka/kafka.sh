#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft) from Maven Central jars, as a local background process.
#
#   bash infra/kafka/kafka.sh start     start, or reuse the broker already running from $KAFKA_DIR
#   bash infra/kafka/kafka.sh stop      stop it (SIGTERM, SIGKILL after $KAFKA_STOP_TIMEOUT s)
#   bash infra/kafka/kafka.sh status    exit 0 when running, 3 when not
#   bash infra/kafka/kafka.sh fetch     only fetch the jars (CI cache warm-up)
#
# Data survive restarts: the storage is formatted only when $KAFKA_DIR/data/meta.properties is missing.
# Delete $KAFKA_DIR/data (broker stopped) to start from scratch.
#
# Environment (defaults):
#   KAFKA_DIR               <repo>/.dx/kafka        data/, logs/, kafka.pid, server.properties
#   KAFKA_PORT              19092                   PLAINTEXT listener on 127.0.0.1
#   KAFKA_CONTROLLER_PORT   19093                   KRaft controller listener on 127.0.0.1
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
JAVA_VERSION=""

mkdir -p "$KAFKA_DIR"
KAFKA_DIR="$(cd "$KAFKA_DIR" && pwd)"
DATA="$KAFKA_DIR/data"
LOGS="$KAFKA_DIR/logs"
PIDFILE="$KAFKA_DIR/kafka.pid"
PORTFILE="$KAFKA_DIR/kafka.port"
CONF="$KAFKA_DIR/server.properties"
CDS_PENDING="$KAFKA_DIR/cds.pending"
OUT="$LOGS/kafka.out"
LOG4J="-Dlog4j2.configurationFile=$REPO/infra/kafka/log4j2.properties"
READY_LINE="Kafka Server started"

say() { echo "kafka.sh: $*"; }
die() { echo "kafka.sh: error: $*" >&2; exit 1; }

now_ms() { date +%s%3N; }

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

running_port() { cat "$PORTFILE" 2>/dev/null || echo "$KAFKA_PORT"; }

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

render_config() {
  mkdir -p "$DATA" "$LOGS"
  sed -e "s#@DATA_DIR@#$DATA#g" -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
    "$REPO/infra/kafka/server.properties" > "$CONF"
}

# 22-character base64url of 16 random bytes, not starting with '-' (Uuid.fromString; infra.md §1.1)
cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [ "${id:0:1}" != "-" ] && { echo "$id"; return; }
  done
}

format_if_new() {
  [ -f "$DATA/meta.properties" ] && return 0
  say "formatting new storage in $DATA"
  "$JAVA" $LOG4J -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format --ignore-formatted \
    -t "$(cluster_id)" -c "$CONF" >"$LOGS/format.out" 2>&1 \
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
    local tmp="$archive.tmp-$$"
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

start() {
  local t0 pid; t0=$(now_ms)
  if pid="$(running_pid)"; then
    local p; p="$(running_port)"
    [ "$p" = "$KAFKA_PORT" ] || die "a broker from $KAFKA_DIR is already running on 127.0.0.1:$p, not $KAFKA_PORT; stop it first."
    wait_ready "$pid"
    say "kafka already running (pid $pid) on 127.0.0.1:$KAFKA_PORT, reusing it"
    return 0
  fi
  rm -f "$PIDFILE"
  publish_cds dirty
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open "$p" && die "port 127.0.0.1:$p is already in use by another process (not a broker from $KAFKA_DIR). Set KAFKA_PORT/KAFKA_CONTROLLER_PORT, or KAFKA_BROKERS to use that broker."
  done
  check_java
  fetch_libs
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
  echo "$KAFKA_PORT" > "$PORTFILE"
  wait_ready "$pid"
  say "kafka up on 127.0.0.1:$KAFKA_PORT (pid $pid, data $DATA) in $(( ($(now_ms) - t0) ))ms"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PIDFILE"
    publish_cds dirty
    say "kafka not running ($KAFKA_DIR)"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(now_ms) + KAFKA_STOP_TIMEOUT * 1000 ))
  while kill -0 "$pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.2; done
  local how=clean
  if kill -0 "$pid" 2>/dev/null; then
    say "broker (pid $pid) still running after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    how=dirty
  fi
  rm -f "$PIDFILE"
  publish_cds "$how"
  say "kafka stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    say "kafka running (pid $pid) on 127.0.0.1:$(running_port), data $DATA"
    return 0
  fi
  say "kafka not running ($KAFKA_DIR)"
  return 3
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
  restart) with_lock stop; start ;;   # the lock taken by with_lock is still held
  status) status ;;
  fetch) check_java; fetch_libs; say "jars ready in $KAFKA_LIBS" ;;
  *) echo "usage: bash infra/kafka/kafka.sh start|stop|restart|status|fetch" >&2; exit 2 ;;
esac
