#!/usr/bin/env bash
# Runs Roost's whole test suite on a fresh machine: builds every target (the demo binary
# is exercised by end-to-end tests) and runs all tests. Safe to run again and again.
#
# The database tests need a PostgreSQL server. Unless ROOST_TEST_POSTGRES_URL is already set
# (point it at your own server, e.g. postgres://me:secret@db.local:5432/roost_test), this
# script installs PostgreSQL from Debian's packages when it is missing (as root), starts it,
# creates the `roost` role and the `roost_test` database, and exports the URL for the tests.
#
# Usage: scripts/test.sh [extra `swift test` arguments, e.g. --filter RoutingTests]
#        ROOST_TEST_SETUP_ONLY=1 scripts/test.sh   # only prepare PostgreSQL, print the URL
#        ROOST_SLOW_TESTS=0 scripts/test.sh        # skip building a `roost new` project
set -euo pipefail
cd "$(dirname "$0")/.."

# Prepares a local PostgreSQL server for the tests and exports ROOST_TEST_POSTGRES_URL.
# Idempotent and quiet when everything is already in place.
setup_postgres() {
    if [[ -n "${ROOST_TEST_POSTGRES_URL:-}" ]]; then
        return 0 # the user's own server
    fi
    local role=roost password=roost database=roost_test

    # The client tools (psql, pg_lsclusters) may be present without a server: look for the server.
    if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || ! command -v pg_ctlcluster >/dev/null; then
        if [[ $(id -u) -ne 0 ]]; then
            echo "error: PostgreSQL is not installed; run this script as root, or set" \
                "ROOST_TEST_POSTGRES_URL to a server of yours" >&2
            exit 1
        fi
        echo "==> Installing PostgreSQL from Debian's packages"
        local log
        log=$(mktemp)
        if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
               DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >"$log" 2>&1; then
            cat "$log" >&2
            echo "error: could not install PostgreSQL with apt-get" >&2
            exit 1
        fi
        rm -f "$log"
    fi

    local cluster
    cluster=$(pg_lsclusters --no-header 2>/dev/null | head -n 1)
    if [[ -z "$cluster" ]]; then
        local version
        version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
        pg_createcluster --start "$version" main >/dev/null 2>&1
        cluster=$(pg_lsclusters --no-header | head -n 1)
    fi
    local version name port status
    read -r version name port status _ <<<"$cluster"
    if [[ "$status" != online* ]]; then
        (cd / && pg_ctlcluster "$version" "$name" start)
    fi

    local tries=0
    until pg_isready -q -h 127.0.0.1 -p "$port"; do
        tries=$((tries + 1))
        if ((tries > 60)); then
            echo "error: PostgreSQL $version/$name did not accept connections on port $port" >&2
            exit 1
        fi
        sleep 0.5
    done

    # From /, which the postgres user can always enter.
    psql_admin() { (cd / && su postgres -c "psql -p $port -X -q -v ON_ERROR_STOP=1 -At -c \"$1\""); }
    if [[ -z "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" ]]; then
        psql_admin "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'"
    fi
    if [[ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]]; then
        psql_admin "CREATE DATABASE $database OWNER $role"
    fi

    export ROOST_TEST_POSTGRES_URL="postgres://$role:$password@127.0.0.1:$port/$database?sslmode=disable"
}

setup_postgres
if [[ -n "${ROOST_TEST_SETUP_ONLY:-}" ]]; then
    echo "ROOST_TEST_POSTGRES_URL=$ROOST_TEST_POSTGRES_URL"
    exit 0
fi

# The TLS tests make a self-signed certificate with openssl and speak HTTP/2 and HTTP/1.1
# to the server with curl (Debian's curl has HTTP/2 through nghttp2).
ensure_tls_test_tools() {
    local missing=()
    command -v openssl >/dev/null || missing+=(openssl)
    command -v curl >/dev/null || missing+=(curl)
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) -ne 0 ]]; then
        echo "error: the TLS tests need ${missing[*]}; install them (apt-get install ${missing[*]})" >&2
        exit 1
    fi
    echo "==> Installing ${missing[*]} from Debian's packages"
    local log
    log=$(mktemp)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
           DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
        cat "$log" >&2
        echo "error: could not install ${missing[*]} with apt-get" >&2
        exit 1
    fi
    rm -f "$log"
}
ensure_tls_test_tools

echo "==> Building all targets and tests"
swift build --build-tests

# ScaffoldTests builds a project made by `roost new` and runs its tests: it compiles Roost and
# its dependencies again in .build-scaffold/ (measured: 13.5 min cold on 2 busy cores, under a
# minute when .build-scaffold/ is kept). ROOST_SLOW_TESTS=0 skips it.
export ROOST_SLOW_TESTS="${ROOST_SLOW_TESTS:-1}"

if [ "$#" -gt 0 ]; then
    echo "==> Running tests: $*"
    swift test --skip-build "$@"
    exit 0
fi

# Two tests load the whole machine — 10,000 client sockets against the demo, and a build of a
# generated project — so they run on their own after the rest, where they cannot starve the
# time-outs of tests running beside them.
# The rest run one at a time: on two cores, Swift Testing's parallel run let CPU-heavy tests
# (password hashing, child processes) starve the cooperative threads of tests with time-outs
# for seconds (a slow-loris client not sending its first line in time, pool acquisitions
# timing out). Serial, the suite takes about a minute.
HEAVY='stillServesANewClientWithTenThousandIdleConnectionsOpen|ScaffoldTests'
echo "==> Running tests"
swift test --skip-build --no-parallel --skip "$HEAVY"
echo "==> Running the 10,000-connection test"
swift test --skip-build --filter stillServesANewClientWithTenThousandIdleConnectionsOpen
echo "==> Running the scaffold tests (ROOST_SLOW_TESTS=$ROOST_SLOW_TESTS)"
swift test --skip-build --filter ScaffoldTests
