#!/usr/bin/env bash
# Load: the service (serve, through the launcher) under C concurrent clients for D seconds, each posting a
# fact set to POST /api/v1/diagnoses over keep-alive connections, as a helpdesk integration would; every
# request is diagnosed and its case written to the H2 store. wrk (Debian's package) measures throughput and
# latency; the run fails if any answer is not 201 or a socket errs. The rate limit is raised for the run: from
# one address, 50 clients would otherwise be one client past its 60 a minute.
# Needs the build (mvn -q package -DskipTests) and wrk. Usage: src/bench/load.sh [CLIENTS] [SECONDS] [SAMPLE]
set -euo pipefail
cd "$(dirname "$0")/../.."
clients="${1:-50}"
seconds="${2:-60}"
sample="${3:-facts-samples/php-fpm-pool-exhausted.json}"
command -v wrk >/dev/null || { echo "src/bench/load.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/gatewaydoctor/bin/gatewaydoctor serve --port "$port" --rate-limit 100000000 --data "$work/data" 2> "$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/readyz" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/readyz" > /dev/null || { cat "$work/serve.log" >&2; exit 1; }
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$sample", "rb")
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors connect %d read %d write %d status %d timeout %d\n", summary.requests,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("throughput %.1f diagnoses/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
# A short warm-up, so that the JIT has compiled the rules' paths before the measured run.
wrk -t2 -c"$clients" -d10s -s "$work/post.lua" "http://127.0.0.1:$port/api/v1/diagnoses" > /dev/null
out=$(wrk -t2 -c"$clients" -d"${seconds}s" --timeout 30s -s "$work/post.lua" "http://127.0.0.1:$port/api/v1/diagnoses")
echo "$out" | tail -2
kept=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^gatewaydoctor_diagnoses_total/ {s += $2} END {print s + 0}')
echo "$clients clients for $seconds s against $sample; $(nproc) cores; diagnoses counted by the service: $kept"
if echo "$out" | grep -q "Non-2xx\|Socket errors"; then echo "FAILED: errors under load" >&2; exit 1; fi
if ! echo "$out" | grep -q "status 0 timeout 0"; then echo "FAILED: errors under load" >&2; exit 1; fi
