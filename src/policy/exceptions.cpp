// Accepted findings: a live exception drops them; a lapsed one lets them through and is reported.
#include <algorithm>

#include "policy/glob.h"
#include "model/rule.h"
#include "policy/policy.h"

namespace tcg::policy {

namespace {

bool context_matches(const std::string& pattern, const std::string& context) {
  // "tc-relduty" also covers the branches of that function ("tc-relduty/<case label>").
  return context == pattern || (context.size() > pattern.size() && context.compare(0, pattern.size(), pattern) == 0 &&
                                context[pattern.size()] == '/');
}

bool covers(const Exception& ex, const Finding& f) {
  if (ex.rule != f.rule) return false;
  if (!ex.path.empty() && (f.where.file.empty() || !glob_match(ex.path, f.where.file))) return false;
  if (!ex.context.empty() && !context_matches(ex.context, f.context)) return false;
  return true;
}

}  // namespace

void apply_exceptions(const Policy& policy, int64_t today_days, std::vector<Finding>& findings) {
  std::vector<const Exception*> lapsed_and_used;
  std::vector<Finding> kept;
  for (auto& f : findings) {
    bool suppressed = false;
    for (const auto& ex : policy.exceptions) {
      if (!covers(ex, f)) continue;
      if (today_days <= ex.until_days) {
        suppressed = true;
        break;
      }
      if (std::find(lapsed_and_used.begin(), lapsed_and_used.end(), &ex) == lapsed_and_used.end())
        lapsed_and_used.push_back(&ex);
    }
    if (!suppressed) kept.push_back(std::move(f));
  }
  for (const Exception* ex : lapsed_and_used) {
    Finding f;
    f.rule = "expired-exception";
    f.severity = rules::rule_severity(f.rule);
    std::string scope = !ex->path.empty() ? "path `" + ex->path + "`" : "context `" + ex->context + "`";
    f.message = "the exception for `" + ex->rule + "` on " + scope + " expired on " + ex->until +
                ", so its findings are reported again";
    f.help = "Fix the findings it covered, or renew the exception with a later `until` date and a current reason.";
    f.where = ex->where;
    kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

}  // namespace tcg::policy
