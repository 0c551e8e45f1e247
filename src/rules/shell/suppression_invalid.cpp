// suppression-invalid: a `# tcguard:` comment that suppresses nothing, because it names a rule id
// that does not exist (`root-scope-expiri`) or is not written as a directive (`disable ID`). The
// finding it meant to silence still fails the run, and the author deserves to know why.
#include "policy/suggest.h"
#include "rules/shell/shell_check.h"
#include "shell/suppressions.h"

namespace tcg::rules {
namespace {

class SuppressionInvalidCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "suppression-invalid"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
    for (const auto& s : facts.suppressions) {
      if (s.malformed) {
        out.push_back(finding(s.where, "",
                              "`# tcguard: " + s.written + "` is not a directive tcguard reads, so it suppresses nothing",
                              "Write `# tcguard: disable=RULE-ID -- reason` (or `disable-file=` for the whole file)."));
        continue;
      }
      for (const auto& rule : s.ids) {
        if (std::find(facts.known_rule_ids.begin(), facts.known_rule_ids.end(), rule) != facts.known_rule_ids.end())
          continue;
        out.push_back(finding(s.where, "",
                              "`" + rule + "` is no rule id, so this suppression does not apply to it" +
                                  policy::did_you_mean(rule, facts.known_rule_ids),
                              "Use an id from `tcguard policy rules` (findings print theirs in brackets)."));
      }
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_suppression_invalid_check() { return std::make_unique<SuppressionInvalidCheck>(); }
}  // namespace tcg::rules
