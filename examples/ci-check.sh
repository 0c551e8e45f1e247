#!/usr/bin/env bash
# Nightly CI job: rerun the failed tasks of a task group on the staging cluster.
# Usage: ci-check.sh TASK_GROUP_ID
set -euo pipefail

export TASKCLUSTER_ROOT_URL="${TASKCLUSTER_ROOT_URL:-https://stage.taskcluster.nonprod.webservices.mozgcp.net/}"
export TASKCLUSTER_CLIENT_ID=project/releng/nightly-rerun
export TASKCLUSTER_ACCESS_TOKEN=dGhpcy1pcy1ub3QtYS1yZWFsLXRva2VuLWJ1dC1sb29rcy1saWtlLW9uZQ

group="${1:?usage: ci-check.sh TASK_GROUP_ID}"

if [[ -n "${DEBUG_SIGNIN:-}" ]]; then
  # Debugging from a laptop: sign in interactively instead.
  taskcluster signin --expires 15m -s 'queue:rerun-task:gecko-level-1/*'
fi

for task in $(taskcluster group list --failed "$group"); do
  taskcluster task rerun "$task"
done
