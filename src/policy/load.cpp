// Finding, reading and merging the policy files (DESIGN.md "Policy lookup").
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "policy/policy.h"
#include "util/embedded.h"

namespace tcg::policy {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDefaultSource = "<default>";

std::optional<std::string> env(const LoadOptions& options, const std::string& name) {
  std::optional<std::string> value;
  if (options.getenv) {
    value = options.getenv(name);
  } else if (const char* v = std::getenv(name.c_str())) {
    value = std::string(v);
  }
  if (value && value->empty()) return std::nullopt;  // an empty variable counts as unset
  return value;
}

bool regular_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

}  // namespace

const Policy& default_policy() {
  static const Policy policy = [] {
    auto text = embedded_file("policies/default.yaml");
    auto parsed = parse_policy(text.value_or(""), kDefaultSource);
    if (!parsed || !text) {
      // A build defect (a test parses the default); refusing to run is the only safe answer.
      std::fprintf(stderr, "tcguard: internal error: embedded default policy: %s\n",
                   parsed ? "missing" : parsed.error().str().c_str());
      std::abort();
    }
    return std::move(*parsed);
  }();
  return policy;
}

Result<Policy> load_policy_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Error{"is a folder, not a policy file", SourceLocation{path, 0, 0}};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read the policy file", SourceLocation{path, 0, 0}};
  std::ostringstream text;
  text << in.rdbuf();
  return parse_policy(text.str(), path);
}

Result<std::vector<std::string>> policy_files_to_load(const LoadOptions& options) {
  if (!options.explicit_files.empty()) return options.explicit_files;
  if (auto from_env = env(options, "TCGUARD_POLICY")) {
    // Named on purpose, so a missing file is an error rather than a silent fallback.
    if (!regular_file(*from_env))
      return Error{"$TCGUARD_POLICY names no readable policy file", SourceLocation{*from_env, 0, 0}};
    return std::vector<std::string>{*from_env};
  }
  if (!options.cwd.empty()) {
    std::error_code ec;
    fs::path dir = fs::absolute(options.cwd, ec);
    while (!ec) {
      fs::path candidate = dir / ".tcguard.yaml";
      if (regular_file(candidate)) return std::vector<std::string>{candidate.string()};
      if (!dir.has_parent_path() || dir.parent_path() == dir) break;
      dir = dir.parent_path();
    }
  }
  std::optional<fs::path> config_home;
  if (auto xdg = env(options, "XDG_CONFIG_HOME"); xdg && fs::path(*xdg).is_absolute()) {
    config_home = fs::path(*xdg);
  } else if (auto home = env(options, "HOME")) {
    config_home = fs::path(*home) / ".config";
  }
  if (config_home) {
    fs::path candidate = *config_home / "tcguard" / "policy.yaml";
    if (regular_file(candidate)) return std::vector<std::string>{candidate.string()};
  }
  return std::vector<std::string>{};
}

Result<Policy> load_effective_policy(const LoadOptions& options) {
  auto files = policy_files_to_load(options);
  if (!files) return files.error();
  Policy policy = options.no_default ? Policy{} : default_policy();
  for (const auto& file : *files) {
    auto overlay = load_policy_file(file);
    if (!overlay) return overlay.error();
    policy = merge(std::move(policy), *overlay);
  }
  Status references = check_references(policy);
  if (!references) return references.error();
  return policy;
}

}  // namespace tcg::policy
