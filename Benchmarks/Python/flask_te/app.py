"""The TechEmpower suite with Flask 3, as Flask's own TechEmpower entry writes it without an ORM:
the database's Python driver (psycopg 3 or sqlite3) and a Jinja2 template for fortunes.

Run: DATABASE_URL=postgres://... gunicorn -w 1 --chdir Benchmarks/Python/flask_te app:app
"""
import json
import os
import random
import sqlite3

from flask import Flask, Response, render_template, request

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:////tmp/techempower.db")
app = Flask(__name__)

if DATABASE_URL.startswith("sqlite:"):
    connection = sqlite3.connect(DATABASE_URL[len("sqlite:///"):], check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 5000")
    PLACEHOLDER = "?"
else:
    import psycopg

    connection = psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://", 1), autocommit=True)
    PLACEHOLDER = "%s"

SELECT_WORLD = f"SELECT id, randomnumber FROM world WHERE id = {PLACEHOLDER}"
UPDATE_WORLD = f"UPDATE world SET randomnumber = {PLACEHOLDER} WHERE id = {PLACEHOLDER}"


def query_count():
    try:
        queries = int(request.args.get("queries", 1))
    except ValueError:
        return 1
    return min(max(queries, 1), 500)


def json_response(value):
    return Response(json.dumps(value, separators=(",", ":")), mimetype="application/json")


def random_world(cursor):
    world_id, number = cursor.execute(SELECT_WORLD, (random.randint(1, 10000),)).fetchone()
    return {"id": world_id, "randomNumber": number}


@app.route("/plaintext")
def plaintext():
    return Response(b"Hello, World!", mimetype="text/plain")


@app.route("/json")
def hello_json():
    return json_response({"message": "Hello, World!"})


@app.route("/db")
def db():
    return json_response(random_world(connection.cursor()))


@app.route("/queries")
def queries():
    cursor = connection.cursor()
    return json_response([random_world(cursor) for _ in range(query_count())])


@app.route("/fortunes")
def fortunes():
    rows = list(connection.cursor().execute("SELECT id, message FROM fortune").fetchall())
    rows.append((0, "Additional fortune added at request time."))
    rows.sort(key=lambda row: row[1])
    return render_template("fortunes.html", fortunes=rows)


@app.route("/updates")
def updates():
    cursor = connection.cursor()
    worlds = [random_world(cursor) for _ in range(query_count())]
    for world in worlds:
        world["randomNumber"] = random.randint(1, 10000)
    ordered = sorted(worlds, key=lambda world: world["id"])
    if PLACEHOLDER == "?":
        cursor.execute("BEGIN")
        cursor.executemany(UPDATE_WORLD, [(w["randomNumber"], w["id"]) for w in ordered])
        cursor.execute("COMMIT")
    else:
        with connection.transaction():
            cursor.executemany(UPDATE_WORLD, [(w["randomNumber"], w["id"]) for w in ordered])
    return json_response(worlds)
