// The policy's `actions` on every state-changing `taskcluster` command a script runs, with the
// evaluation `run` uses (rules/actions.h), at the command's location. A script cannot answer the
// confirmation prompt: an action that asks for confirmation is reported unless the command is
// run as `tcguard run --confirm NAME -- taskcluster ...` (or with TCGUARD_CONFIRM=NAME in its
// environment) naming the cluster it acts on.
#include <cctype>

#include "rules/actions.h"
#include "rules/shell/shell_check.h"
#include "tccli/command.h"

namespace tcg::rules {
namespace {

// "https://Tc.Example.com:443/x" -> "tc.example.com": what `run` asks for on an unknown cluster.
std::string host_of(const std::string& root_url) {
  auto scheme = root_url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t end = root_url.find_first_of(":/?#", start);
  std::string host = root_url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

std::string where_it_acts(const shell::CliCall& call, const policy::ClusterMatch& m) {
  std::string kind = m.production ? "production" : "non-production";
  if (m.known) return "on " + m.name + " (" + kind + ")";
  if (call.root_url_known && call.root_url) return "on " + *call.root_url + " (unknown cluster, read as " + kind + ")";
  if (call.root_url_known) return "with no root URL set (read as " + kind + ")";
  return "on the cluster of " + call.root_url_piece + " (unknown here, read as " + kind + ")";
}

enum class Confirmed { No, Yes, Mismatch };

class ScriptActionsCheck : public Check {
 public:
  std::string_view id() const override { return ""; }

  void check(const Facts& facts, std::vector<Finding>& out) const override {
    if (!facts.shell) return;
    for (const auto& call : facts.shell->analysis.cli_calls) {
      tccli::Command cmd = tccli::parse_command(call.args);
      // Read-only commands and help change nothing. A command the real CLI would reject (an
      // unknown flag) is judged as `run` judges it: by its name and flags, fail closed.
      if (!cmd.state_changing || cmd.help || cmd.name == "signin") continue;
      // A wrapper's `taskcluster "$@"` names no command: it is judged at each call that gives
      // known words (a function called with them), not as a command of its own.
      if (call.known.empty() || !call.known[0]) continue;
      std::optional<std::string> root = call.root_url_known ? call.root_url : std::nullopt;
      policy::ClusterMatch m = policy::classify_root_url(facts.policy, root);
      std::string cluster = m.known ? m.name : "";
      std::string shown = "`taskcluster " + (cmd.name.empty() ? std::string("") : cmd.name) + "` " + where_it_acts(call, m);
      for (const policy::Action* action : applicable_actions(facts.policy, cmd, cluster, m.production)) {
        Confirmed confirmed = action->confirm ? confirmation(call, m) : Confirmed::No;
        if (confirmed == Confirmed::Yes) continue;
        Finding f = action_finding(*action);
        f.where = call.where;
        f.context = call.context;
        f.message += (f.message.empty() || f.message.back() == '.' ? " " : ". ") + shown;
        if (!call.via.empty()) f.message += ", run by " + call.via;
        if (confirmed == Confirmed::Mismatch)
          f.message += "; `--confirm " + *call.confirm + "` does not name it, so `tcguard run` refuses";
        if (action->confirm)
          f.help += " A script cannot answer the prompt: run it as `tcguard run --confirm " +
                    (m.known ? m.name : std::string("<cluster>")) + " -- taskcluster " + cmd.name + " ...`.";
        out.push_back(std::move(f));
      }
    }
  }

 private:
  // As `run` checks it: the name typed must be the cluster's, else the root URL's host. A name
  // the script computes ($CLUSTER), or a cluster unknown here, is checked by `run` when it runs.
  static Confirmed confirmation(const shell::CliCall& call, const policy::ClusterMatch& m) {
    if (!call.confirm_given) return Confirmed::No;
    if (!call.confirm) return Confirmed::Yes;
    if (m.known) return *call.confirm == m.name ? Confirmed::Yes : Confirmed::Mismatch;
    if (call.root_url_known && call.root_url)
      return *call.confirm == host_of(*call.root_url) ? Confirmed::Yes : Confirmed::Mismatch;
    return Confirmed::Yes;
  }
};

}  // namespace
std::unique_ptr<Check> make_script_actions_check() { return std::make_unique<ScriptActionsCheck>(); }
}  // namespace tcg::rules
