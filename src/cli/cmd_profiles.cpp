// The release-duty document's aliases, done from the policy: `tcguard profiles` lists the sign-in
// profiles, `tcguard logout` prints the `unset` lines for every credential variable, and
// `tcguard shell-init bash|zsh|fish` defines tc-PROFILE, tc-logout and the cluster switches as
// functions that call tcguard (so they take arguments, check their exit status and stay current).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/common.h"
#include "util/shell_quote.h"
#include "guard/env.h"
#include "policy/profiles.h"

namespace tcg::cli {

namespace {

// The variables a sign-in sets (TASKCLUSTER.md §2), and the certificate it leaves behind.
constexpr const char* kCredentialVars[] = {"TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN",
                                           "TASKCLUSTER_CERTIFICATE"};
// Set by `tcguard signin PROFILE` (the line before the CLI's own export lines).
constexpr const char* kProfileVar = "TCGUARD_PROFILE";
constexpr const char* kProfileRootVar = "TCGUARD_PROFILE_ROOT_URL";

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string cluster_text(const policy::Policy& policy, const policy::Profile& p) {
  const policy::Cluster* c = policy.find_cluster(p.cluster);
  return p.cluster + (c && c->production ? " (production)" : " (non-production)");
}

int run_profiles(const Context& ctx) {
  auto policy = load_policy(ctx.global);
  if (!policy) return usage_error(policy.error());
  auto findings = policy::judge_profiles(*policy);
  if (ctx.global.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : policy->profiles) {
      const policy::Cluster* c = policy->find_cluster(p.cluster);
      nlohmann::json fs = nlohmann::json::array();
      for (const auto& f : findings)
        if (f.context == "profile " + p.name)
          fs.push_back({{"rule", f.rule}, {"severity", severity_name(f.severity)}, {"message", f.message}});
      list.push_back({{"name", p.name},
                      {"cluster", p.cluster},
                      {"root_url", c ? c->root_url : ""},
                      {"production", c ? c->production : true},
                      {"scopes", p.scopes},
                      {"expires", p.expires},
                      {"expires_seconds", p.expires_seconds},
                      {"description", p.description},
                      {"defined_at", p.where.str()},
                      {"findings", fs}});
    }
    std::cout << nlohmann::json{{"version", 1}, {"profiles", list}}.dump(2) << "\n";
    return kExitOk;
  }
  if (policy->profiles.empty()) {
    std::cout << "No profiles in the policy. Add them under `profiles:` (see `tcguard policy show`).\n";
    return kExitOk;
  }
  for (const auto& p : policy->profiles) {
    std::cout << p.name << ": " << cluster_text(*policy, p) << ", " << p.expires << ": " << join(p.scopes, ", ")
              << "\n";
    if (!p.description.empty()) std::cout << "  " << p.description << "\n";
    std::cout << "  eval \"$(tcguard signin " << p.name << ")\", or tc-" << p.name << " after `tcguard shell-init`\n";
    for (const auto& f : findings)
      if (f.context == "profile " + p.name)
        std::cout << "  " << severity_name(f.severity) << ": " << f.message << " [" << f.rule << "]\n";
  }
  return kExitOk;
}

int run_logout(const std::string& shell) {
  guard::Getenv env = guard::process_env();
  std::vector<std::string> vars(std::begin(kCredentialVars), std::end(kCredentialVars));
  // The root URL only when a profile set it and it still holds that value: one the user chose
  // stays.
  auto profile_root = env(kProfileRootVar);
  auto root = env("TASKCLUSTER_ROOT_URL");
  if (profile_root && !profile_root->empty() && (!root || *root == *profile_root)) vars.push_back("TASKCLUSTER_ROOT_URL");
  vars.push_back(kProfileVar);
  vars.push_back(kProfileRootVar);
  if (shell == "fish") {
    for (const auto& v : vars) std::cout << "set -e " << v << ";\n";
  } else {
    std::cout << "unset " << join(vars, " ") << ";\n";
  }
  return kExitOk;
}

std::string posix_function(const std::string& name, const std::string& comment, const std::string& body) {
  return "# " + comment + "\n" + name + "() {\n" + body + "}\n";
}

std::string fish_function(const std::string& name, const std::string& comment, const std::string& body) {
  return "function " + name + " --description " + fish_quoted(comment) + "\n" + body + "end\n";
}

// A description as one line of a comment: a newline in it would end the comment and run the rest.
std::string one_line(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return text;
}

std::string profile_comment(const policy::Policy& policy, const policy::Profile& p) {
  std::string what = p.description.empty() ? "sign in" : one_line(p.description);
  return what + "; " + cluster_text(policy, p) + ", " + p.expires;
}

std::string shell_init(const policy::Policy& policy, const std::string& shell) {
  bool fish = shell == "fish";
  std::ostringstream out;
  if (shell == "bash") out << "# shellcheck shell=bash\n";
  out << "# tcguard shell-init " << shell << ": sign-in helpers from the policy (`tcguard profiles` lists them).\n";
  out << (fish ? "# In ~/.config/fish/config.fish: tcguard shell-init fish | source\n"
               : "# In ~/." + shell + "rc: eval \"$(tcguard shell-init " + shell + ")\"\n");
  // Each helper keeps tcguard's output and runs it only when tcguard succeeded: a refused
  // sign-in prints nothing to run, and the error stays on the terminal.
  auto run_output = [&](const std::string& command) {
    if (fish) return "    set -l out (" + command + ")\n    or return\n    eval (string join \\n -- $out)\n";
    return "  local out\n  out=\"$(" + command + ")\" || return\n  eval \"$out\"\n";
  };
  // One function per name, and tc-logout always the logout: a shell keeps the last definition of
  // a name, so a profile or a cluster `helper:` that reuses a name (from a project file, say)
  // must not replace an earlier helper. Such a name is left out, with a comment saying why.
  std::set<std::string> taken{"tc-logout"};
  auto define = [&](const std::string& name, const std::string& comment, const std::string& body) {
    if (!taken.insert(name).second) {
      out << "# " << name << " (" << one_line(comment) << ") is not defined: the name is taken\n";
      return;
    }
    out << (fish ? fish_function(name, comment, body) : posix_function(name, comment, body));
  };
  for (const auto& p : policy.profiles) {
    std::string command = "command tcguard signin " + p.name + (fish ? " -- $argv" : " -- \"$@\"");
    define("tc-" + p.name, profile_comment(policy, p), run_output(command));
  }
  for (const auto& c : policy.clusters) {
    std::string comment = "use " + c.name + (c.production ? " (production)" : " (non-production)");
    define("tc-" + (c.helper.empty() ? c.name : c.helper), comment,
           fish ? "    set -gx TASKCLUSTER_ROOT_URL " + fish_quoted(c.root_url) + "\n"
                : "  export TASKCLUSTER_ROOT_URL=" + posix_quoted(c.root_url) + "\n");
  }
  std::string logout = std::string("command tcguard logout") + (fish ? " --shell fish" : "");
  std::string logout_comment = "forget the credentials in this shell (and a profile's root URL)";
  out << (fish ? fish_function("tc-logout", logout_comment, run_output(logout))
               : posix_function("tc-logout", logout_comment, run_output(logout)));
  return out.str();
}

}  // namespace

void add_profile_commands(CLI::App& app, Context& ctx) {
  auto* profiles = app.add_subcommand("profiles", "List the policy's sign-in profiles: what each grants, where, for how long");
  profiles->footer("Sign in with one: eval \"$(tcguard signin NAME)\". The rules judge each profile (`tcguard policy check`).\n"
                   "With the global `--format json`, JSON.");
  profiles->callback([&ctx] { ctx.exit_code = run_profiles(ctx); });

  auto* logout = app.add_subcommand("logout", "Print the shell code that forgets the Taskcluster credentials: eval \"$(tcguard logout)\"");
  auto shell = std::make_shared<std::string>("bash");
  logout->add_option("--shell", *shell, "The shell the code is for")->check(CLI::IsMember({"bash", "zsh", "fish"}));
  logout->footer("Unsets TASKCLUSTER_CLIENT_ID, TASKCLUSTER_ACCESS_TOKEN and TASKCLUSTER_CERTIFICATE (a stale\n"
                 "certificate breaks the next credentials), and TASKCLUSTER_ROOT_URL when `tcguard signin PROFILE`\n"
                 "set it. Credentials kept in the CLI's taskcluster.yml are not touched.");
  logout->callback([&ctx, shell] { ctx.exit_code = run_logout(*shell); });

  auto* init = app.add_subcommand("shell-init", "Print shell functions for the profiles, tc-logout and the cluster switches");
  auto init_shell = std::make_shared<std::string>();
  init->add_option("SHELL", *init_shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  init->footer("bash/zsh: eval \"$(tcguard shell-init bash)\" in ~/.bashrc (zsh: shell-init zsh in ~/.zshrc)\n"
               "fish:     tcguard shell-init fish | source    in ~/.config/fish/config.fish\n"
               "Defines tc-PROFILE for each profile (extra arguments go to `taskcluster signin`), tc-logout, and\n"
               "tc-CLUSTER switches (a cluster's `helper:` name, else its name).");
  init->callback([&ctx, init_shell] {
    auto policy = load_policy(ctx.global);
    if (!policy) {
      ctx.exit_code = usage_error(policy.error());
      return;
    }
    std::cout << shell_init(*policy, *init_shell);
    ctx.exit_code = kExitOk;
  });
}

}  // namespace tcg::cli
