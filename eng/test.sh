#!/usr/bin/env bash
# Runs every test of the repository: the single entry point for developers and CI.
# It installs and starts what the tests need first (Debian's chromium for the browser tests, a throwaway PostgreSQL
# on 127.0.0.1), then runs `dotnet test` on the whole solution. Test results (TRX) land in TestResults/. Extra arguments go to `dotnet test`.
# Every test must run: it fails when a test was skipped (without TEST_PG, plain `dotnet test` skips the PostgreSQL ones).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  echo "installing chromium (headless browser tests)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

TEST_PG="$(bash eng/start-postgres.sh)"
export TEST_PG

rm -rf TestResults
rc=0
dotnet test Integrations.sln -c Release --logger "trx;LogFilePrefix=results" --results-directory TestResults "$@" || rc=$?

# xunit's skips are results whose outcome is NotExecuted (the TRX Counters do not count them)
skipped=$(cat TestResults/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' | sed 's/.* testName="\([^"]*\)".*/\1/' || true)
if [ -n "$skipped" ]; then
  echo "$(wc -l <<<"$skipped") test(s) skipped, and every test must run here:" >&2
  sed 's/^/  skipped: /' <<<"$skipped" >&2
  [ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
