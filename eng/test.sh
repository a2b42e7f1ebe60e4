#!/usr/bin/env bash
# Runs every test of the repository: the single entry point for developers and CI.
# It installs and starts what the tests need first (Debian's chromium for the browser tests, a throwaway PostgreSQL
# on 127.0.0.1), then runs `dotnet test` on the whole solution. Test results (TRX) land in TestResults/. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  echo "installing chromium (headless browser tests)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

TEST_PG="$(bash eng/start-postgres.sh)"
export TEST_PG

rm -rf TestResults
dotnet test Integrations.sln -c Release --logger "trx;LogFilePrefix=results" --results-directory TestResults "$@"
