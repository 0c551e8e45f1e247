#pragma once
// What the symbolic evaluator learns from one shell file: every `taskcluster signin` call on every
// path (with its argv words, root URL and how its output is consumed), the alias and function
// helpers, and the parsed scripts (the file and every alias body / eval'd string), so that the
// checks in rules/shell/ can look at the syntax too.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shell/ast.h"
#include "shell/dialect.h"
#include "tccli/signin_args.h"
#include "util/result.h"

namespace tcg::shell {

// Where the export lines that `taskcluster signin` prints end up.
enum class Consumption {
  Evaluated,    // eval "$(..)", eval `..`, source <(..), or a variable later eval'd
  Printed,      // a bare call: the lines go to the terminal
  EvalCommand,  // eval taskcluster signin ...: evaluates the command, not its output
  Captured,     // $(..) whose value is never eval'd
  Piped,        // into another command
  Redirected,   // into a file (consumption unknown: not judged)
};

struct SigninCall {
  std::vector<tccli::SigninArg> args;   // the words after `signin`
  SourceLocation where;                 // the `taskcluster` word
  std::string context;                  // "tc-relduty", "tc-signin/relduty", "f called at line 12"
  std::optional<std::string> root_url;  // nullopt: unset or unknown
  bool root_url_known = false;
  std::string root_url_piece;           // what hides it when unknown ("$url", "the environment")
  Consumption consumption = Consumption::Printed;
  int sink = 0;                         // internal: >0 is the command substitution id
  std::string helper;                   // alias or function whose body holds the call ("" top level)
  bool in_alias = false;
  // Reached through a call of a function or alias: the outermost call (the name word) that led
  // here, where the sign-in happens; `where` stays the `taskcluster` word in the body.
  std::optional<SourceLocation> called_at;

  // The arguments as the CLI reads them. Parsed once: lint asks for them three times per call
  // (setting non-sign-ins aside, the request, signin-invalid-arguments). `args` never changes
  // after the evaluator records the call.
  const tccli::SigninArgs& parsed() const {
    if (!parsed_cache) parsed_cache = tccli::parse_signin_args(args);
    return *parsed_cache;
  }
  mutable std::optional<tccli::SigninArgs> parsed_cache;
};

// A `taskcluster` command other than `signin`, as the evaluator reached it on one path; lint
// judges the state-changing ones with the policy's `actions` (rules/shell/script_actions.cpp).
struct CliCall {
  std::vector<std::string> args;        // the words after `taskcluster`; an unknown one as written ("$t")
  std::vector<bool> known;              // per word of args
  SourceLocation where;                 // the `taskcluster` word
  std::string context;                  // as for sign-ins: "retrigger_all called at line 12"
  std::optional<std::string> root_url;  // nullopt: unset or unknown
  bool root_url_known = false;
  std::string root_url_piece;           // what hides it when unknown
  std::string via;                      // "" run directly; "xargs", "parallel", "tcguard run"
  bool confirm_given = false;           // `tcguard run --confirm NAME` or TCGUARD_CONFIRM=NAME
  std::optional<std::string> confirm;   // NAME when known
};

// A file a sign-in's output is written to (`> f`, `>> f`, `| tee f`), and what later touches it.
struct CredentialFile {
  size_t signin = 0;        // index into Analysis::signins
  std::string target;       // the file as resolved; an unknown one as written ("$TMPDIR/creds")
  bool known = false;
  SourceLocation where;     // the redirection operator (or the tee word)
  long seq = 0;             // order of evaluation
};
struct FileUse {
  std::string target;       // as for CredentialFile::target
  SourceLocation where;
  long seq = 0;
  long trap = 0;            // >0: in the handler of the EXIT trap set at this seq (runs when the shell exits)
};

// A use of $@, $*, $1.. inside an alias body.
struct PositionalUse {
  std::string text;  // "$@", "${1}", ...
  SourceLocation where;
};

enum class HelperKind { Alias, Function };

struct Helper {
  HelperKind kind = HelperKind::Function;
  std::string name;
  std::string body_text;     // alias: its value; function: the source text of its body
  SourceLocation where;      // the name
  const Command* body = nullptr;  // parsed body (owned by Analysis::scripts)
  std::vector<PositionalUse> positional;  // aliases only
};

struct Analysis {
  std::string file;
  Dialect dialect = Dialect::Bash;  // how the file was read
  std::vector<SigninCall> signins;
  // Calls that sign nobody in, taken out of `signins` by set_aside_non_signins(): arguments the
  // CLI rejects (reported by signin-invalid-arguments), -h/--help, --check.
  std::vector<SigninCall> not_signins;
  std::vector<Helper> helpers;
  // The file's own script first, then every alias body and eval'd string that was parsed.
  std::vector<std::shared_ptr<Script>> scripts;
  std::vector<CliCall> cli_calls;             // every other `taskcluster` command reached
  std::vector<CredentialFile> credential_files;
  std::vector<FileUse> removed_files;          // operands of rm, shred, unlink
  std::vector<FileUse> sourced_files;          // operands of source and .
  long last_exit_trap = 0;                     // seq of the last `trap ... EXIT` (each replaces the one before)
  std::vector<Comment> comments;  // of the file itself
  std::vector<Extent> extents;
  bool listing_form = false;      // the file is an `alias` listing (name='value' lines)
  // Where evaluation fell short: it stopped early (budget or nesting spent: pathological input),
  // or some command had more paths than the evaluator follows at once. Sign-ins it did not reach
  // are reported then.
  bool budget_exhausted = false;
  bool paths_dropped = false;
};

// Parses and evaluates `text` (the content of `file`, used in every location). Calls of functions
// that cannot change what lint reports are not followed (shell/unneeded_calls.h);
// `follow_every_call` follows them all, to show that this changes no result.
Analysis analyze(std::string_view text, const std::string& file, Dialect dialect = Dialect::Bash,
                 bool follow_every_call = false);

// Moves every call whose arguments do not sign in (tccli::signin_form) from `signins` to
// `not_signins`: lint judges only real requests, as review does.
void set_aside_non_signins(Analysis& analysis);

// Is this word (after expansion) the Taskcluster CLI binary? `taskcluster`, `./taskcluster`,
// `/usr/local/bin/taskcluster`.
bool is_taskcluster_binary(std::string_view word);

// Are a simple command's words i and i+1 written as `taskcluster signin` (no expansion)?
bool writes_signin_at(const Command& simple, size_t i);

}  // namespace tcg::shell

namespace tcg::shell {

// Fail closed where the parser lost its place: every `taskcluster` word of the file's text that
// no parsed word, comment, here-document or judged sign-in accounts for (text the parser skipped
// or swallowed into a word, quote or arithmetic that bash would have ended). With
// `stopped_short` (the evaluator gave up somewhere), also those written inside strings on a line
// that names `signin`, since an eval of that string may never have been followed.
std::vector<Pos> unfollowed_taskcluster_words(const Analysis& analysis, bool stopped_short);

}  // namespace tcg::shell
