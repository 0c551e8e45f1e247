#include "review/review.h"

#include <filesystem>

#include "judge/judge.h"
#include "policy/suggest.h"
#include "rules/request_checks.h"
#include "tccli/command.h"
#include "tccli/signin_args.h"
#include "util/shell_quote.h"

namespace tcg::review {

SigninRequest resolve_signin(const policy::Policy& policy, SigninRequest request,
                             const std::optional<std::string>& root_url) {
  request.root_url = root_url;
  request.context = "taskcluster signin";
  rules::resolve_cluster(policy, request);
  return request;
}

namespace {

// A word as the user would type it: bare when that is unambiguous, else single-quoted.
std::string shell_word(const std::string& w) {
  bool plain = !w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                                 "-_=:/.,+@%^") == std::string::npos;
  return plain ? w : posix_quoted(w);
}

Report judge_one(const policy::Policy& policy, SigninRequest request) {
  judge::Subject subject;
  subject.signins.push_back(std::move(request));
  return judge::judge(policy, subject).report;
}

}  // namespace

Report review_signin_args(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                          const std::optional<std::string>& root_url) {
  return judge_one(policy, resolve_signin(policy, tccli::parse_signin_args(signin_args).request, root_url));
}

Result<SigninRequest> resolve_signin_strict(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                                            const std::optional<std::string>& root_url) {
  tccli::SigninArgs parsed = tccli::parse_signin_args(signin_args);
  if (!parsed.problems.empty()) {
    const std::string& first = parsed.problems.front().message;
    std::string hint;
    if (!parsed.unknown_flags.empty() && first == "unknown flag: " + parsed.unknown_flags.front())
      hint = policy::did_you_mean(parsed.unknown_flags.front(), tccli::signin_long_flags());
    // The arguments as given, in their order, so the user sees which word the CLI would stop at.
    std::string shown = "taskcluster signin";
    for (const auto& a : signin_args) shown += " " + shell_word(a);
    return Error{"`" + shown + "` would be rejected by the CLI: " + first + hint, {}};
  }
  return resolve_signin(policy, std::move(parsed.request), root_url);
}

Result<Report> review_signin_strict(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                                    const std::optional<std::string>& root_url) {
  auto request = resolve_signin_strict(policy, signin_args, root_url);
  if (!request) return request.error();
  return judge_one(policy, std::move(*request));
}

Result<SigninCommand> parse_signin_command(const std::vector<std::string>& words) {
  SigninCommand cmd;
  size_t i = 0;
  for (; i < words.size(); ++i) {
    const std::string& w = words[i];
    auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0) break;
    bool is_name = true;
    for (size_t k = 0; k < eq; ++k) {
      char c = w[k];
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) is_name = false;
    }
    if (!is_name) break;
    cmd.env.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  if (i >= words.size() || !tccli::names_taskcluster(words[i]))
    return Error{"expected `taskcluster signin [ARGS...]` after `--`", {}};
  ++i;
  if (i >= words.size() || words[i] != "signin")
    return Error{"only `taskcluster signin` can be reviewed (got `taskcluster" +
                     (i < words.size() ? " " + words[i] : std::string()) + "`); guard other commands with `tcguard run`",
                 {}};
  cmd.args.assign(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, words.end());
  return cmd;
}

}  // namespace tcg::review
