#!/usr/bin/env bash
# The full TechEmpower suite — plaintext, json, db, queries, fortunes, updates — side by side:
# Roost, Hummingbird 2, Vapor 4 (+ Fluent + Leaf), Flask 3 and Django (one gunicorn worker each),
# on PostgreSQL and SQLite.
#
# Prepares PostgreSQL through scripts/test.sh (installs and starts it when missing) and creates
# its own bench database, builds the Swift servers in release, installs Flask, Django, gunicorn
# and psycopg into a venv, fills World (10,000 rows) and Fortune (12 rows) on both backends with
# `techempower setup`, and checks every endpoint of every framework the way the TechEmpower
# verifier reads it (te_check.py). A framework that fails a check is reported and not timed.
# Then: warm-up, and every test for every framework interleaved (A B C D E, per backend),
# repeated --rounds times; servers pinned to CPU 0 (one event-loop thread, one gunicorn worker),
# wrk to CPU 1. Prints one table: median req/s and p99 latency per framework and test, Roost's
# ratio to each peer, and each Swift server's peak RSS. Stops every process it started.
#
# Usage: Benchmarks/techempower.sh [options]
#   --frameworks roost,hummingbird,vapor,flask,django   (default: all)
#   --tests plaintext,json,db,queries,fortunes,updates  (default: all)
#   --backends postgres,sqlite                          (default: both)
#   --duration S       seconds per timed run (default 7)
#   --warmup S         seconds of warm-up per framework, backend and test (default 2)
#   --rounds R         interleaved rounds (default 3)
#   --connections C    wrk connections (default 128)
#   --queries N        queries per request for /queries and /updates (default 20)
#   --no-build         use the binaries already built
# Defaults take about 25 minutes once built. Environment: TE_SCRATCH_PATH (build directory of
# the Swift servers, default .build), TE_VAPOR_SCRATCH_PATH (Vapor's, default TE_SCRATCH_PATH;
# a clean release build of Vapor takes 13+ minutes here), TE_VENV (default /tmp/roost-te-venv),
# ROOST_TEST_POSTGRES_URL (use this server instead of the local one).
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)

FRAMEWORKS=roost,hummingbird,vapor,flask,django
TESTS=plaintext,json,db,queries,fortunes,updates
BACKENDS=postgres,sqlite
DURATION=7 WARMUP=2 ROUNDS=3 CONNECTIONS=128 QUERIES=20 BUILD=1
COMMAND="Benchmarks/techempower.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --frameworks) FRAMEWORKS=$2; shift 2 ;;
    --tests) TESTS=$2; shift 2 ;;
    --backends) BACKENDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --queries) QUERIES=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a FRAMEWORK_LIST <<< "$FRAMEWORKS"
IFS=, read -r -a TEST_LIST <<< "$TESTS"
IFS=, read -r -a BACKEND_LIST <<< "$BACKENDS"
SCRATCH="${TE_SCRATCH_PATH:-.build}"
VAPOR_SCRATCH="${TE_VAPOR_SCRATCH_PATH:-$SCRATCH}"
VENV="${TE_VENV:-/tmp/roost-te-venv}"
PORT=8089
START=$(date +%s)

PIDS=()
SERVER_PID=""
CURRENT=""
WORK=$(mktemp -d /tmp/roost-te.XXXXXX)
SQLITE_URL="sqlite:///$WORK/techempower.db"
RESULTS="$WORK/results"
BENCH_DB=roost_te_bench
ADMIN_URL=""
cleanup() {
  stop_server
  if [ -n "$ADMIN_URL" ] && command -v psql >/dev/null; then
    (cd / && psql "$ADMIN_URL" -X -q -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1) || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "==> $*" >&2; }
has() { [[ ",$1," == *",$2,"* ]]; }

command -v wrk >/dev/null || { log "installing wrk"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

if has "$BACKENDS" postgres; then
  log "Preparing PostgreSQL"
  ADMIN_URL=$(cd .. && ROOST_TEST_SETUP_ONLY=1 bash scripts/test.sh | sed -n 's/^ROOST_TEST_POSTGRES_URL=//p')
  [ -n "$ADMIN_URL" ] || { echo "error: scripts/test.sh printed no PostgreSQL URL" >&2; exit 1; }
  (cd / && psql "$ADMIN_URL" -X -q -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB") >/dev/null
  POSTGRES_URL=$(echo "$ADMIN_URL" | sed -E "s#/[^/?]+(\?|$)#/$BENCH_DB\1#")
fi
database_url() { if [ "$1" = postgres ]; then echo "$POSTGRES_URL"; else echo "$SQLITE_URL"; fi; }

product() {
  case "$1" in
    roost) echo techempower ;; hummingbird) echo techempower-hummingbird ;; vapor) echo techempower-vapor ;;
  esac
}
binary() { if [ "$1" = vapor ]; then echo "$VAPOR_SCRATCH/release/$(product vapor)"; else echo "$SCRATCH/release/$(product "$1")"; fi; }
name() {
  case "$1" in
    roost) echo Roost ;; hummingbird) echo "Hummingbird 2" ;; vapor) echo "Vapor 4" ;; flask) echo "Flask 3" ;; django) echo Django ;;
  esac
}

if [ "$BUILD" = 1 ]; then
  for framework in roost hummingbird vapor; do
    has "$FRAMEWORKS,roost" "$framework" || continue
    scratch=$SCRATCH; [ "$framework" = vapor ] && scratch=$VAPOR_SCRATCH
    log "Building $(product "$framework") in release ($scratch)"
    swift build -c release --product "$(product "$framework")" --scratch-path "$scratch" >&2
  done
fi
if has "$FRAMEWORKS" flask || has "$FRAMEWORKS" django; then
  if ! "$VENV/bin/python" -c "import flask, django, gunicorn, psycopg" 2>/dev/null; then
    log "Installing Flask, Django, gunicorn and psycopg into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "flask>=3,<4" "django>=5,<6" gunicorn "psycopg[binary]>=3.1" >&2
  fi
fi
PYTHON="$VENV/bin/python"
[ -x "$PYTHON" ] || PYTHON=python3

for backend in "${BACKEND_LIST[@]}"; do
  log "Creating World and Fortune on $backend"
  "$(binary roost)" setup --database "$(database_url "$backend")" >&2
done

start_server() { # framework backend
  local url; url=$(database_url "$2")
  # A fresh port per start: a server that crashed on SIGTERM can leave its listening socket
  # to swift-backtrace for a while.
  PORT=$(( PORT + 1 ))
  CURRENT="$(name "$1") on $2"
  case "$1" in
    roost|hummingbird|vapor)
      taskset -c 0 "$(binary "$1")" --port "$PORT" --threads 1 --database "$url" >"$WORK/server.log" 2>&1 & ;;
    flask)
      DATABASE_URL="$url" taskset -c 0 "$VENV/bin/gunicorn" -w 1 -b "127.0.0.1:$PORT" --backlog 4096 \
        --log-level warning --chdir "$HERE/Python/flask_te" app:app >"$WORK/server.log" 2>&1 & ;;
    django)
      DATABASE_URL="$url" taskset -c 0 "$VENV/bin/gunicorn" -w 1 -b "127.0.0.1:$PORT" --backlog 4096 \
        --log-level warning --chdir "$HERE/Python/django_te" wsgi:application >"$WORK/server.log" 2>&1 & ;;
  esac
  SERVER_PID=$!
  for _ in $(seq 200); do
    curl -s -m 2 -o /dev/null "http://127.0.0.1:$PORT/plaintext" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "$(name "$1") did not start on $2:" >&2; cat "$WORK/server.log" >&2
  return 1
}

stop_server() { # SIGTERM, and SIGKILL when the server has not stopped within 10 s
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "warning: $CURRENT did not stop within 10 s of SIGTERM; killed" >&2
    echo "hung $CURRENT" >> "$RESULTS"
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

peak_rss_kib() { awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0; }

path_for() {
  case "$1" in
    queries|updates) echo "/$1?queries=$QUERIES" ;;
    *) echo "/$1" ;;
  esac
}

run_wrk() { # seconds test
  if [ "$2" = plaintext ]; then
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$1s" --latency -s pipeline.lua "http://127.0.0.1:$PORT" -- /plaintext 16
  else
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$1s" --latency "http://127.0.0.1:$PORT$(path_for "$2")"
  fi
}

# Which (framework, backend) pairs pass the checks.
declare -A PASSED
for backend in "${BACKEND_LIST[@]}"; do
  for framework in "${FRAMEWORK_LIST[@]}"; do
    log "Checking $(name "$framework") on $backend"
    if start_server "$framework" "$backend" &&
      "$PYTHON" te_check.py "http://127.0.0.1:$PORT" "$(database_url "$backend")" "${TEST_LIST[@]}" > "$WORK/check" 2>&1; then
      PASSED[$framework/$backend]=1
    else
      echo "FAILED: $(name "$framework") on $backend is not timed:" >&2; sed 's/^/    /' "$WORK/check" >&2
      echo "failed $framework $backend" >> "$RESULTS"
    fi
    stop_server
  done
done

# Tests that do not touch the database run once, on the first backend.
tests_for() { # backend
  local test
  for test in "${TEST_LIST[@]}"; do
    case "$test" in plaintext|json) [ "$1" = "${BACKEND_LIST[0]}" ] && echo "$test" ;; *) echo "$test" ;; esac
  done
}

for round in $(seq "$ROUNDS"); do
  for backend in "${BACKEND_LIST[@]}"; do
    for framework in "${FRAMEWORK_LIST[@]}"; do
      [ -n "${PASSED[$framework/$backend]:-}" ] || continue
      log "Round $round/$ROUNDS: $(name "$framework") on $backend ($(( $(date +%s) - START )) s so far)"
      start_server "$framework" "$backend" || { echo "failed $framework $backend" >> "$RESULTS"; continue; }
      for test in $(tests_for "$backend"); do
        [ "$round" = 1 ] && run_wrk "$WARMUP" "$test" >/dev/null
        output=$(run_wrk "$DURATION" "$test")
        rps=$(echo "$output" | awk '/Requests\/sec/ {print $2}')
        p99=$(echo "$output" | awk '$1 == "99%" {print $2}')
        errors=$(echo "$output" | awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}')
        scope=$backend; case "$test" in plaintext|json) scope=-;; esac
        echo "run $framework $scope $test ${rps:-0} ${p99:-0} $errors" >> "$RESULTS"
      done
      echo "rss $framework $backend $(peak_rss_kib)" >> "$RESULTS"
      stop_server
    done
  done
done

"$PYTHON" te_report.py "$RESULTS" "$FRAMEWORKS" "$TESTS" "$BACKENDS"
echo "nproc $(nproc); $(( $(date +%s) - START )) s; duration ${DURATION}s x $ROUNDS rounds, $CONNECTIONS connections," \
  "queries=$QUERIES; command: $COMMAND"
