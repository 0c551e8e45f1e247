// Accepted findings: a live exception drops them; a lapsed one lets them through and is reported.
#include <algorithm>
#include <filesystem>

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

namespace fs = std::filesystem;

// The finding's file as the exception's glob sees it: relative to the folder of the policy file
// that declared it (an absolute glob sees the absolute path). Standard input has no path.
std::optional<std::string> path_for(const Exception& ex, const std::string& file, const fs::path& cwd) {
  if (file.empty() || file == "<stdin>") return std::nullopt;
  fs::path absolute = (fs::path(file).is_absolute() ? fs::path(file) : cwd / file).lexically_normal();
  if (fs::path(ex.path).is_absolute()) return absolute.generic_string();
  fs::path relative = absolute.lexically_relative(ex.base_dir.empty() ? cwd : fs::path(ex.base_dir));
  if (relative.empty()) return std::nullopt;
  return relative.generic_string();
}

bool covers(const Exception& ex, const Finding& f, const fs::path& cwd) {
  if (ex.rule != f.rule) return false;
  if (!ex.context.empty() && !context_matches(ex.context, f.context)) return false;
  if (!ex.path.empty()) {
    auto path = path_for(ex, f.where.file, cwd);
    if (!path || !glob_match(ex.path, *path)) return false;
  }
  return true;
}

}  // namespace

std::vector<Finding> unused_exception_findings(const Policy& policy, const std::vector<bool>& used) {
  std::vector<Finding> out;
  for (size_t i = 0; i < policy.exceptions.size(); ++i) {
    const Exception& ex = policy.exceptions[i];
    if (i < used.size() && used[i]) continue;
    const auto* builtin = rules::find_builtin_rule(ex.rule);
    if (builtin && (builtin->kind == rules::RuleKind::Action || builtin->kind == rules::RuleKind::Credential)) continue;
    if (std::any_of(policy.actions.begin(), policy.actions.end(), [&](const Action& a) { return a.id == ex.rule; })) continue;
    Finding f;
    f.rule = "unused-exception";
    f.severity = rules::rule_severity(f.rule);
    std::string scope = !ex.path.empty() ? "path `" + ex.path + "`" : "context `" + ex.context + "`";
    if (!ex.path.empty() && !ex.context.empty()) scope += " and context `" + ex.context + "`";
    f.message = "the exception for `" + ex.rule + "` on " + scope + " matched no finding in this run";
    f.help = "Delete it, or correct its rule, path (relative to this policy file's folder) or context.";
    f.where = ex.where;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<size_t> apply_exceptions(const Policy& policy, int64_t today_days, std::vector<Finding>& findings) {
  std::vector<const Exception*> lapsed_and_used;
  std::vector<bool> used(policy.exceptions.size(), false);
  std::vector<Finding> kept;
  std::error_code ec;
  const fs::path cwd = policy.exceptions.empty() ? fs::path() : fs::current_path(ec);
  for (auto& f : findings) {
    bool suppressed = false;
    for (size_t i = 0; i < policy.exceptions.size(); ++i) {
      const Exception& ex = policy.exceptions[i];
      if (!covers(ex, f, cwd)) continue;
      used[i] = true;
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
  std::vector<size_t> out;
  for (size_t i = 0; i < used.size(); ++i)
    if (used[i]) out.push_back(i);
  return out;
}

}  // namespace tcg::policy
