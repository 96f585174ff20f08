#!/usr/bin/env bash
# Demo deployment command: ccmt.deployment.command, run as
#   deploy.sh <environment> <releaseId> <buildVersion>
# It "deploys" by writing a release manifest under $CCMT_DATA_DIR/environments/<environment>/.
# Replace it with the programme's real deployment (see README.md). Exit 0 = deployed.
set -euo pipefail

if [ "$#" -ne 3 ]; then
  echo "usage: $0 <environment> <releaseId> <buildVersion>" >&2
  exit 2
fi
environment=$1 release_id=$2 build_version=$3
target="${CCMT_DATA_DIR:-./data}/environments/${environment}"

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
