#!/usr/bin/env bash
# Every benchmark of docs/performance.md, from a clean clone: builds the jar and the JMH benchmarks
# (profile bench), then runs
#   1. JMH: diagnosis latency and throughput (1 and 2 threads) for a small, a typical and a large fact
#      set, and the floor: a bare Drools session with as many trivial rules, filled and fired;
#   2. the heap in use after GC through 100,000 diagnoses (a leak shows as a rising line);
#   3. the cold start of the CLI against java -version.
# Extra arguments go to JMH (e.g. -p size=typical, or -wi 1 -i 2 for a quick look).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -Pbench package -DskipTests
core=src/core/target
cp="$core/test-classes:$core/classes:$(cat $core/bench-classpath.txt)"
echo "== JMH"
java -cp "$cp" org.openjdk.jmh.Main DiagnoseBenchmark -rf json -rff target/jmh-result.json "$@"
echo "== heap after GC through 100,000 diagnoses (-Xmx256m)"
java -Xmx256m -cp "$cp" dev.gatewaydoctor.bench.HeapAfterManyDiagnoses 100000
echo "== cold start"
bash src/bench/cold-start.sh
