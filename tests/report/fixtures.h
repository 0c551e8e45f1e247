#pragma once
// Small reports shared by the renderer tests.
#include "model/finding.h"

namespace tcg::test {

inline Finding make_finding(std::string rule, Severity severity, std::string message, std::string help,
                            std::string file = "", int line = 0, int column = 0, std::string context = "",
                            std::optional<size_t> request = std::nullopt) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.message = std::move(message);
  f.help = std::move(help);
  f.where = {std::move(file), line, column};
  f.context = std::move(context);
  f.request = request;
  return f;
}

// The seed's tc-relduty alias, resolved: two wildcard scopes for an hour on firefoxci.
inline SigninRequest relduty_request() {
  SigninRequest r;
  r.where = {"dotfiles/aliases.sh", 3, 1};
  r.context = "tc-relduty";
  r.root_url = "https://firefox-ci-tc.services.mozilla.com/";
  r.cluster = "firefoxci";
  r.production = true;
  r.scopes = {"queue:rerun-task:*", "queue:cancel-task:*"};
  r.scope_args = r.scopes;
  r.expires = "1h";
  r.expires_seconds = 3600;
  return r;
}

// A lint report: an error and a warning with positions, a note without a column.
inline Report lint_report() {
  Report r;
  r.requests.push_back(relduty_request());
  r.findings.push_back(make_finding("alias-positional-args", Severity::Error,
                                    "alias tc-signin uses \"$@\", which an alias never receives",
                                    "Define a function instead: tc-signin() { ...; }", "dotfiles/aliases.sh", 1, 7,
                                    "tc-signin"));
  r.findings.push_back(make_finding("signin-default-scopes", Severity::Warning,
                                    "no --scope given, so the sign-in asks for `*`",
                                    "Pass -s for each scope the work needs.", "dotfiles/aliases.sh", 1, 20,
                                    "tc-signin", 0));
  r.findings.push_back(make_finding("scope-redundant", Severity::Note, "queue:a is covered by queue:*", "",
                                    "dotfiles/aliases.sh", 5, 0, "tc-relduty", 0));
  return r;
}

// A review report: no files at all.
inline Report review_report() {
  Report r;
  SigninRequest req;
  req.context = "";
  req.root_url = std::nullopt;
  req.scopes = {"*"};
  req.scopes_defaulted = true;
  req.expires = "1d";
  req.expires_seconds = 86400;
  req.expires_defaulted = true;
  r.requests.push_back(req);
  r.findings.push_back(make_finding("root-scope-expiry", Severity::Error, "root scope `*` for 1d (more than 15m)",
                                    "Sign in with --expires 15m.", "", 0, 0, "", 0));
  return r;
}

}  // namespace tcg::test
