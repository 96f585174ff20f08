#!/usr/bin/env bash
# Demo smoke test: ccmt.smoke-test.command, run as
#   smoke-test.sh <environment> <releaseId>
# Passes (exit 0) when the environment's manifest says it runs the release. For the demo: while a
# file $CCMT_DATA_DIR/fail-smoke-<environment> exists, the smoke test of that environment fails.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 <environment> <releaseId>" >&2
  exit 2
fi
environment=$1 release_id=$2
data_dir="${CCMT_DATA_DIR:-./data}"
manifest="${data_dir}/environments/${environment}/release.manifest"

if [ -e "${data_dir}/fail-smoke-${environment}" ]; then
  echo "FAIL: smoke test of ${release_id} in ${environment} failed on request" \
    "(${data_dir}/fail-smoke-${environment} exists; delete it and the next attempt passes)"
  exit 1
fi

if [ ! -f "$manifest" ]; then
  echo "FAIL: ${environment} has no release manifest (${manifest})"
  exit 1
fi
if ! grep -qx "release=${release_id}" "$manifest"; then
  echo "FAIL: ${environment} runs $(grep '^release=' "$manifest" | cut -d= -f2), not ${release_id}"
  exit 1
fi
echo "PASS: ${environment} runs ${release_id} ($(grep '^build=' "$manifest" | cut -d= -f2))"
