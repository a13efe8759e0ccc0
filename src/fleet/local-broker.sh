#!/usr/bin/env bash
# A Kafka broker on localhost:9092 to try fleet mode with (README, "Fleet mode"): KRaft in one JVM, the broker of
# FleetBrokerTest, with the four topics of the default settings (3 partitions each); no Kafka to install. Runs until
# Ctrl-C; its data stays in target/local-kafka for the next run. Builds the fleet module's test classes first (src/fleet/test/.../LocalBroker.java).
# Usage: src/fleet/local-broker.sh [port] [partitions]
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file="$PWD/target/fleet-local-broker-classpath.txt"
mkdir -p target
mvn -B -q test-compile dependency:build-classpath -pl src/fleet -am -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
fleet=src/fleet/target
exec java -cp "$fleet/test-classes:$fleet/classes:$(cat "$cp_file")" dev.gatewaydoctor.fleet.LocalBroker "$@"
