# Taskcluster sign-in helpers for release duty. Source this file from ~/.bashrc.
#
#   tc-signin relduty   rerun and cancel tasks on FirefoxCI, for an hour
#   tc-signin actions   trigger in-tree actions (Chain of Trust safe), for 30 minutes
#   tc-signin staging   anything on the staging cluster
#   tc-signin admin     root on FirefoxCI, for 15 minutes
#   tc-logout           forget the credentials

tc-signin() {
  local purpose="${1:-relduty}"
  local url=https://firefox-ci-tc.services.mozilla.com/
  local t=1h
  local -a scopes
  case "$purpose" in
    relduty)
      scopes=(
        'queue:rerun-task:*'
        'queue:cancel-task:*'
      )
      ;;
    actions)
      scopes=(
        'hooks:trigger-hook:project-gecko/in-tree-action-3-generic/*'
        'hooks:trigger-hook:project-gecko/in-tree-action-1-generic/*'
      )
      t=30m
      ;;
    staging)
      url=https://stage.taskcluster.nonprod.webservices.mozgcp.net/
      scopes=('*')
      t=8h
      ;;
    admin)
      scopes=('*')
      t=15m
      ;;
    *)
      echo "usage: tc-signin relduty|actions|staging|admin" >&2
      return 1
      ;;
  esac
  local s
  s="$(IFS=$'\n'; echo "${scopes[*]}")"
  eval "$(TASKCLUSTER_ROOT_URL=$url taskcluster signin --expires=$t --scope="$s")"
}

tc-logout() {
  unset TASKCLUSTER_CLIENT_ID TASKCLUSTER_ACCESS_TOKEN TASKCLUSTER_CERTIFICATE
}
