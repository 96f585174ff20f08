#!/usr/bin/env bash
# Demo convenience: moves a release to its next step by firing its next due timer now.
#   scripts/demo-next-step.sh R-2026-W50
# It looks at the release's running process instances (its business key, which the deployments
# it calls share), fires the timer job among them that is due first, and says which. A timer start
# event's job (the Monday cycle start of the weekly start) belongs to no instance, so it is never
# fired. Without a timer it names the open tasks the release waits for.
# Needs bash and curl only. Engine REST API as a release manager:
#   CCMT_URL (default http://localhost:8080), CCMT_USER (rachel), CCMT_PASSWORD (demo).
# Exit 0: a timer fired. Exit 3: nothing to fire (it says what the release waits for). Else: error.
set -euo pipefail

if [ "$#" -ne 1 ] || ! [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9-]*$ ]]; then
  echo "usage: $0 <releaseId>, such as $0 R-2026-W50" >&2
  exit 2
fi
release=$1
base="${CCMT_URL:-http://localhost:8080}"
base="${base%/}/engine-rest"
credentials="${CCMT_USER:-rachel}:${CCMT_PASSWORD:-demo}"

# call METHOD PATH: the answer's body on stdout; anything but 2xx stops the script with the answer.
call() {
  local answer status
  if ! answer=$(curl -sS -X "$1" -u "$credentials" -H 'Accept: application/json' \
    -w $'\n%{http_code}' "$base$2"); then
    echo "cannot reach the engine REST API at $base" >&2
    exit 1
  fi
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  if [[ "$status" != 2* ]]; then
    echo "$1 $2 answered $status: $answer" >&2
    exit 1
  fi
  printf '%s' "$answer"
}

# field NAME < one JSON object: the value of its string field NAME (the engine's compact JSON).
field() {
  grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | sed 's/^"[^"]*":"//; s/"$//' || true
}

# Each answer is kept first, so that a refused call stops the script (set -e) before any parsing.
found=$(call GET "/process-instance?businessKey=$release")
instances=$(grep -o '"id":"[^"]*"' <<<"$found" | sed 's/^"id":"//; s/"$//' | paste -sd, - || true)
if [ -z "$instances" ]; then
  echo "$release has no running process instance (unknown release, or it has ended)"
  exit 3
fi

job=$(call GET "/job?processInstanceIds=$instances&timers=true&active=true&sortBy=jobDueDate&sortOrder=asc&maxResults=1")
job_id=$(field id <<<"$job")
if [ -z "$job_id" ]; then
  open=$(call GET "/task?processInstanceBusinessKey=$release&sortBy=created&sortOrder=asc")
  tasks=""
  while IFS= read -r task; do
    tasks="${tasks:+$tasks, }'$task'"
  done < <(grep -o '"name":"[^"]*"' <<<"$open" | sed 's/^"name":"//; s/"$//' || true)
  if [ -n "$tasks" ]; then
    echo "$release has no timer to fire; it waits for its open tasks: $tasks"
  else
    echo "$release has no timer to fire and no open task; it is running a step (such as a" \
      "deployment) or waits for a message. See it in Cockpit."
  fi
  exit 3
fi

due=$(field dueDate <<<"$job")
definition=$(call GET "/job-definition/$(field jobDefinitionId <<<"$job")")
activity=$(field activityId <<<"$definition")
model=$(call GET "/process-definition/$(field processDefinitionId <<<"$job")/xml")
name=$(sed 's/\\"/"/g' <<<"$model" | grep -o "id=\"$activity\" name=\"[^\"]*\"" | head -n 1 \
  | sed 's/.* name="//; s/"$//' || true)

call POST "/job/$job_id/execute" >/dev/null
echo "Fired '${name:-$activity}' ($activity, due $due) of $release"
