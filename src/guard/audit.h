#pragma once
// The audit log: one JSON line per guarded (state-changing) command. Lines from concurrent
// processes never interleave: each is one write(2) on an O_APPEND descriptor, under flock.
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
};

// The record as one line of JSON, ending in '\n'.
std::string audit_line(const AuditRecord& record);

// Appends one line (creating the folders, mode 0700, and the file, mode 0600).
Status append_audit_line(const std::string& path, const std::string& line);

// The argv with token-like values replaced by "<redacted>": values of token/secret/password-like
// keys (`accessToken=...`, `"accessToken": "..."`), `config set config.accessToken VALUE`,
// the <token> of `api hooks triggerHookWithToken`, and long random-looking words.
std::vector<std::string> redact_argv(const std::vector<std::string>& argv);

// Now, for AuditRecord::time.
std::string utc_timestamp_now();
// The local user's name ($USER, else the password database, else the uid).
std::string local_user(const Getenv& getenv);

}  // namespace tcg::guard
