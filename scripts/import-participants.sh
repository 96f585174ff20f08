#!/usr/bin/env bash
# Loads a programme's participant list from a CSV file into a running CCMT Release Manager.
# All or nothing: a bad row rejects the whole file, and the answer names its line. Known codes
# are updated (with history), new ones created; the answer lists {created, updated, unchanged}.
#
#   scripts/import-participants.sh participants.csv [base-url]
#
# Credentials of a release manager or the administrator come from CCMT_USER and CCMT_PASSWORD
# (asked for when unset). base-url defaults to http://localhost:8080.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 participants.csv [base-url]" >&2
  exit 2
fi
file=$1
base_url=${2:-http://localhost:8080}
[[ -r $file ]] || { echo "$0: cannot read $file" >&2; exit 2; }

user=${CCMT_USER:-}
if [[ -z $user ]]; then
  read -r -p "CCMT user: " user
fi
password=${CCMT_PASSWORD:-}
if [[ -z $password ]]; then
  read -r -s -p "Password for $user: " password
  echo >&2
fi

answer=$(mktemp)
trap 'rm -f "$answer"' EXIT
status=$(curl --silent --show-error --output "$answer" --write-out '%{http_code}' \
  --user "$user:$password" --header 'Content-Type: text/csv' --data-binary "@$file" \
  "$base_url/api/participants/import")
cat "$answer"
echo
# 201 when it created an organisation, 200 when it only updated (or changed nothing)
if [[ $status != 201 && $status != 200 ]]; then
  echo "$0: import refused (HTTP $status); nothing was imported" >&2
  exit 1
fi
