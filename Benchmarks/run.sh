#!/usr/bin/env bash
# TechEmpower plaintext and JSON, side by side: Roost, Hummingbird 2 and raw SwiftNIO.
# Builds in release, pins each server to CPU 0 (one event-loop thread) and wrk to CPU 1,
# warms up, runs the frameworks interleaved three times and prints medians and ratios.
#
# Usage: Benchmarks/run.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")"
DURATION="${1:-10}"
CONNECTIONS=128
PORT=8089

command -v wrk >/dev/null || { echo "installing wrk"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
echo "==> Building in release"
swift build -c release --product techempower
swift build -c release --product techempower-hummingbird
swift build -c release --product techempower-nio
BIN=.build/release
RESULTS=$(mktemp)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -f "$RESULTS"; }
trap cleanup EXIT

start_server() {
  taskset -c 0 "$BIN/$1" --port "$PORT" --threads 1 >/dev/null 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/plaintext" && return; sleep 0.1; done
  echo "$1 did not start"; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

check() {
  local body headers
  body=$(curl -s "http://127.0.0.1:$PORT/plaintext")
  [ "$body" = "Hello, World!" ] || { echo "$1 plaintext body wrong: $body"; exit 1; }
  body=$(curl -s "http://127.0.0.1:$PORT/json")
  [ "$body" = '{"message":"Hello, World!"}' ] || { echo "$1 json body wrong: $body"; exit 1; }
  headers=$(curl -si "http://127.0.0.1:$PORT/json" | tr -d '\r')
  echo "$headers" | grep -qi '^content-type: application/json' || { echo "$1 json content type wrong"; exit 1; }
  echo "$headers" | grep -qi '^server: ' || { echo "$1 has no Server header"; exit 1; }
  echo "$headers" | grep -qi '^date: ' || { echo "$1 has no Date header"; exit 1; }
}

run_wrk() { # framework test
  local output
  if [ "$2" = plaintext ]; then
    output=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s pipeline.lua "http://127.0.0.1:$PORT" -- /plaintext 16)
  else
    output=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/json")
  fi
  local rps p99
  rps=$(echo "$output" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$output" | awk '$1 == "99%" {print $2}')
  echo "$1 $2 $rps $p99" >> "$RESULTS"
}

FRAMEWORKS="techempower techempower-hummingbird techempower-nio"
for framework in $FRAMEWORKS; do
  start_server "$framework"; check "$framework"
  echo "==> Warming up $framework"
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d3s "http://127.0.0.1:$PORT/json" >/dev/null
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d3s -s pipeline.lua "http://127.0.0.1:$PORT" -- /plaintext 16 >/dev/null
  stop_server
done

for round in 1 2 3; do
  for framework in $FRAMEWORKS; do
    echo "==> Round $round: $framework"
    start_server "$framework"
    run_wrk "$framework" plaintext
    run_wrk "$framework" json
    stop_server
  done
done

python3 - "$RESULTS" <<'PY'
import statistics, sys
def seconds(text):
    units = {"us": 1e-6, "ms": 1e-3, "s": 1.0}
    for unit in ("us", "ms", "s"):
        if text.endswith(unit): return float(text[:-len(unit)]) * units[unit]
    return float(text)
rows = {}
for line in open(sys.argv[1]):
    framework, test, rps, p99 = line.split()
    rows.setdefault((framework, test), []).append((float(rps), seconds(p99)))
names = {"techempower": "Roost", "techempower-hummingbird": "Hummingbird 2", "techempower-nio": "raw SwiftNIO"}
print()
print(f"{'framework':<15}{'test':<11}{'req/s (median)':>16}{'p99 (median)':>14}")
medians = {}
for (framework, test), values in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    rps = statistics.median(v[0] for v in values); p99 = statistics.median(v[1] for v in values)
    medians[(framework, test)] = rps
    print(f"{names[framework]:<15}{test:<11}{rps:>16,.0f}{p99 * 1000:>12.2f}ms")
print()
for test in ("plaintext", "json"):
    roost = medians[("techempower", test)]
    print(f"{test}: Roost/Hummingbird = {roost / medians[('techempower-hummingbird', test)]:.2f}x, "
          f"Roost/NIO = {roost / medians[('techempower-nio', test)]:.2f}x")
PY
