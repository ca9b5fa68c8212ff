#!/usr/bin/env bash
# Runs Roost's whole test suite on a fresh machine: builds every target (the demo binary
# is exercised by end-to-end tests) and runs all tests. Safe to run again and again.
#
# Usage: scripts/test.sh [extra `swift test` arguments, e.g. --filter RoutingTests]
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> Building all targets and tests"
swift build --build-tests

echo "==> Running tests"
swift test --skip-build "$@"
