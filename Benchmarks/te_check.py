"""Correctness checks of one TechEmpower server, as the TechEmpower verifier reads the tests.

Usage: te_check.py BASE_URL DATABASE_URL [test ...]
Prints one line per failure and exits 1 when any check fails.
"""
import html
import json
import re
import sqlite3
import sys
import urllib.request

BASE, DATABASE_URL = sys.argv[1], sys.argv[2]
TESTS = sys.argv[3:] or ["plaintext", "json", "db", "queries", "fortunes", "updates"]
FORTUNES = [
    (11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
    (4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
    (5, "A computer program does what you tell it to do, not what you want it to do."),
    (2, "A computer scientist is someone who fixes things that aren't broken."),
    (8, "A list is only as strong as its weakest link. — Donald Knuth"),
    (0, "Additional fortune added at request time."),
    (3, "After enough decimal places, nobody gives a damn."),
    (7, "Any program that runs right is obsolete."),
    (10, "Computers make very fast, very accurate mistakes."),
    (6, "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen"),
    (9, "Feature: A bug with seniority."),
    (1, "fortune: No such file or directory"),
    (12, "フレームワークのベンチマーク"),
]
failures = []


def fail(test, message):
    failures.append(f"{test}: {message}")


def get(path):
    with urllib.request.urlopen(BASE + path, timeout=10) as response:
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def common_headers(test, headers, content_type):
    if not headers.get("content-type", "").lower().replace(" ", "").startswith(content_type):
        fail(test, f"content type {headers.get('content-type')!r}, expected {content_type}")
    for name in ("server", "date"):
        if name not in headers:
            fail(test, f"no {name.capitalize()} header")


def world_ok(test, world):
    if not isinstance(world, dict) or set(world) != {"id", "randomNumber"}:
        fail(test, f"not a world object: {world!r}")
        return False
    if not all(isinstance(world[k], int) and 1 <= world[k] <= 10000 for k in world):
        fail(test, f"world values out of range: {world!r}")
        return False
    return True


def worlds(test, path, expected):
    status, headers, body = get(path)
    common_headers(test, headers, "application/json")
    value = json.loads(body)
    if not isinstance(value, list) or len(value) != expected:
        fail(test, f"{path} returned {len(value) if isinstance(value, list) else value!r}, expected {expected} worlds")
        return []
    return value if all(world_ok(test, world) for world in value) else []


def stored_numbers(ids):
    if DATABASE_URL.startswith("sqlite:"):
        connection = sqlite3.connect(DATABASE_URL[len("sqlite:///"):])
        marks = ",".join("?" * len(ids))
    else:
        import psycopg
        connection = psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://", 1))
        marks = ",".join(["%s"] * len(ids))
    rows = connection.execute(f"SELECT id, randomnumber FROM world WHERE id IN ({marks})", list(ids)).fetchall()
    connection.close()
    return dict(rows)


for test in TESTS:
    try:
        if test == "plaintext":
            _, headers, body = get("/plaintext")
            common_headers(test, headers, "text/plain")
            if body != b"Hello, World!":
                fail(test, f"body {body!r}")
        elif test == "json":
            _, headers, body = get("/json")
            common_headers(test, headers, "application/json")
            if json.loads(body) != {"message": "Hello, World!"}:
                fail(test, f"body {body!r}")
        elif test == "db":
            _, headers, body = get("/db")
            common_headers(test, headers, "application/json")
            world_ok(test, json.loads(body))
        elif test == "queries":
            for query, expected in (("", 1), ("?queries=foo", 1), ("?queries=0", 1), ("?queries=20", 20),
                                    ("?queries=501", 500)):
                worlds(test, "/queries" + query, expected)
        elif test == "fortunes":
            _, headers, body = get("/fortunes")
            common_headers(test, headers, "text/html")
            text = body.decode("utf-8")
            if "<script>" in text or "&lt;script&gt;" not in text:
                fail(test, "the <script> fortune is not escaped")
            rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", re.sub(r"\s*\n\s*", "", text))
            found = [(int(i), html.unescape(m)) for i, m in rows]
            if found != FORTUNES:
                fail(test, f"rows differ from the expected 13 sorted fortunes: {found!r}")
        elif test == "updates":
            for query, expected in (("?queries=foo", 1), ("?queries=0", 1), ("?queries=501", 500)):
                worlds(test, "/updates" + query, expected)
            changed = worlds(test, "/updates?queries=20", 20)
            counts = {}
            for world in changed:
                counts[world["id"]] = counts.get(world["id"], 0) + 1
            single = {w["id"]: w["randomNumber"] for w in changed if counts[w["id"]] == 1}
            stored = stored_numbers(single)
            wrong = {i: (n, stored.get(i)) for i, n in single.items() if stored.get(i) != n}
            if wrong:
                fail(test, f"updates not persisted (id: (returned, stored)): {wrong}")
    except Exception as error:  # a server that answers wrongly or not at all fails the check
        fail(test, f"{type(error).__name__}: {error}")

for failure in failures:
    print(failure)
sys.exit(1 if failures else 0)
