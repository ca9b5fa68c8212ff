#!/usr/bin/env bash
# RoostORM vs hand-written SQL on the raw drivers (sqlite-nio, postgres-nio) vs Fluent
# (FluentKit with its SQLite and PostgreSQL drivers), on SQLite (a WAL file database in /tmp)
# and PostgreSQL: fetch one row by primary key, fetch a 20-row page, insert 10,000 rows in bulk,
# and list 100 posts with their authors and tags. See Sources/ORMBenchmark/main.swift.
#
# Prepares PostgreSQL through scripts/test.sh (installs and starts it when missing), builds
# orm-benchmark in release, runs it pinned to CPU 0, prints one table with the ratios the
# targets are about (ORM <= 1.15x the raw driver, faster than Fluent), and drops its databases.
# Every implementation's results are checked against the generated data before timing.
#
# Usage: Benchmarks/orm.sh [orm-benchmark options]
#   --rounds R           rounds over all backends and cases (default 3); the table gives, per
#                        case and implementation, the median of all R × N batches
#   --batches N          timed batches per implementation, case and round (default 7)
#   --batch-seconds S    length of one batch (default 0.1; each implementation gets its own
#                        batch size, and the implementations' batches are interleaved)
#   --warmup-seconds S   warm-up per implementation, case and round (default 0.2)
#   --backends sqlite,postgres   --cases pk,page,insert,listing
# It also prints each implementation's CPU time per operation (this process, all threads),
# which other processes on a shared machine barely disturb.
# Takes about 2.5 minutes once built (a clean release build of the benchmark package's
# orm-benchmark product, BoringSSL included, took 22 minutes on this 2-core machine under load).
# Environment: ORM_SCRATCH_PATH   build directory (default .build; e.g. /tmp/bench-orm when
#                                 another build is using .build)
#              ROOST_TEST_POSTGRES_URL   use this server instead of the local one
set -euo pipefail
cd "$(dirname "$0")"
SCRATCH="${ORM_SCRATCH_PATH:-.build}"
BENCH_DB=roost_orm_bench

echo "==> Preparing PostgreSQL" >&2
URL=$(cd .. && ROOST_TEST_SETUP_ONLY=1 bash scripts/test.sh | sed -n 's/^ROOST_TEST_POSTGRES_URL=//p')
[ -n "$URL" ] || { echo "error: scripts/test.sh printed no PostgreSQL URL" >&2; exit 1; }

echo "==> Building orm-benchmark in release ($SCRATCH)" >&2
swift build -c release --product orm-benchmark --scratch-path "$SCRATCH" >&2
BIN="$SCRATCH/release/orm-benchmark"

SQLITE_PATH=$(mktemp -u /tmp/roost-orm-bench.XXXXXX).db
cleanup() {
  rm -f "$SQLITE_PATH" "$SQLITE_PATH-wal" "$SQLITE_PATH-shm" "$SQLITE_PATH-journal"
  # The benchmark drops its database itself; this covers a crash.
  if command -v psql >/dev/null; then
    (cd / && psql "$URL" -X -q -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1) || true
  fi
}
trap cleanup EXIT

NPROC=$(nproc)
echo "==> taskset -c 0 $BIN --sqlite-path $SQLITE_PATH --postgres-url <local> --nproc $NPROC $*" >&2
START=$(date +%s)
taskset -c 0 "$BIN" --sqlite-path "$SQLITE_PATH" --postgres-url "$URL" --nproc "$NPROC" "$@"
echo "(benchmark ran $(( $(date +%s) - START )) s; command: Benchmarks/orm.sh $*)"
