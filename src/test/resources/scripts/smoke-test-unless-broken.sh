#!/usr/bin/env bash
# Test smoke test: fails when the environment runs a build whose version contains "smoke-fails"
# ("smoke-fails-in-<ENV>": only in that environment), otherwise runs the shipped demo smoke test.
set -euo pipefail
manifest="${CCMT_DATA_DIR:-./data}/environments/$1/release.manifest"
build=$(sed -n 's/^build=//p' "$manifest" 2>/dev/null || true)
if [[ "$build" == *smoke-fails-in-* ]]; then
  if [[ "$build" == *smoke-fails-in-"$1"* ]]; then
    echo "FAIL: the nomination screen of $2 returns HTTP 500 in $1"
    exit 1
  fi
elif [[ "$build" == *smoke-fails* ]]; then
  echo "FAIL: the nomination screen of $2 returns HTTP 500 in $1"
  exit 1
fi
exec bash "$(dirname "$0")/../../../../scripts/smoke-test.sh" "$@"
