# Least-privilege Taskcluster helpers: one function per purpose, exact scopes, short lifetimes.

tc-rerun() {
  eval "$(TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/ \
    taskcluster signin --expires 30m -s 'queue:rerun-task:gecko-level-1/*')"
}

tc-actions() {
  eval "$(TASKCLUSTER_ROOT_URL=https://firefox-ci-tc.services.mozilla.com/ \
    taskcluster signin --expires 15m -s 'hooks:trigger-hook:project-gecko/in-tree-action-1-generic/*')"
}

tc-logout() {
  unset TASKCLUSTER_CLIENT_ID TASKCLUSTER_ACCESS_TOKEN TASKCLUSTER_CERTIFICATE
}
