// Finding, reading and merging the policy files (DESIGN.md "Policy lookup").
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "policy/policy.h"
#include "policy/tighten.h"
#include "policy/trust.h"
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
    auto parsed = parse_policy(text.value_or(""), kDefaultSource, PolicyDocuments::KnownSingle);
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

namespace {

struct Found {
  std::string file;
  std::string origin;
};

// The user's own policy: --policy (all), else $TCGUARD_POLICY, else the XDG config file.
Result<std::vector<Found>> user_policy_files(const LoadOptions& options) {
  std::vector<Found> out;
  if (!options.explicit_files.empty()) {
    for (const auto& f : options.explicit_files) out.push_back({f, "--policy"});
    return out;
  }
  if (auto from_env = env(options, "TCGUARD_POLICY")) {
    // Named on purpose, so a missing file is an error rather than a silent fallback.
    if (!regular_file(*from_env))
      return Error{"$TCGUARD_POLICY names no readable policy file", SourceLocation{*from_env, 0, 0}};
    out.push_back({*from_env, "$TCGUARD_POLICY"});
    return out;
  }
  std::optional<fs::path> config_home;
  if (auto xdg = env(options, "XDG_CONFIG_HOME"); xdg && fs::path(*xdg).is_absolute()) {
    config_home = fs::path(*xdg);
  } else if (auto home = env(options, "HOME")) {
    config_home = fs::path(*home) / ".config";
  }
  if (config_home) {
    fs::path candidate = *config_home / "tcguard" / "policy.yaml";
    if (regular_file(candidate)) out.push_back({candidate.string(), "user configuration"});
  }
  return out;
}

// The nearest .tcguard.yaml in cwd or a parent, unless it is one of the user's own files.
std::optional<std::string> project_policy_file(const LoadOptions& options, const std::vector<Found>& user) {
  if (options.cwd.empty()) return std::nullopt;
  std::error_code ec;
  fs::path dir = fs::absolute(options.cwd, ec);
  while (!ec) {
    fs::path candidate = dir / ".tcguard.yaml";
    if (regular_file(candidate)) {
      for (const auto& u : user) {
        std::error_code same_ec;
        if (fs::equivalent(candidate, u.file, same_ec)) return std::nullopt;
      }
      return candidate.string();
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

PolicySource make_source(const std::string& file, const std::string& origin) {
  PolicySource s;
  s.file = file;
  s.origin = origin;
  return s;
}

// Reads an open file whole.
Result<std::string> read_all(int fd, const std::string& path) {
  std::string text;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{std::string("cannot read the policy file: ") + std::strerror(errno), SourceLocation{path, 0, 0}};
    if (n == 0) return text;
    text.append(buffer, static_cast<size_t>(n));
  }
}

std::string absolute_path(const std::string& file) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(file, ec), ec);
  return ec ? file : canonical.string();
}

// The project file for the guard: checked on the open file, then trusted in full, or merged
// keeping only what tightens.
Status apply_untrusted_project(Policy& policy, const std::string& file, const LoadOptions& options) {
  PolicySource source;
  source.file = file;
  source.origin = "project";
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    source.use = PolicySource::Use::Ignored;
    source.reason = std::string("cannot open it: ") + std::strerror(errno);
    policy.lookup.push_back(std::move(source));
    return Ok{};
  }
  std::string unsafe = unsafe_policy_file_reason(fd);
  if (!unsafe.empty()) {
    ::close(fd);
    source.use = PolicySource::Use::Ignored;
    source.reason = unsafe;
    policy.lookup.push_back(std::move(source));
    return Ok{};
  }
  auto text = read_all(fd, file);
  ::close(fd);
  if (!text) return text.error();
  auto overlay = parse_policy(*text, file);
  if (!overlay) return overlay.error();
  Getenv getenv = [&](const std::string& name) { return env(options, name); };
  if (is_trusted(trust_store_path(getenv), absolute_path(file), *text)) {
    source.use = PolicySource::Use::Trusted;
    policy = merge(std::move(policy), *overlay);
  } else {
    auto merged = merge_tightening_only(std::move(policy), *overlay);
    policy = std::move(merged.policy);
    source.use = PolicySource::Use::TighteningOnly;
    source.ignored = std::move(merged.ignored);
  }
  policy.lookup.push_back(std::move(source));
  return Ok{};
}

}  // namespace

std::string describe_use(const PolicySource& source) {
  switch (source.use) {
    case PolicySource::Use::Full: return "applied in full";
    case PolicySource::Use::Trusted: return "applied in full (trusted with `tcguard policy trust`)";
    case PolicySource::Use::TighteningOnly:
      return source.ignored.empty() ? "applied (it only adds or tightens)"
                                    : "applied only where it adds or tightens (not trusted: `tcguard policy trust " +
                                          source.file + "` lets it loosen)";
    case PolicySource::Use::Ignored: return "ignored: " + source.reason;
  }
  return "";
}

Result<std::vector<std::string>> policy_files_to_load(const LoadOptions& options) {
  auto user = user_policy_files(options);
  if (!user) return user.error();
  std::vector<std::string> files;
  for (const auto& f : *user) files.push_back(f.file);
  if (auto project = project_policy_file(options, *user)) files.push_back(*project);
  return files;
}

Result<Policy> load_effective_policy(const LoadOptions& options) {
  auto user = user_policy_files(options);
  if (!user) return user.error();
  Policy policy = options.no_default ? Policy{} : default_policy();
  for (const auto& found : *user) {
    auto overlay = load_policy_file(found.file);
    if (!overlay) return overlay.error();
    policy = merge(std::move(policy), *overlay);
    policy.lookup.push_back(make_source(found.file, found.origin));
  }
  if (auto project = project_policy_file(options, *user)) {
    if (options.project == LoadOptions::Project::Full) {
      auto overlay = load_policy_file(*project);
      if (!overlay) return overlay.error();
      policy = merge(std::move(policy), *overlay);
      policy.lookup.push_back(make_source(*project, "project"));
    } else if (Status s = apply_untrusted_project(policy, *project, options); !s) {
      return s.error();
    }
  }
  Status references = check_references(policy);
  if (!references) return references.error();
  return policy;
}

}  // namespace tcg::policy
