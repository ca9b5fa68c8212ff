"""Prints techempower.sh's table: median req/s and p99 per framework and test, Roost's ratios.

Usage: te_report.py RESULTS FRAMEWORKS TESTS BACKENDS (comma-separated lists as given to the script)
"""
import statistics
import sys

NAMES = {"roost": "Roost", "hummingbird": "Hummingbird 2", "vapor": "Vapor 4", "flask": "Flask 3", "django": "Django"}
results, frameworks, tests, backends = sys.argv[1], *(arg.split(",") for arg in sys.argv[2:5])


def seconds(text):
    for unit, scale in (("us", 1e-6), ("ms", 1e-3), ("s", 1.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    return float(text)


runs, rss, failed, hung = {}, {}, set(), {}
for line in open(results):
    kind, *fields = line.split()
    if kind == "run":
        framework, scope, test, rps, p99, errors = fields
        runs.setdefault((scope, test, framework), []).append((float(rps), seconds(p99), int(errors)))
    elif kind == "rss":
        framework, backend, kib = fields
        rss[(framework, backend)] = max(rss.get((framework, backend), 0), int(kib))
    elif kind == "hung":
        hung[" ".join(fields)] = hung.get(" ".join(fields), 0) + 1
    elif kind == "failed":
        failed.add((fields[0], fields[1]))

peers = [f for f in frameworks if f != "roost"]
header = f"{'backend':<9}{'test':<10}" + "".join(f"{NAMES[f]:>24}" for f in frameworks)
header += "".join(f"{'Roost/' + NAMES[p].split()[0]:>19}" for p in peers if "roost" in frameworks)
print()
print("req/s (median) and p99 latency (median) per framework; '—' = not timed, 'FAILED' = failed its checks")
print(header)
print("-" * len(header))
scopes = [("-", t) for t in tests if t in ("plaintext", "json")]
scopes += [(b, t) for b in backends for t in tests if t not in ("plaintext", "json")]
for scope, test in scopes:
    cells, medians = [], {}
    for framework in frameworks:
        values = runs.get((scope, test, framework))
        backend_failed = any((framework, b) in failed for b in (backends if scope == "-" else [scope]))
        if values:
            rps = statistics.median(v[0] for v in values)
            p99 = statistics.median(v[1] for v in values)
            errors = sum(v[2] for v in values)
            medians[framework] = rps
            cell = f"{rps:,.0f} / {p99 * 1000:.1f}ms" + ("*" if errors else "")
        else:
            cell = "FAILED" if backend_failed else "—"
        cells.append(f"{cell:>24}")
    ratios = []
    if "roost" in frameworks:
        for peer in peers:
            if "roost" in medians and medians.get(peer):
                ratios.append(f"{medians['roost'] / medians[peer]:>18.2f}x")
            else:
                ratios.append(f"{'—':>19}")
    print(f"{scope if scope != '-' else 'any':<9}{test:<10}" + "".join(cells) + "".join(ratios))
print("(* = wrk saw socket errors or non-2xx answers in some runs)")
swift_rss = [(f, b, kib) for (f, b), kib in sorted(rss.items()) if f in ("roost", "hummingbird", "vapor")]
if swift_rss:
    print("peak RSS of the server over a whole run (all its tests): " +
          ", ".join(f"{NAMES[f]} on {b} {kib / 1024:.0f} MiB" for f, b, kib in swift_rss))
for framework, backend in sorted(failed):
    print(f"{NAMES[framework]} on {backend} failed its correctness checks or did not start (see above)")
for server, count in sorted(hung.items()):
    print(f"{server} did not stop within 10 s of SIGTERM {count} time(s) and was killed")
