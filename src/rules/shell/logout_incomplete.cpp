// logout-incomplete: a logout helper (an alias or function that unsets the client id or the
// access token) that leaves other Taskcluster credentials behind: TASKCLUSTER_CERTIFICATE (which
// signin never sets or clears, and which breaks the next credentials), or TASKCLUSTER_ROOT_URL
// where a sign-in helper of the same file exports it.
#include <set>

#include "rules/shell/shell_check.h"
#include "shell/walk.h"

namespace tcg::rules {
namespace {

struct HelperFacts {
  std::set<std::string> unset;
  bool signs_in = false;
  bool sets_root_url = false;
};

HelperFacts facts_of(const shell::Command& body) {
  HelperFacts h;
  shell::for_each_simple(body, [&](const shell::Command& c) {
    for (const auto& a : c.assigns) {
      // `export TASKCLUSTER_ROOT_URL=..` or a plain assignment; an env prefix only lasts one command.
      if (a.name == "TASKCLUSTER_ROOT_URL" && (a.declaration || c.words.empty())) h.sets_root_url = true;
    }
    if (c.words.empty() || !c.words[0].is_literal()) return;
    if (c.words[0].literal_equals("unset")) {
      for (size_t i = 1; i < c.words.size(); ++i)
        if (c.words[i].is_literal()) h.unset.insert(c.words[i].literal());
    }
    for (size_t i = 0; i + 1 < c.words.size(); ++i)
      if (shell::writes_signin_at(c, i)) h.signs_in = true;
  });
  return h;
}

class LogoutIncompleteCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "logout-incomplete"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
    std::vector<HelperFacts> all;
    std::string root_setter;
    for (const auto& h : facts.analysis.helpers) {
      all.push_back(h.body ? facts_of(*h.body) : HelperFacts{});
      if (all.back().signs_in && all.back().sets_root_url && root_setter.empty()) root_setter = h.name;
    }
    for (size_t i = 0; i < facts.analysis.helpers.size(); ++i) {
      const auto& h = facts.analysis.helpers[i];
      const HelperFacts& f = all[i];
      if (f.signs_in) continue;
      if (!f.unset.count("TASKCLUSTER_CLIENT_ID") && !f.unset.count("TASKCLUSTER_ACCESS_TOKEN")) continue;
      std::vector<std::string> left;
      for (const char* v : {"TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN", "TASKCLUSTER_CERTIFICATE"})
        if (!f.unset.count(v)) left.push_back(v);
      bool root = !root_setter.empty() && !f.unset.count("TASKCLUSTER_ROOT_URL");
      if (left.empty() && !root) continue;
      std::string what;
      for (const auto& v : left) what += (what.empty() ? "" : ", ") + v;
      if (root) what += (what.empty() ? "" : ", ") + std::string("TASKCLUSTER_ROOT_URL (set by `") + root_setter + "`)";
      std::string message = "`" + h.name + "` logs out but leaves " + what + " set";
      if (!f.unset.count("TASKCLUSTER_CERTIFICATE"))
        message += "; a stale certificate is sent along with the next credentials and breaks them";
      std::string unset_all = "unset TASKCLUSTER_CLIENT_ID TASKCLUSTER_ACCESS_TOKEN TASKCLUSTER_CERTIFICATE";
      if (root) unset_all += " TASKCLUSTER_ROOT_URL";
      out.push_back(finding(h.where, h.name, std::move(message), "Unset every credential variable: `" + unset_all + "`"));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_logout_incomplete_check() { return std::make_unique<LogoutIncompleteCheck>(); }
}  // namespace tcg::rules
