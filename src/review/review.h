#pragma once
// `tcguard review` / `tcguard signin`: a sign-in request judged before it happens.
#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"
#include "model/finding.h"
#include "util/result.h"

namespace tcg::review {

// Reviews `taskcluster signin ARGS` (args after "signin") as the real CLI would parse them, on the
// cluster of `root_url` (the caller passes $TASKCLUSTER_ROOT_URL; nullopt = unset). Policy
// exceptions are applied. The report holds exactly one request. Arguments the real CLI would
// reject are ignored here (the real CLI reports them itself).
Report review_signin_args(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                          const std::optional<std::string>& root_url);

// The same, but arguments the real CLI would reject (unknown flags, a flag without its value) are an
// error: what `tcguard review` says before the user runs the command.
Result<Report> review_signin_strict(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                                    const std::optional<std::string>& root_url);

// Resolving, before judging: the request on the cluster of `root_url`, with review's context.
SigninRequest resolve_signin(const policy::Policy& policy, SigninRequest request,
                             const std::optional<std::string>& root_url);
// parse_signin_args, strictly (as review_signin_strict), then resolve_signin.
Result<SigninRequest> resolve_signin_strict(const policy::Policy& policy, const std::vector<std::string>& signin_args,
                                            const std::optional<std::string>& root_url);

// Splits `[VAR=value...] [path/]taskcluster signin ARGS` into the environment prefix and the signin
// arguments; an error when the words are not a signin command.
struct SigninCommand {
  std::vector<std::pair<std::string, std::string>> env;
  std::vector<std::string> args;
};
Result<SigninCommand> parse_signin_command(const std::vector<std::string>& words);

}  // namespace tcg::review
