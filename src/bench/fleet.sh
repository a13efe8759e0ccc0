#!/usr/bin/env bash
# Fleet mode's figures of docs/performance.md ("Fleet mode"): lines per second through the topology on one thread
# (memory and RocksDB stores), reading and recognising alone, and diagnoses per second with and without next checks.
# Builds the fleet module's test classes (src/fleet/test/java/dev/gatewaydoctor/fleet/FleetBenchmark.java) and runs
# them on the TopologyTestDriver: no broker. About 5 minutes.
# Usage: src/bench/fleet.sh [sites] [minutes]   (default 200 sites, 90 minutes of their logs)
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file="$PWD/target/fleet-bench-classpath.txt"
mkdir -p target
mvn -q test-compile dependency:build-classpath -pl src/fleet -am -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
fleet=src/fleet/target
java -Xmx1g -cp "$fleet/test-classes:$fleet/classes:$(cat "$cp_file")" dev.gatewaydoctor.fleet.FleetBenchmark "$@"
