#!/usr/bin/env bash
# Diagnosing a whole 1 GB log against grep on the same file, in the same run, for five compositions
# (src/bench/BigLog.java: noise, lookalike, signals, access, long). Each log is generated once (seeded) under
# ${BIG_LOG_DIR:-/tmp}; then, with the file in the page cache, it times
#   LC_ALL=C grep -c upstream FILE                     (the better of two runs)
#   target/gatewaydoctor/bin/gatewaydoctor diagnose --log SOURCE=FILE   (the launcher; the better of two runs)
# and the diagnosis' peak RSS, and prints one line per composition with the ratio to grep.
# Targets (issue "Installs like a tool"): at most 3x grep's wall time and 256 MB peak RSS.
# Needs the build (mvn -q package -DskipTests). Usage: src/bench/big-log.sh [MB] [COMPOSITION...]
set -euo pipefail
cd "$(dirname "$0")/../.."
mb="${1:-1024}"
shift || true
compositions=("$@")
[ ${#compositions[@]} -gt 0 ] || compositions=(noise lookalike signals access long)
launcher=target/gatewaydoctor/bin/gatewaydoctor
out_file=$(mktemp)
rss_file=$(mktemp)
trap 'rm -f "$out_file" "$rss_file"' EXIT
ms() { local s e; s=$(date +%s%N); "$@" > "$out_file" 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
best() { if [ "$1" -lt "$2" ]; then echo "$1"; else echo "$2"; fi; }
"$launcher" diagnose facts-samples/php-fpm-pool-exhausted.json > /dev/null 2>&1 # the class-data archive, if none yet
java -version 2>&1 | head -1
echo "| composition | size | grep -c upstream | gatewaydoctor diagnose | ratio | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
for c in "${compositions[@]}"; do
  file="${BIG_LOG_DIR:-/tmp}/gatewaydoctor-bench-${mb}mb-${c}.log"
  [ -f "$file" ] || java src/bench/BigLog.java "$file" "$mb" "$c" > /dev/null
  source=nginx-error
  [ "$c" = access ] && source=nginx-access
  # Output goes to a file, not /dev/null: GNU grep stops at the first match when its output is /dev/null.
  LC_ALL=C grep -c upstream "$file" > "$out_file" || true # into the page cache
  g=$(best "$(ms env LC_ALL=C grep -c upstream "$file")" "$(ms env LC_ALL=C grep -c upstream "$file")")
  "$launcher" diagnose --log "$source=$file" > /dev/null 2>&1
  d1=$(ms /usr/bin/time -f "%M" -o "$rss_file" "$launcher" diagnose --log "$source=$file")
  rss=$(tail -1 "$rss_file")
  d2=$(ms "$launcher" diagnose --log "$source=$file")
  d=$(best "$d1" "$d2")
  awk -v c="$c" -v size="$(du -m "$file" | cut -f1)" -v g="$g" -v d="$d" -v rss="$rss" \
    'BEGIN { printf "| %s | %d MB | %.2f s | %.2f s | %.1fx | %.0f MB |\n", c, size, g / 1000, d / 1000, d / g, rss / 1024 }'
done
