#!/usr/bin/env bash
# Template engines side by side: RoostTemplates vs Jinja2 3.1.6 (Python), Leaf (LeafKit) and
# swift-mustache, on the TechEmpower fortunes page and on a page with extends, two includes and a
# macro called for 1,000 items with filters (see Sources/TemplateBenchmark/main.swift and
# templates_jinja2.py). Builds template-benchmark in release, runs it and the Python script pinned
# to CPU 0, checks every engine's output against Templates/expected/, and prints renders/s with
# the ratios the targets are about: Roost >= 10x Jinja2, >= 2x Leaf and >= 2x swift-mustache.
#
# Usage: Benchmarks/templates.sh [--rounds R] [--batches N] [--batch-seconds S] [--warmup-seconds S]
#   --rounds R   run the Swift program and the Python script alternately R times (default 3) and
#                report, per engine, the median of the R medians, so that background load on a
#                shared machine skews no engine more than another (the Swift program also
#                interleaves its engines' batches)
#   the other options go to both programs (defaults: 11 batches of ~0.25 s after 0.5 s warm-up,
#   timed in the thread's CPU time so that other processes on a shared machine do not count;
#   `--clock wall` times them in wall-clock time instead)
# Environment: TEMPLATES_SCRATCH_PATH  build directory (default .build)
set -euo pipefail
cd "$(dirname "$0")"

ROUNDS=3
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

python3 -c 'import jinja2' 2>/dev/null || { echo "Jinja2 is missing: pip install Jinja2==3.1.6"; exit 1; }
JINJA2_VERSION=$(python3 -c 'import jinja2; print(jinja2.__version__)')
[ "$JINJA2_VERSION" = 3.1.6 ] || echo "warning: Jinja2 $JINJA2_VERSION, not 3.1.6"

SCRATCH="${TEMPLATES_SCRATCH_PATH:-.build}"
echo "==> Building template-benchmark in release ($SCRATCH)" >&2
swift build -c release --product template-benchmark --scratch-path "$SCRATCH" >&2

SWIFT_OUT=$(mktemp)
PYTHON_OUT=$(mktemp)
trap 'rm -f "$SWIFT_OUT" "$PYTHON_OUT"' EXIT

SWIFT_STATUS=0
PYTHON_STATUS=0
for round in $(seq "$ROUNDS"); do
  echo "==> Round $round/$ROUNDS: RoostTemplates, Leaf, swift-mustache (taskset -c 0)" >&2
  taskset -c 0 "$SCRATCH/release/template-benchmark" ${ARGS[@]+"${ARGS[@]}"} | tee -a "$SWIFT_OUT" >&2 || SWIFT_STATUS=$?
  echo "==> Round $round/$ROUNDS: Jinja2 (taskset -c 0)" >&2
  taskset -c 0 python3 templates_jinja2.py ${ARGS[@]+"${ARGS[@]}"} | tee -a "$PYTHON_OUT" >&2 || PYTHON_STATUS=$?
done

TABLE_STATUS=0
python3 - "$SWIFT_OUT" "$PYTHON_OUT" "$(nproc)" ${ARGS[@]+"${ARGS[@]}"} <<'EOF' || TABLE_STATUS=$?
import statistics
import sys

runs, checks = {}, {}
for path in sys.argv[1:3]:
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "RESULT":
            runs.setdefault((parts[1], parts[2]), []).append(float(parts[3]))
        elif len(parts) >= 4 and parts[0] == "CHECK":
            if checks.get((parts[1], parts[2])) != "FAIL":
                checks[(parts[1], parts[2])] = parts[3]
rates = {key: statistics.median(values) for key, values in runs.items()}
spread = {key: (max(values) / min(values) - 1) * 100 for key, values in runs.items()}
rounds = max((len(v) for v in runs.values()), default=0)

workloads = ["fortunes", "page"]
engines = [
    ("roost", "RoostTemplates (Encodable context, encoded per render)"),
    ("roost-prebuilt", "RoostTemplates ([String: TemplateValue] built once)"),
    ("jinja2", "Jinja2 3.1.6 (Python dicts)"),
    ("leaf", "Leaf ([String: LeafData] built per render)"),
    ("leaf-prebuilt", "Leaf ([String: LeafData] built once)"),
    ("mustache", "swift-mustache ([String: Any] built per render)"),
    ("mustache-prebuilt", "swift-mustache ([String: Any] built once)"),
]

def cell(w, key):
    rate = rates.get((w, key))
    if rate is None:
        return f"{'-':>22}"
    mark = "" if checks.get((w, key), "OK") == "OK" else "!"
    return f"{rate:>12,.0f} (±{spread[(w, key)] / 2:>3.0f}%){mark:1}"

print()
clock = "wall-clock time" if "--clock wall" in " ".join(sys.argv[4:]) else "CPU time of the rendering thread"
print(f"Renders per second ({clock}): median over {rounds} round(s) of each")
print(f"round's median batch; ± is half the spread between rounds. One core (taskset -c 0); nproc = {sys.argv[3]}.")
print(f"{'engine':<58}" + "".join(f"{w:>23}" for w in workloads))
for key, label in engines:
    print(f"{label:<58}" + "".join(f" {cell(w, key)}" for w in workloads))

def ratio(w, roost, other):
    a, b = rates.get((w, roost)), rates.get((w, other))
    return a / b if a and b else None

print()
print(f"{'ratio':<58}" + "".join(f"{w:>23}" for w in workloads) + "   target")
comparisons = [
    ("Roost / Jinja2", "roost", "jinja2", 10),
    ("Roost / Leaf", "roost", "leaf", 2),
    ("Roost / swift-mustache", "roost", "mustache", 2),
    ("Roost / Jinja2 (Roost context prebuilt)", "roost-prebuilt", "jinja2", 10),
    ("Roost / Leaf (both contexts prebuilt)", "roost-prebuilt", "leaf-prebuilt", 2),
    ("Roost / swift-mustache (both contexts prebuilt)", "roost-prebuilt", "mustache-prebuilt", 2),
]
for label, roost, other, target in comparisons:
    row = f"{label:<58}"
    for w in workloads:
        r = ratio(w, roost, other)
        row += f"{'-':>23}" if r is None else f"{r:>17.2f}x {'ok' if r >= target else 'MISS':<4}"
    print(row + f"   >= {target}x")

failed = [f"{w}/{e}" for (w, e), status in checks.items() if status != "OK"]
if failed:
    print("\nOutput check FAILED for: " + ", ".join(sorted(failed)))
    sys.exit(1)
print("\nAll outputs checked against Templates/expected/ (Roost and Jinja2 byte-identical; Leaf and")
print("swift-mustache identical once their &quot; is written &#34;, as Jinja2 writes it).")
EOF
[ "$SWIFT_STATUS" = 0 ] && [ "$PYTHON_STATUS" = 0 ] && [ "$TABLE_STATUS" = 0 ]
