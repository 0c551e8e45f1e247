#pragma once
// The audit log: one JSON line per guarded (state-changing) command. Lines from concurrent
// processes never interleave: each is one write(2) on an O_APPEND descriptor, under flock.
// A guarded command that cannot be recorded does not run (cmd_run.cpp), so the log is opened
// without following symlinks and only as the user's own regular file, and every line is written
// so that a shell sourcing it (a planted ~/.bashrc link) runs nothing of what it carries.
#include <string>
#include <vector>

#include "guard/env.h"
#include "util/result.h"

namespace tcg::guard {

// $TCGUARD_AUDIT_LOG, else $XDG_STATE_HOME/tcguard/audit.jsonl, else
// $HOME/.local/state/tcguard/audit.jsonl ("" when none of them is set).
std::string audit_log_path(const Getenv& getenv);

struct AuditRecord {
  std::string time;                  // UTC, ISO 8601 with milliseconds
  std::string user;                  // the local user
  std::string client_id;             // TASKCLUSTER_CLIENT_ID (not a secret); "" when unknown
  std::string cluster;               // "" when unknown
  std::string root_url;              // "" when unset
  bool production = true;
  std::string command;               // canonical command name
  std::string target;                // task / group id
  std::vector<std::string> argv;     // the CLI's argv, redacted
  std::string decision;              // "allowed" | "confirmed" | "refused" | "denied"
  std::string confirmed_by;          // "flag" | "env" | "prompt" | ""
  std::vector<std::string> rules;    // rule ids that fired
  std::string reason;                // why refused or denied
  std::string hook_id;               // `action NAME`: "<hookGroupId>/<hookId>" ("" for run)
  std::string action_task_id;        // `action NAME`: the action task the hook created ("" when none)
};

// The record as one line of JSON, ending in '\n'. Every field is redacted here (argv with
// redact_argv, the others with redact_text), whatever the caller did. Inside strings, the
// characters a shell treats specially ($ ` ( ) ; | & < > ' and \) are written as \u00XX escapes:
// the line stays the same JSON, and bash sourcing it sees one double-quoted word per string.
std::string audit_line(const AuditRecord& record);

// Appends one line. Missing folders are created (mode 0700) and the file (mode 0600); the last
// component is opened with O_NOFOLLOW and must then be a regular file owned by this user with a
// single link, else nothing is written. An error names the path and why.
Status append_audit_line(const std::string& path, const std::string& line);

// The argv with token-like values replaced by "<redacted>": values of token/secret/password-like
// keys (`accessToken=...`, `"accessToken": "..."`), `config set config.accessToken VALUE`,
// the <token> of `api hooks triggerHookWithToken`, the payload of `api secrets set NAME PAYLOAD`
// (kept as its keys only: every value becomes "<redacted>"), and what redact_text removes.
// Applying it twice gives the same result.
std::vector<std::string> redact_argv(const std::vector<std::string>& argv);

// Free text (a target id, a command name, a message) with what looks like a secret replaced by
// "<redacted>": values of secret-named keys, runs of 40 or more base64url characters mixing upper
// case, lower case and digits (Taskcluster tokens; slugids have 22), and runs of 40 or more of
// base64's alphabet with `/` or `+` (an AWS secret key) that mix them too and do not start with `/`
// (absolute paths and URLs stay readable). Scopes and task ids are left alone.
std::string redact_text(const std::string& text);

// Now, for AuditRecord::time.
std::string utc_timestamp_now();
// The local user's name ($USER, else the password database, else the uid).
std::string local_user(const Getenv& getenv);

}  // namespace tcg::guard
