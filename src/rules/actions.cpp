#include "rules/actions.h"

#include <algorithm>

namespace tcg::rules {

namespace {

// Glob with `*` only.
bool glob_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

bool command_pattern_matches(std::string_view pattern, const tccli::Command& command) {
  if (!command.state_changing) return false;
  if (pattern == "*") return !command.local_only && command.name != "signin";
  if (pattern.find('*') != std::string_view::npos) return glob_match(pattern, command.name);
  return pattern == command.name;
}

bool action_applies(const policy::Action& action, const tccli::Command& command, const std::string& cluster,
                    bool production) {
  bool named = std::any_of(action.commands.begin(), action.commands.end(),
                           [&](const std::string& p) { return command_pattern_matches(p, command); });
  if (!named) return false;
  for (const auto& flag : action.flags)
    if (!command.has_flag(flag)) return false;
  return action.clusters.matches(cluster, production);
}

std::vector<const policy::Action*> applicable_actions(const policy::Policy& policy, const tccli::Command& command,
                                                      const std::string& cluster, bool production) {
  std::vector<const policy::Action*> out;
  for (const auto& action : policy.actions)
    if (action_applies(action, command, cluster, production)) out.push_back(&action);
  return out;
}

Finding action_finding(const policy::Action& action) {
  Finding f;
  f.rule = action.id;
  f.severity = action.severity;
  f.message = action.message;
  f.help = action.help;
  return f;
}

}  // namespace tcg::rules
