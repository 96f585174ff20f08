#!/usr/bin/env bash
# Test deployment command: fails like a broken deployment when the build version contains
# "broken", otherwise deploys with the shipped demo script.
set -euo pipefail
if [[ "$3" == *broken* ]]; then
  echo "ERROR: build $3 cannot be installed in $1: missing database migration"
  exit 3
fi
exec bash "$(dirname "$0")/../../../../scripts/deploy.sh" "$@"
