#pragma once
// The neutral model every stage shares (it depends on util/ only): the sign-in request that
// front ends resolve, the finding that checks produce, and the report that renderers print.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace tcg {

enum class Severity { Note = 0, Warning = 1, Error = 2 };
std::string_view severity_name(Severity s);  // "note" | "warning" | "error"
std::optional<Severity> parse_severity(std::string_view text);

// One `taskcluster signin` request, as reviewed or as resolved from a shell file.
struct SigninRequest {
  SourceLocation where;          // no position for `review`
  std::string context;           // alias or function name, plus "/<case label>" for a branch
  std::optional<std::string> root_url;  // nullopt: unknown
  std::string cluster;           // policy cluster name; "" when the root URL is not a known cluster
  bool production = true;        // per the policy (unknown clusters follow `unknown_cluster`)
  std::vector<std::string> scopes;       // after the newline split; the default ["*"] when none given
  bool scopes_known = true;
  bool scopes_defaulted = false;         // no -s was given, so the CLI asks for `*`
  std::vector<std::string> scope_args;   // the raw -s values, before the newline split
  std::string expires = "1d";            // the --expires text as given (the default when absent)
  std::optional<int64_t> expires_seconds;  // nullopt when unknown or invalid
  bool expires_known = true;
  bool expires_defaulted = false;
  // "" for a sign-in request; for the credentials in use (whoami, run), who holds these scopes
  // ("the credentials of relduty/cli"): the rules' messages then say they hold, not request.
  std::string holder;
  // lint, a sign-in reached through a call of a function or alias: `where` is the call and this
  // is where `taskcluster signin` is written (the body); its findings point at both.
  std::optional<SourceLocation> written_at;
};

// A place or a finding that belongs to another finding: where a sign-in reached through a call
// is written, or a finding of the same cause folded into the one reported (judge/fold.cpp).
struct RelatedLocation {
  SourceLocation where;  // no file: there is no place to show (review)
  std::string message;
  std::string rule;      // a folded finding's rule id; "" for a plain location
  Severity severity = Severity::Note;  // a folded finding's own level
};

struct Finding {
  std::string rule;
  Severity severity = Severity::Error;
  std::string message;
  std::string help;
  SourceLocation where;          // no file for `review`
  std::string context;
  std::optional<size_t> request;  // index into the report's requests
  // lint, text format: the line at `where.line` as it is in the file, for the snippet under the
  // finding; "" when there is none to show (other formats, --no-snippet, a line that may hold a token).
  std::string source_line;
  // The places and folded findings of the same cause, in order (judge/fold.cpp).
  std::vector<RelatedLocation> related;
};

// An input that could not be checked: a missing path, an unreadable file, a path with nothing to
// lint. Errors make the run fail (exit 2) after the rest is linted and reported.
struct InputProblem {
  Severity severity = Severity::Error;
  std::string message;
  std::string path;  // as given or as walked; "" when none
};

struct Report {
  std::vector<Finding> findings;
  std::vector<SigninRequest> requests;
  // lint: every file read and judged (as findings name them), in order; nullopt where a front end
  // reads no files (review, whoami), so renderers leave the list and the "N files" line out.
  std::optional<std::vector<std::string>> files;
  std::vector<InputProblem> problems;

  bool any_input_error() const;

  size_t count(Severity s) const;
  bool any_at_or_above(Severity threshold) const;
};

}  // namespace tcg
