#!/bin/bash
# Starts the broker of the local apache/kafka stand-in: KAFKA_* variables -> server.properties, storage
# formatted once (static single-voter quorum unless told otherwise), then kafka.Kafka in the foreground.
set -euo pipefail

# Defaults for a single node, each applied only when its variable is unset (as in the official image).
: "${CLUSTER_ID:=dXLBZZgsSXSeF1lBGSnk9w}"
: "${KAFKA_NODE_ID:=1}"
: "${KAFKA_PROCESS_ROLES:=broker,controller}"
: "${KAFKA_ADVERTISED_LISTENERS:=PLAINTEXT://localhost:9092}"
: "${KAFKA_LISTENERS:=$(sed -e 's|://[^:]*:|://:|g' <<<"$KAFKA_ADVERTISED_LISTENERS"),CONTROLLER://:9093}"
: "${KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT}"
: "${KAFKA_CONTROLLER_LISTENER_NAMES:=CONTROLLER}"
: "${KAFKA_CONTROLLER_QUORUM_VOTERS:=${KAFKA_NODE_ID}@localhost:9093}"
: "${KAFKA_LOG_DIRS:=/var/lib/kafka/data}"
: "${KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR:=1}"
: "${KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR:=1}"
: "${KAFKA_TRANSACTION_STATE_LOG_MIN_ISR:=1}"
: "${KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR:=1}"
: "${KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR:=1}"
: "${KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS:=0}"
export "${!KAFKA_@}"

# Variables that configure the JVM or this script, not the broker.
not_properties=' KAFKA_VERSION KAFKA_HEAP_OPTS KAFKA_OPTS KAFKA_JVM_PERFORMANCE_OPTS KAFKA_GC_LOG_OPTS KAFKA_LOG4J_OPTS KAFKA_JMX_OPTS KAFKA_JMX_PORT KAFKA_JMX_HOSTNAME KAFKA_LOG4J_ROOT_LOGLEVEL KAFKA_LOG4J_LOGGERS KAFKA_TOOLS_LOG4J_LOGLEVEL KAFKA_DEBUG '
CONF=/opt/kafka/config/server.properties
: > "$CONF"
for name in $(compgen -e | grep '^KAFKA_' | sort); do
  [[ "$not_properties" == *" $name "* ]] && continue
  key="${name#KAFKA_}"
  key="${key,,}"
  key="${key//___/-}"
  key="${key//__/@}"
  key="${key//_/.}"
  key="${key//@/_}"
  printf '%s=%s\n' "$key" "${!name}" >> "$CONF"
done

CP="/opt/kafka/libs/*"
LOG4J="-Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties -Dkafka.root.level=${KAFKA_LOG4J_ROOT_LOGLEVEL:-WARN}"
first_log_dir="${KAFKA_LOG_DIRS%%,*}"
if [ ! -f "$first_log_dir/meta.properties" ]; then
  echo "===> formatting $first_log_dir for cluster $CLUSTER_ID"
  java $LOG4J -cp "$CP" kafka.tools.StorageTool format --ignore-formatted -t "$CLUSTER_ID" -c "$CONF"
fi

echo "===> starting Apache Kafka ${KAFKA_VERSION:-}"
# shellcheck disable=SC2086  # option lists are meant to be split
exec java ${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true} \
  ${KAFKA_OPTS:-} $LOG4J -cp "$CP" kafka.Kafka "$CONF"
