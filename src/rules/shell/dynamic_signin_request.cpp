// dynamic-signin-request: a sign-in whose scopes or lifetime depend on a word the evaluator
// cannot resolve (a function's "$@", a variable from the environment, a command's output).
#include <set>
#include <utility>

#include "rules/shell/shell_check.h"

namespace tcg::rules {
namespace {

bool takes_scope(const std::string& flag) { return flag == "-s" || flag == "--scope"; }

class DynamicSigninRequestCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "dynamic-signin-request"; }

  void check(const ShellFacts& facts, std::vector<Finding>& out) const override {
    std::set<std::tuple<int, int, std::string>> seen;
    const auto& calls = facts.analysis.signins;
    for (size_t i = 0; i < calls.size(); ++i) {
      const SigninRequest& r = facts.call_requests[i];
      if (r.scopes_known && r.expires_known) continue;
      std::vector<std::string> scope_pieces, expiry_pieces, both;
      const auto& args = calls[i].args;
      for (size_t k = 0; k < args.size(); ++k) {
        if (args[k].known) continue;
        const std::string& t = args[k].text;
        std::string prev = k > 0 && args[k - 1].known ? args[k - 1].text : "";
        if (takes_scope(prev) || t.rfind("--scope=", 0) == 0 || t.rfind("-s", 0) == 0) {
          scope_pieces.push_back(t);
        } else if (prev == "--expires" || t.rfind("--expires=", 0) == 0) {
          expiry_pieces.push_back(t);
        } else if (prev == "-n" || prev == "--name" || prev == "-p" || prev == "--port" ||
                   t.rfind("--name=", 0) == 0) {
          continue;
        } else {
          both.push_back(t);
        }
      }
      std::string message;
      auto list = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "`" : ", `") + x + "`";
        return s;
      };
      if (!both.empty()) {
        message = "the scopes and lifetime of this sign-in depend on " + list(both) +
                  ", which cannot be resolved here";
      } else {
        if (!r.scopes_known && !scope_pieces.empty())
          message = "the scopes of this sign-in depend on " + list(scope_pieces);
        if (!r.expires_known && !expiry_pieces.empty()) {
          message += message.empty() ? "the lifetime of this sign-in depends on " : "; its lifetime on ";
          message += list(expiry_pieces);
        }
        if (message.empty()) continue;
        message += ", which cannot be resolved here";
      }
      if (!seen.insert({calls[i].where.line, calls[i].where.column, message}).second) continue;
      Finding f = finding(calls[i].where, calls[i].context, std::move(message),
                          "Policy rules were checked only on what is known. Give the scopes and --expires as "
                          "literals (a `case` per purpose), or review each use with `tcguard review`.");
      f.request = facts.call_request_index[i];
      out.push_back(std::move(f));
    }
  }
};

}  // namespace
std::unique_ptr<ShellCheck> make_dynamic_signin_request_check() {
  return std::make_unique<DynamicSigninRequestCheck>();
}
}  // namespace tcg::rules
