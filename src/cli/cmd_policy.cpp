// `tcguard policy check FILE... | show | rules`.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <iostream>
#include <map>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cli/common.h"
#include "policy/profiles.h"
#include "policy/show.h"
#include "policy/tighten.h"
#include "policy/trust.h"
#include "util/sha256.h"
#include "model/rule.h"

namespace tcg::cli {

namespace {

// check: each file alone, then all of them merged over the default (cluster names and exception
// rule ids can only be checked then). A lapsed exception is a warning: exit 1.
int run_check(const Context& ctx, const std::vector<std::string>& files) {
  std::vector<std::string> to_check = files;
  if (to_check.empty()) {
    policy::LoadOptions options;
    options.explicit_files = ctx.global.policy_files;  // `tcguard --policy F policy check`
    options.no_default = ctx.global.no_default_policy;
    std::error_code ec;
    options.cwd = std::filesystem::current_path(ec).string();
    auto found = policy::policy_files_to_load(options);
    if (!found) return usage_error(found.error());
    to_check = *found;
    if (to_check.empty()) {
      std::cout << "no policy file found; the embedded default policy is in effect\n";
      return kExitOk;
    }
  }
  policy::Policy merged = ctx.global.no_default_policy ? policy::Policy{} : policy::default_policy();
  std::vector<policy::Policy> parsed;
  int exit_code = kExitOk;
  for (const auto& file : to_check) {
    auto p = policy::load_policy_file(file);
    if (!p) {
      usage_error(p.error());
      exit_code = kExitUsage;
      continue;
    }
    merged = policy::merge(std::move(merged), *p);
    parsed.push_back(std::move(*p));
  }
  if (exit_code != kExitOk) return exit_code;
  if (Status s = policy::check_references(merged); !s) return usage_error(s.error());

  // A profile is a sign-in waiting to happen: one defined in a checked file must pass the rules
  // as merged. A profile from elsewhere (the default) that these rules now refuse is only noted.
  for (const auto& f : policy::judge_profiles(merged)) {
    bool checked = std::find(to_check.begin(), to_check.end(), f.where.file) != to_check.end();
    std::cout << f.where.str() << ": " << (checked ? severity_name(f.severity) : std::string_view("note")) << ": "
              << f.message << (checked ? "" : " (under the rules of the files checked)") << " [" << f.rule << "]\n";
    if (checked && f.severity != Severity::Note) exit_code = kExitFindings;
  }

  // A rule that replaced one with the same id and protects less where the file did not say so.
  for (const auto& l : merged.loosened) {
    std::cout << l.where.str() << ": " << severity_name(rules::rule_severity("rule-loosened")) << ": " << l.message()
              << " [rule-loosened]\n";
    exit_code = kExitFindings;
  }

  const int64_t today = policy::today_days_utc();
  for (size_t i = 0; i < parsed.size(); ++i) {
    const auto& p = parsed[i];
    for (const auto& ex : p.exceptions) {
      if (today <= ex.until_days) continue;
      std::cout << ex.where.str() << ": " << severity_name(rules::rule_severity("expired-exception"))
                << ": the exception for `" << ex.rule << "` expired on " << ex.until
                << " [expired-exception]\n";
      exit_code = kExitFindings;
    }
    std::cout << to_check[i] << ": ok (" << p.clusters.size() << " clusters, " << p.rules.size() << " rules, "
              << p.actions.size() << " actions, " << p.exceptions.size() << " exceptions)\n";
  }
  return exit_code;
}

// Which files lookup found and what the guard did with each, as YAML comments.
std::string lookup_comments(const policy::Policy& p) {
  std::string out = "# Policy files, as the guard (run, the masquerade, signin, review, whoami) applies them;\n"
                    "# lint and `policy check` apply a project file in full.\n";
  if (p.lookup.empty()) out += "#   none found: the embedded default alone\n";
  for (const auto& source : p.lookup) {
    out += "#   " + source.file + " (" + source.origin + "): " + policy::describe_use(source) + "\n";
    for (const auto& part : source.ignored)
      out += "#     ignored " + part.what + " (" + part.where.str() + "): it " + part.why + "\n";
  }
  return out;
}

int run_show(const Context& ctx) {
  auto p = load_policy(ctx.global);
  if (!p) return usage_error(p.error());
  // The output stays a policy that parses back: the warnings are comments, and also on stderr.
  std::string warnings;
  for (const auto& l : p->loosened) {
    std::cerr << "tcguard: warning: " << l.where.str() << ": " << l.message() << " [rule-loosened]\n";
    warnings += "# warning: " + l.where.str() + ": " + l.message() + " [rule-loosened]\n";
  }
  std::cout << lookup_comments(*p) << warnings << policy::policy_to_yaml(*p);
  return kExitOk;
}

// `policy trust FILE`: lets this exact content of a project policy loosen the guard.
int run_trust(const Context& ctx, const std::string& file) {
  std::error_code ec;
  std::string path = std::filesystem::weakly_canonical(std::filesystem::absolute(file, ec), ec).string();
  if (ec) return usage_error(Error{"cannot resolve the path: " + ec.message(), SourceLocation{file, 0, 0}});
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return usage_error(Error{std::string("cannot open it: ") + std::strerror(errno), SourceLocation{file, 0, 0}});
  std::string unsafe = policy::unsafe_policy_file_reason(fd);
  std::string text;
  char buffer[65536];
  for (ssize_t n; unsafe.empty() && (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      unsafe = std::string("cannot read it: ") + std::strerror(errno);
      break;
    }
    text.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  if (!unsafe.empty()) {
    std::cerr << "tcguard: " << file << ": not trusted: " << unsafe << "\n";
    return kExitRefused;
  }
  auto parsed = policy::parse_policy(text, file);
  if (!parsed) return usage_error(parsed.error());
  // What trusting changes: the parts the guard leaves out today, judged over the user's own policy.
  auto getenv = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
  policy::LoadOptions user_only;  // no cwd: the user's own files over the default, no project file
  user_only.explicit_files = ctx.global.policy_files;
  user_only.no_default = ctx.global.no_default_policy;
  user_only.getenv = getenv;
  auto user = policy::load_effective_policy(user_only);
  if (!user) return usage_error(user.error());
  auto loosened = policy::merge_tightening_only(std::move(*user), *parsed).ignored;
  std::string store = policy::trust_store_path(getenv);
  if (Status s = policy::record_trust(store, path, text); !s) return usage_error(s.error());
  std::cout << "trusted " << path << " (sha256 " << sha256_hex(text) << ", recorded in " << store << ")\n";
  if (loosened.empty()) {
    std::cout << "it only adds or tightens, so the guard applied it already\n";
  } else {
    std::cout << "the guard now also applies what loosens:\n";
    for (const auto& part : loosened) std::cout << "  " << part.where.str() << ": " << part.what << ": it " << part.why << "\n";
  }
  std::cout << "editing the file ends the trust; run this again after reviewing a change\n";
  return kExitOk;
}

struct RuleRow {
  std::string id;
  std::string kind;
  std::string severity;
  std::string summary;
  std::string source;  // "builtin" or file:line:column of its definition
};

std::vector<RuleRow> rule_rows(const policy::Policy& p) {
  std::map<std::string, RuleRow> rows;
  for (const auto& r : rules::builtin_rules())
    rows[std::string(r.id)] = {std::string(r.id), std::string(rules::kind_name(r.kind)), std::string(severity_name(r.severity)),
                               std::string(r.summary), "builtin"};
  for (const auto& r : p.rules) {
    auto& row = rows[r.id];
    if (row.id.empty()) row = {r.id, "policy", "", r.description, ""};
    row.severity = std::string(severity_name(r.severity));  // the policy may change the level
    row.source = r.where.str();
  }
  for (const auto& a : p.actions) {
    auto& row = rows[a.id];
    if (row.id.empty()) row = {a.id, "action", "", a.message, ""};
    row.severity = std::string(severity_name(a.severity));
    row.source = a.where.str();
  }
  std::vector<RuleRow> out;
  for (auto& [id, row] : rows) out.push_back(std::move(row));
  return out;
}

int run_rules(const Context& ctx) {
  auto p = load_policy(ctx.global);
  if (!p) return usage_error(p.error());
  auto rows = rule_rows(*p);
  if (ctx.global.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows)
      out.push_back({{"id", r.id}, {"kind", r.kind}, {"severity", r.severity}, {"summary", r.summary}, {"source", r.source}});
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  size_t id_width = 2, kind_width = 4;
  for (const auto& r : rows) {
    id_width = std::max(id_width, r.id.size());
    kind_width = std::max(kind_width, r.kind.size());
  }
  auto pad = [](const std::string& s, size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  std::cout << pad("ID", id_width) << "  " << pad("KIND", kind_width) << "  " << pad("SEVERITY", 8) << "  SUMMARY\n";
  for (const auto& r : rows)
    std::cout << pad(r.id, id_width) << "  " << pad(r.kind, kind_width) << "  " << pad(r.severity, 8) << "  " << r.summary << "\n";
  return kExitOk;
}

}  // namespace

void add_policy_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("policy", "Validate policy files, print the effective policy, list rules, trust a project policy");
  cmd->require_subcommand(1);

  auto files = std::make_shared<std::vector<std::string>>();
  auto* check = cmd->add_subcommand("check", "Validate policy files (exit 2 with file:line:column on the first problem)");
  check->add_option("FILE", *files, "Policy files (default: the one lookup finds)");
  check->callback([&ctx, files] { ctx.exit_code = run_check(ctx, *files); });

  auto* show = cmd->add_subcommand("show", "Print the effective policy as YAML, each entry with the file:line it came from");
  show->callback([&ctx] { ctx.exit_code = run_show(ctx); });

  auto* rules_cmd = cmd->add_subcommand("rules", "List every rule id with its kind, severity and summary (--format json)");
  rules_cmd->callback([&ctx] { ctx.exit_code = run_rules(ctx); });

  auto trust_file = std::make_shared<std::string>();
  auto* trust = cmd->add_subcommand(
      "trust", "Let this exact content of a project policy (.tcguard.yaml) loosen the guard; editing it ends the trust");
  trust->add_option("FILE", *trust_file, "The project policy file")->required();
  trust->callback([&ctx, trust_file] { ctx.exit_code = run_trust(ctx, *trust_file); });

  for (auto* sub : {check, show, rules_cmd, trust}) sub->fallthrough();
}

}  // namespace tcg::cli
