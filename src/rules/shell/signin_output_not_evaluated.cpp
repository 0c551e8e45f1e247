// signin-output-not-evaluated: `taskcluster signin` prints three export lines; unless the shell
// evaluates them, the new credentials never reach it (and the old ones stay in use).
#include <map>
#include <utility>

#include "rules/shell/shell_check.h"

namespace tcg::rules {
namespace {

using shell::Consumption;

class SigninOutputNotEvaluatedCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "signin-output-not-evaluated"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
    // One call site may be reached on several paths (and through calls): it is fine when any of
    // them evaluates the output, e.g. a wrapper function used as eval "$(wrapper)".
    std::map<std::pair<int, int>, std::vector<size_t>> sites;
    const auto& calls = facts.analysis.signins;
    for (size_t i = 0; i < calls.size(); ++i) sites[{calls[i].where.line, calls[i].where.column}].push_back(i);
    for (const auto& [pos, indexes] : sites) {
      bool fine = false;
      size_t worst = indexes.front();
      for (size_t i : indexes) {
        Consumption c = calls[i].consumption;
        if (c == Consumption::Evaluated || c == Consumption::Redirected) fine = true;
        if (rank(c) > rank(calls[worst].consumption)) worst = i;
      }
      if (fine) continue;
      const auto& call = calls[worst];
      Finding f = finding(call.where, call.context, message(call.consumption),
                          "Evaluate what signin prints: `eval \"$(taskcluster signin ...)\"` (or "
                          "eval `taskcluster signin ...`).");
      f.request = facts.call_request_index[worst];
      out.push_back(std::move(f));
    }
  }

 private:
  static int rank(Consumption c) {
    switch (c) {
      case Consumption::EvalCommand: return 4;
      case Consumption::Captured: return 3;
      case Consumption::Piped: return 2;
      case Consumption::Printed: return 1;
      default: return 0;
    }
  }

  static std::string message(Consumption c) {
    switch (c) {
      case Consumption::EvalCommand:
        return "`eval taskcluster signin ...` evaluates the command, not its output: the export lines are "
               "printed and the credentials never reach the shell";
      case Consumption::Captured:
        return "the output of `taskcluster signin` is captured but never evaluated: the credentials never "
               "reach the shell";
      case Consumption::Piped:
        return "the output of `taskcluster signin` is piped to another command, not evaluated: the credentials "
               "never reach the shell";
      default:
        return "the output of `taskcluster signin` is printed, not evaluated: the credentials never reach the "
               "shell";
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_signin_output_not_evaluated_check() {
  return std::make_unique<SigninOutputNotEvaluatedCheck>();
}
}  // namespace tcg::rules
