#include "review/review.h"

#include <filesystem>

#include "judge/judge.h"
#include "rules/request_checks.h"
#include "rules/signin_rejection.h"
#include "tccli/command.h"
#include "tccli/signin_args.h"

namespace tcg::review {

SigninRequest resolve_signin(const policy::Policy& policy, SigninRequest request,
                             const std::optional<std::string>& root_url) {
  request.root_url = root_url;
  request.context = "taskcluster signin";
  rules::resolve_cluster(policy, request);
  return request;
}

namespace {

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
  if (tccli::signin_form(parsed) == tccli::SigninForm::Rejected || tccli::stray_words_only(parsed)) {
    std::vector<tccli::SigninArg> words;
    for (const auto& a : signin_args) words.push_back(tccli::SigninArg{a, true, {}});
    return Error{rules::signin_rejection_sentence(rules::signin_command_text(words), parsed), {}};
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
