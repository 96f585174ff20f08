#!/usr/bin/env bash
# Demo deployment command: ccmt.deployment.command, run as
#   deploy.sh <environment> <releaseId> <buildVersion>
# It "deploys" by writing a release manifest under $CCMT_DATA_DIR/environments/<environment>/.
# Replace it with the programme's real deployment (see README.md). Exit 0 = deployed.
# For the demo's fix forward: while a file $CCMT_DATA_DIR/fail-deploy-<environment> exists, every
# deployment to that environment fails (exit 1) and changes nothing; delete it to let the next pass.
set -euo pipefail

if [ "$#" -ne 3 ]; then
  echo "usage: $0 <environment> <releaseId> <buildVersion>" >&2
  exit 2
fi
environment=$1 release_id=$2 build_version=$3
data_dir="${CCMT_DATA_DIR:-./data}"
target="${data_dir}/environments/${environment}"

if [ -e "${data_dir}/fail-deploy-${environment}" ]; then
  echo "FAIL: deployment of ${release_id} build ${build_version} to ${environment} refused on request" \
    "(${data_dir}/fail-deploy-${environment} exists; delete it and the next attempt passes)"
  exit 1
fi

mkdir -p "$target"
manifest="$target/release.manifest"
tmp="$manifest.tmp.$$"
{
  echo "environment=${environment}"
  echo "release=${release_id}"
  echo "build=${build_version}"
  echo "deployedAt=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$tmp"
mv "$tmp" "$manifest"   # atomic: the environment never holds half a manifest
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) ${release_id} build ${build_version}" >> "$target/deployments.log"
echo "Deployed ${release_id} build ${build_version} to ${environment} (${manifest})"
