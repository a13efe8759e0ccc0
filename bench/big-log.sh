#!/usr/bin/env bash
# Diagnosing a 1 GB nginx error log against grep on the same file, in the same run.
# Generates the log once (bench/BigLog.java, seeded) under ${BIG_LOG_DIR:-/tmp}, then times, twice each
# (the second run, with the file in the page cache, is reported):
#   LC_ALL=C grep -c upstream FILE
#   java -jar target/gatewaydoctor.jar diagnose --log nginx-error=FILE
# and the peak RSS of the diagnosis. Needs target/gatewaydoctor.jar (mvn -q package -DskipTests).
# Usage: bench/big-log.sh [MB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-1024}"
file="${BIG_LOG_DIR:-/tmp}/gatewaydoctor-bench-${mb}mb-error.log"
[ -f "$file" ] || java bench/BigLog.java "$file" "$mb"
# Output goes to a file, not /dev/null: GNU grep stops at the first match when it sees its output is /dev/null.
out_file=$(mktemp)
secs() { local s e; s=$(date +%s%N); "$@" > "$out_file" 2>&1; e=$(date +%s%N); awk "BEGIN {printf \"%.2f\", $(( (e - s) / 1000000 )) / 1000}"; }
LC_ALL=C grep -c upstream "$file" > "$out_file"   # page cache
grep_s=$(secs env LC_ALL=C grep -c upstream "$file")
grep_s=$(secs env LC_ALL=C grep -c upstream "$file")
java -jar target/gatewaydoctor.jar diagnose --log "nginx-error=$file" > /dev/null 2>&1
rss_file=$(mktemp)
start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$rss_file" java -jar target/gatewaydoctor.jar diagnose --log "nginx-error=$file" > /tmp/gatewaydoctor-bench-answer.txt 2>/dev/null
end=$(date +%s%N)
diag_s=$(awk "BEGIN {printf \"%.2f\", $(( (end - start) / 1000000 )) / 1000}")
rss_mb=$(awk "BEGIN {printf \"%.0f\", $(tail -1 "$rss_file") / 1024}")
rm -f "$rss_file" "$out_file"
echo "$(du -m "$file" | cut -f1) MB log: grep -c upstream ${grep_s} s; gatewaydoctor diagnose ${diag_s} s ($(awk "BEGIN {printf \"%.1f\", $diag_s / $grep_s}")x grep), peak RSS ${rss_mb} MB"
rss_file=$(mktemp)
start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$rss_file" java -Xmx192m -jar target/gatewaydoctor.jar diagnose --log "nginx-error=$file" > /dev/null 2>&1
end=$(date +%s%N)
echo "with java -Xmx192m: $(awk "BEGIN {printf \"%.2f\", $(( (end - start) / 1000000 )) / 1000}") s, peak RSS $(awk "BEGIN {printf \"%.0f\", $(tail -1 "$rss_file") / 1024}") MB"
rm -f "$rss_file"
head -3 /tmp/gatewaydoctor-bench-answer.txt
