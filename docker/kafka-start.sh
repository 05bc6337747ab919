#!/bin/bash
# The compose file's Kafka broker (KRaft, one node) with SASL/SCRAM and ACLs: every client logs in with
# a SCRAM-SHA-512 user of its own, nothing is allowed that no ACL allows, and each service may write
# only its own topic (plus the dead-letter copies of the topics it consumes; notification-service the
# county topics). The controller listener is bound to the container's loopback, unreachable from
# other containers. The dev stack's broker stays plaintext on 127.0.0.1 (dev-stack/run).
# ComposeFileTest (module dev-stack) reads the `scram_user` and `allow` lines below: keep their shape.
set -euo pipefail

: "${KAFKA_ADMIN_PASSWORD:?}" "${KAFKA_TASK_SERVICE_PASSWORD:?}" "${KAFKA_PROGRESS_SERVICE_PASSWORD:?}" "${KAFKA_NOTIFICATION_SERVICE_PASSWORD:?}"
DATA=/var/lib/kafka/data
CONFIG=/tmp/server.properties
CLIENT=/tmp/admin.properties
BIN=/opt/kafka/bin
# the health check's mark: a restarted container is healthy again only once its ACLs are checked anew
rm -f /tmp/acls-ready

cat > "$CONFIG" <<PROPERTIES
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@localhost:9093
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://localhost:9093
advertised.listeners=SASL_PLAINTEXT://kafka:9092
inter.broker.listener.name=SASL_PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
# admin: the broker itself and this script; ANONYMOUS: the controller listener, on loopback only
super.users=User:admin;User:ANONYMOUS
log.dirs=${DATA}
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
auto.create.topics.enable=false
# events are kept: a consumer added later reads from the beginning
log.retention.ms=-1
PROPERTIES

cat > "$CLIENT" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPERTIES

scram_users=()
scram_user() { scram_users+=(--add-scram "SCRAM-SHA-512=[name=$1,password=$2]"); }
scram_user admin "$KAFKA_ADMIN_PASSWORD"
scram_user task-service "$KAFKA_TASK_SERVICE_PASSWORD"
scram_user progress-service "$KAFKA_PROGRESS_SERVICE_PASSWORD"
scram_user notification-service "$KAFKA_NOTIFICATION_SERVICE_PASSWORD"

if [ ! -f "$DATA/meta.properties" ]; then
  # SCRAM users of a KRaft cluster are written with its first metadata, at format time
  "$BIN/kafka-storage.sh" format -t "${CLUSTER_ID:-$("$BIN/kafka-storage.sh" random-uuid)}" -c "$CONFIG" "${scram_users[@]}"
fi

"$BIN/kafka-server-start.sh" "$CONFIG" &
BROKER=$!

until "$BIN/kafka-broker-api-versions.sh" --bootstrap-server localhost:9092 --command-config "$CLIENT" > /dev/null 2>&1; do
  kill -0 "$BROKER" || exit 1
  sleep 2
done

# the services' topics exist before any service starts (6 partitions: plan-tracker.messaging.partitions)
for topic in plan-tracker.task-events plan-tracker.progress-events plan-tracker.task-events.DLT plan-tracker.progress-events.DLT; do
  "$BIN/kafka-topics.sh" --bootstrap-server localhost:9092 --command-config "$CLIENT" \
    --create --if-not-exists --topic "$topic" --partitions 6 --replication-factor 1
done

# allow USER OPERATION... --topic|--group NAME [--resource-pattern-type prefixed]
allow() {
  local user=$1; shift
  local operations=()
  while [[ $1 != --* ]]; do operations+=(--operation "$1"); shift; done
  "$BIN/kafka-acls.sh" --bootstrap-server localhost:9092 --command-config "$CLIENT" \
    --add --allow-principal "User:$user" "${operations[@]}" "$@" > /dev/null
}
allow task-service Write Describe --topic plan-tracker.task-events
allow task-service Read Describe --topic plan-tracker.progress-events
allow task-service Write Describe --topic plan-tracker.progress-events.DLT
allow task-service Read --group task-service
allow progress-service Write Describe --topic plan-tracker.progress-events
allow progress-service Read Describe --topic plan-tracker.task-events
allow progress-service Write Describe --topic plan-tracker.task-events.DLT
allow progress-service Read --group progress-service
allow notification-service Read Describe --topic plan-tracker.task-events
allow notification-service Read Describe --topic plan-tracker.progress-events
allow notification-service Write Describe --topic plan-tracker.task-events.DLT
allow notification-service Write Describe --topic plan-tracker.progress-events.DLT
allow notification-service Write Describe Create --topic plan-tracker.county. --resource-pattern-type prefixed
allow notification-service Read --group notification-service
touch /tmp/acls-ready

wait "$BROKER"
