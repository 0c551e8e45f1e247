// suppression-without-reason: a `# tcguard: disable=` comment with no `-- reason`. The
// suppression still applies; the note asks for the why, so that reviewers can judge it later.
#include "shell/suppressions.h"
#include "rules/shell/shell_check.h"

namespace tcg::rules {
namespace {

class SuppressionWithoutReasonCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "suppression-without-reason"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
    for (const auto& s : facts.suppressions) {
      if (!s.reason.empty() || s.malformed) continue;
      std::string ids;
      for (const auto& id : s.ids) ids += (ids.empty() ? "" : ",") + id;
      std::string kind = s.file_wide ? "disable-file" : "disable";
      out.push_back(finding(s.where, "",
                            "suppression of " + (ids.empty() ? std::string("nothing") : ids) + " gives no reason",
                            "Say why after ` -- `: `# tcguard: " + kind + "=" + ids +
                                " -- <why this is acceptable>`."));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_suppression_without_reason_check() {
  return std::make_unique<SuppressionWithoutReasonCheck>();
}
}  // namespace tcg::rules
