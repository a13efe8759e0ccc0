#!/usr/bin/env bash
# Cold start: wall time from a `diagnose SAMPLE` command to its answer, through the launcher
# (target/gatewaydoctor/bin/gatewaydoctor: class-data archive, quick compiler, serial GC) and through
# `java -jar target/gatewaydoctor.jar`, against `java -version` in the same run (the JVM's own floor);
# median of N runs each, the runs interleaved so that the machine's noise falls on both alike.
# Needs the build (mvn -q package -DskipTests). Usage: src/bench/cold-start.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-7}"
sample=facts-samples/php-fpm-pool-exhausted.json
launcher=target/gatewaydoctor/bin/gatewaydoctor
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
"$launcher" diagnose "$sample" > /dev/null 2>&1 # makes the class-data archive if this Java has none yet
jvm_f=$(mktemp); jar_f=$(mktemp); launch_f=$(mktemp)
for i in $(seq "$runs"); do
  time_ms java -version >> "$jvm_f"
  time_ms java -jar target/gatewaydoctor.jar diagnose "$sample" >> "$jar_f"
  time_ms "$launcher" diagnose "$sample" >> "$launch_f"
done
jvm=$(median < "$jvm_f"); jar=$(median < "$jar_f"); launch=$(median < "$launch_f")
rm -f "$jvm_f" "$jar_f" "$launch_f"
rss() { local f; f=$(mktemp); /usr/bin/time -f "%M" -o "$f" "$@" > /dev/null 2>&1; tail -1 "$f"; rm -f "$f"; }
java -version 2>&1 | head -1
echo "cold start, median of $runs: java -version ${jvm} ms;" \
  "java -jar ${jar} ms (max RSS $(rss java -jar target/gatewaydoctor.jar diagnose "$sample") KB);" \
  "launcher ${launch} ms (max RSS $(rss "$launcher" diagnose "$sample") KB);" \
  "launcher / java -jar $(awk "BEGIN {printf \"%.2f\", $launch / $jar}")"
