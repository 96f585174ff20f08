#!/usr/bin/env bash
# Test deployment command. It fails as the build version asks:
# - "broken-in-<ENV>": fails like a broken deployment in that environment only;
# - "broken": fails like a broken deployment everywhere;
# - "flaky": fails once per environment (a fault in the environment), then deploys;
# - "noisy": prints about 1 MB, one line of it 100 KB long, and fails.
# - "slow-in-<ENV>": in that environment only, writes <ENV>/slow-<build>.started and then runs
#   for 120 s before it deploys, so that a test can kill the application while it runs.
# Otherwise it deploys with the shipped demo script.
# With CCMT_TEST_COMMAND_LOG set, each run first appends "<ENV> <releaseId> <build>" to that file,
# so a test can count how often the command started for one attempt.
set -euo pipefail
if [[ -n "${CCMT_TEST_COMMAND_LOG:-}" ]]; then
  echo "$1 $2 $3" >> "$CCMT_TEST_COMMAND_LOG"
fi
fail() {
  echo "ERROR: build $3 cannot be installed in $1: missing database migration"
  exit 3
}
if [[ "$3" == *broken-in-* ]]; then
  if [[ "$3" == *broken-in-"$1"* ]]; then fail "$@"; fi
elif [[ "$3" == *broken* ]]; then
  fail "$@"
fi
if [[ "$3" == *flaky* ]]; then
  marker="${CCMT_DATA_DIR:-./data}/environments/$1/flaky-$3"
  if [[ ! -e "$marker" ]]; then
    mkdir -p "$(dirname "$marker")" && touch "$marker"
    echo "ERROR: $1 refused the connection: the environment's load balancer is down"
    exit 5
  fi
fi
if [[ "$3" == *slow-in-"$1"* ]]; then
  mkdir -p "${CCMT_DATA_DIR:-./data}/environments/$1"
  touch "${CCMT_DATA_DIR:-./data}/environments/$1/slow-$3.started"
  sleep 120
fi
if [[ "$3" == *noisy* ]]; then
  head -c 102400 /dev/zero | tr '\0' 'x'
  echo
  yes "$(head -c 999 /dev/zero | tr '\0' 'y')" | head -n 920 || true
  echo "ERROR: build $3 failed after a very long log"
  exit 4
fi
exec bash "$(dirname "$0")/../../../../scripts/deploy.sh" "$@"
