#include "cli/common.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "model/rule.h"

namespace tcg::cli {

Result<policy::Policy> load_policy(const GlobalOptions& global, policy::LoadOptions::Project project) {
  policy::LoadOptions options;
  options.project = project;
  options.explicit_files = global.policy_files;
  options.no_default = global.no_default_policy;
  std::error_code ec;
  options.cwd = std::filesystem::current_path(ec).string();
  options.getenv = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
  auto policy = policy::load_effective_policy(options);
  if (policy) {
    for (const auto& source : policy->lookup) {
      if (source.use == policy::PolicySource::Use::Ignored)
        std::cerr << "tcguard: warning: " << source.file << ": project policy ignored: " << source.reason << "\n";
      for (const auto& part : source.ignored)
        std::cerr << "tcguard: warning: " << (part.where.file.empty() ? source.file : part.where.str())
                  << ": ignored " << part.what << " from an untrusted project policy: it " << part.why
                  << " (`tcguard policy trust " << source.file << "` to apply it)\n";
    }
  }
  return policy;
}

bool use_color(const GlobalOptions& global, int fd) {
  if (global.color == "always") return true;
  if (global.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(fd) == 1;
}

report::Format output_format(const GlobalOptions& global) {
  return report::parse_format(global.format).value_or(report::Format::Text);
}

report::RenderOptions render_options(const GlobalOptions& global, const policy::Policy* policy, int fd) {
  report::RenderOptions options;
  options.color = use_color(global, fd);
  std::error_code ec;
  options.base_dir = std::filesystem::current_path(ec).string();
  std::vector<report::RuleDescription> extra;
  if (policy) {
    for (const auto& rule : policy->rules) {
      if (rules::find_builtin_rule(rule.id)) continue;
      extra.push_back({rule.id, rule.severity, rule.description, rule.description, rule.help});
    }
  }
  options.rules = report::describe_rules(extra);
  return options;
}

int usage_error(const std::string& message) {
  std::cerr << "tcguard: error: " << message << "\n";
  return kExitUsage;
}

int usage_error(const Error& error) { return usage_error(error.str()); }

}  // namespace tcg::cli
