#!/usr/bin/env bash
# Cold start of the CLI: wall time from `java -jar target/gatewaydoctor.jar diagnose SAMPLE` to its
# answer, against `java -version` in the same run (the JVM's own floor), median of N runs each.
# Needs target/gatewaydoctor.jar (mvn -q package -DskipTests). Usage: bench/cold-start.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
sample=facts-samples/php-fpm-pool-exhausted.json
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
jvm=$(for i in $(seq "$runs"); do time_ms java -version; done | median)
cli=$(for i in $(seq "$runs"); do time_ms java -jar target/gatewaydoctor.jar diagnose "$sample"; done | median)
rss_file=$(mktemp)
/usr/bin/time -f "%M" -o "$rss_file" java -jar target/gatewaydoctor.jar diagnose "$sample" > /dev/null 2>&1
rss=$(tail -1 "$rss_file")
rm -f "$rss_file"
echo "cold start, median of $runs: java -version ${jvm} ms; gatewaydoctor diagnose ${cli} ms ($(awk "BEGIN {printf \"%.1f\", $cli / $jvm}")x); max RSS ${rss} KB"
