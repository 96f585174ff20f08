#!/usr/bin/env bash
# Demo smoke test: ccmt.smoke-test.command, run as
#   smoke-test.sh <environment> <releaseId>
# Passes (exit 0) when the environment's manifest says it runs the release.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 <environment> <releaseId>" >&2
  exit 2
fi
environment=$1 release_id=$2
manifest="${CCMT_DATA_DIR:-./data}/environments/${environment}/release.manifest"

if [ ! -f "$manifest" ]; then
  echo "FAIL: ${environment} has no release manifest (${manifest})"
  exit 1
fi
if ! grep -qx "release=${release_id}" "$manifest"; then
  echo "FAIL: ${environment} runs $(grep '^release=' "$manifest" | cut -d= -f2), not ${release_id}"
  exit 1
fi
echo "PASS: ${environment} runs ${release_id} ($(grep '^build=' "$manifest" | cut -d= -f2))"
