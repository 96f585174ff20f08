#!/usr/bin/env bash
# Test smoke test: fails when the environment runs a build whose version contains "smoke-fails",
# otherwise runs the shipped demo smoke test.
set -euo pipefail
manifest="${CCMT_DATA_DIR:-./data}/environments/$1/release.manifest"
if grep -q '^build=.*smoke-fails' "$manifest" 2>/dev/null; then
  echo "FAIL: the nomination screen of $2 returns HTTP 500 in $1"
  exit 1
fi
exec bash "$(dirname "$0")/../../../../scripts/smoke-test.sh" "$@"
