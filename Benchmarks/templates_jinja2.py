#!/usr/bin/env python3
"""The Jinja2 side of the template benchmark (run by templates.sh next to template-benchmark).

Renders the same two workloads as `Sources/TemplateBenchmark` with real Jinja2 (3.1.6):
  fortunes  the TechEmpower fortunes page, 13 rows sorted by message, every message escaped
  page      page.html extends base.html, which includes header.html and footer.html; the page
            calls a macro for each of 1,000 items, with title, truncate, upper, default and
            "%.2f"|format filters
Templates come from Templates/jinja2/ through FileSystemLoader, autoescape on. RoostTemplates
renders these very files, so both engines' outputs are compared with Templates/expected/.

Timing, the same as the Swift program: warm-up, then a batch size chosen so that one batch lasts
about --batch-seconds, then --batches timed batches (timeit.Timer.repeat); the result is the
median of the batches' renders per second. Batches are timed in this thread's CPU time
(time.thread_time; `--clock wall` for time.perf_counter), so that other processes on a shared
machine do not count against Jinja2. The context is plain Python dicts and lists built once
outside the timed loop: that is Jinja2's native data, there is nothing to convert.

Prints `RESULT <workload> jinja2 <renders/s>` and `CHECK <workload> jinja2 OK|FAIL` lines for
templates.sh. `--write-expected` (re)writes Templates/expected/page.html from Jinja2's output;
Templates/expected/fortunes.html is written by hand from the TechEmpower specification and only
checked here.
"""
import argparse
import os
import statistics
import sys
import time
import timeit

import jinja2
from jinja2 import Environment, FileSystemLoader

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "Templates")

# The TechEmpower fortunes table (id, message).
FORTUNES = [
    (1, "fortune: No such file or directory"),
    (2, "A computer scientist is someone who fixes things that aren't broken."),
    (3, "After enough decimal places, nobody gives a damn."),
    (4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
    (5, "A computer program does what you tell it to do, not what you want it to do."),
    (6, "Emacs is a nice operating system, but I prefer UNIX. \u2014 Tom Christaensen"),
    (7, "Any program that runs right is obsolete."),
    (8, "A list is only as strong as its weakest link. \u2014 Donald Knuth"),
    (9, "Feature: A bug with seniority."),
    (10, "Computers make very fast, very accurate mistakes."),
    (11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
    (12, "\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de\u30fc\u30af"),
]


def fortunes_context():
    rows = [{"id": i, "message": m} for i, m in FORTUNES]
    rows.append({"id": 0, "message": "Additional fortune added at request time."})
    rows.sort(key=lambda f: f["message"])  # code point order, as the Swift side sorts by UTF-8
    return {"fortunes": rows}


# The page workload's data; Sources/TemplateBenchmark/Data.swift builds exactly the same.
ADJECTIVES = ["blue", "rustic", "compact", "heavy duty", "vintage", "smart", "folding", "deluxe"]
NOUNS = ["widget", "lantern", "kettle", "hammock", "trowel", "backpack", "skillet", "drone",
         "bench", "planter", "tent", "whisk", "toolbox"]
CATEGORIES = ["tools", "garden", "kitchen", "outdoor", "toys & games"]
TAGS = ["new", "sale", "bestseller", "eco"]
ITEM_COUNT = 1000


def description(i):
    noun = NOUNS[i % len(NOUNS)]
    kind = i % 4
    if kind == 0:
        return f"A sturdy {noun} for everyday use & weekend projects, tested for {i} hours."
    if kind == 1:
        return f"Compact {noun}."
    if kind == 2:
        return f'Ships with a "quick start" guide, <b>free</b> spare parts and a {ADJECTIVES[i % len(ADJECTIVES)]} case.'
    return f"Limited run: only {i % 50 + 1} left in stock, order today for free shipping!"


def page_context():
    items = []
    for i in range(ITEM_COUNT):
        item = {
            "id": i + 1,
            "name": f"{ADJECTIVES[i % len(ADJECTIVES)]} {NOUNS[i % len(NOUNS)]} mk{i % 10}",
            "description": description(i),
            "category": CATEGORIES[i % len(CATEGORIES)],
            # A third of the items have no tag (None, as a nil Swift optional encodes for
            # RoostTemplates); `default("none", true)` shows "none" for them.
            "tag": None if i % 3 == 0 else TAGS[i % len(TAGS)],
            "price": (i * 7919 % 100000) / 100,
        }
        items.append(item)
    return {
        "title": "spring catalogue",
        "site": {
            "name": "Roost Outfitters",
            "year": 2026,
            "links": [
                {"url": "/", "title": "Home"},
                {"url": "/shop?sort=new&page=1", "title": "New & Noteworthy"},
                {"url": "/about", "title": "About us"},
            ],
        },
        "user": {"name": "Ada Lovelace"},
        "items": items,
    }


WORKLOADS = [
    ("fortunes", "fortunes.html", fortunes_context),
    ("page", "page.html", page_context),
]


def measure(render, batches, batch_seconds, warmup_seconds, clock):
    timer = timeit.Timer(render, timer=clock)
    deadline = time.perf_counter() + warmup_seconds
    while time.perf_counter() < deadline:
        render()
    number, elapsed = timer.autorange()
    number = max(1, round(number * batch_seconds / elapsed))
    times = timer.repeat(repeat=batches, number=number)
    return statistics.median(number / t for t in times), number


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batches", type=int, default=11, help="timed batches (default 11)")
    parser.add_argument("--batch-seconds", type=float, default=0.25, help="length of one batch (default 0.25)")
    parser.add_argument("--warmup-seconds", type=float, default=0.5, help="warm-up per workload (default 0.5)")
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu", help="time batches in thread CPU time (default) or wall-clock time")
    parser.add_argument("--write-expected", action="store_true", help="rewrite Templates/expected/page.html")
    parser.add_argument("--dump", metavar="DIR", help="also write each output to DIR/<workload>.jinja2.html")
    args = parser.parse_args()

    # auto_reload off, as in production Flask and as RoostTemplates' default: includes and the
    # base template then come from the cache without a stat() of their files on every render.
    env = Environment(loader=FileSystemLoader(os.path.join(TEMPLATES, "jinja2")), autoescape=True, auto_reload=False)
    print(f"# Jinja2 {jinja2.__version__}, Python {sys.version.split()[0]}", flush=True)
    failed = False
    for workload, name, make_context in WORKLOADS:
        template = env.get_template(name)
        context = make_context()
        output = template.render(context)
        expected_path = os.path.join(TEMPLATES, "expected", name)
        if args.write_expected and workload == "page":
            with open(expected_path, "w", encoding="utf-8", newline="") as f:
                f.write(output)
        if args.dump:
            os.makedirs(args.dump, exist_ok=True)
            with open(os.path.join(args.dump, f"{workload}.jinja2.html"), "w", encoding="utf-8", newline="") as f:
                f.write(output)
        with open(expected_path, encoding="utf-8", newline="") as f:
            ok = f.read() == output
        failed |= not ok
        print(f"CHECK {workload} jinja2 {'OK' if ok else 'FAIL'} {len(output.encode())} bytes", flush=True)
        rate, number = measure(lambda: template.render(context), args.batches, args.batch_seconds, args.warmup_seconds,
                               time.thread_time if args.clock == "cpu" else time.perf_counter)
        print(f"RESULT {workload} jinja2 {rate:.1f}  # {args.batches} batches of {number} renders, median", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
