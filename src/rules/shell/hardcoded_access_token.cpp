// hardcoded-access-token: a literal TASKCLUSTER_ACCESS_TOKEN value in a file. The value itself is
// never repeated in any output: messages say <redacted>.
#include <set>
#include <utility>

#include "rules/shell/shell_check.h"
#include "shell/walk.h"

namespace tcg::rules {
namespace {

constexpr std::string_view kTokenVar = "TASKCLUSTER_ACCESS_TOKEN";

// A value that is written out, not a reference ("$VAR", "$(pass show ..)") or a doc placeholder.
// `skip` leading characters of the word are not part of the value (`NAME=` in `env NAME=value`).
bool literal_secret(const shell::Word& w, size_t skip = 0) {
  if (w.parts.empty() || !w.is_literal()) return false;
  std::string v = w.literal().substr(skip);
  if (v.empty()) return false;
  if (v.front() == '<' && v.back() == '>') return false;  // <token>, <redacted>
  if (v == "..." || v == "xxx" || v == "XXX") return false;
  return true;
}

class HardcodedAccessTokenCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "hardcoded-access-token"; }

  void check(const ShellFacts& facts, std::vector<Finding>& out) const override {
    std::set<std::pair<int, int>> seen;
    auto report = [&](const shell::Pos& pos, const std::string& how) {
      if (!seen.insert({pos.line, pos.column}).second) return;
      out.push_back(finding(SourceLocation{facts.analysis.file, pos.line, pos.column}, "",
                            "TASKCLUSTER_ACCESS_TOKEN is set to a literal value (<redacted>) in " + how +
                                ": anyone who can read this file holds these credentials",
                            "Revoke the token now (reset the client's access token), then read it at run time "
                            "from a secret store, e.g. `export TASKCLUSTER_ACCESS_TOKEN=\"$(pass show "
                            "taskcluster/token)\"`, or sign in with `eval \"$(taskcluster signin ...)\"`."));
    };
    for (const auto& script : facts.analysis.scripts) {
      shell::for_each_simple(script->root, [&](const shell::Command& c) {
        for (const auto& a : c.assigns) {
          if (a.name != kTokenVar || a.is_array || !literal_secret(a.value)) continue;
          std::string how = a.declaration ? "a declaration" : c.words.empty() ? "an assignment" : "an env prefix";
          if (a.declaration && !c.words.empty() && c.words[0].literal_equals("export")) how = "an export";
          report(a.pos, how);
        }
        // env TASKCLUSTER_ACCESS_TOKEN=... cmd, and `taskcluster config set accessToken ...`.
        for (size_t i = 0; i < c.words.size(); ++i) {
          const shell::Word& w = c.words[i];
          if (w.parts.empty() || w.parts[0].kind != shell::PartKind::Literal) continue;
          std::string_view first = w.parts[0].text;
          if (first.size() > kTokenVar.size() && first.substr(0, kTokenVar.size()) == kTokenVar &&
              first[kTokenVar.size()] == '=') {
            if (literal_secret(w, kTokenVar.size() + 1)) report(w.pos, "an env argument");
          }
          if (i + 4 < c.words.size() && c.words[i + 1].literal_equals("config") &&
              c.words[i + 2].literal_equals("set") && c.words[i + 3].literal_equals("accessToken") &&
              w.is_literal() && shell::is_taskcluster_binary(w.literal()) && literal_secret(c.words[i + 4])) {
            report(c.words[i + 4].pos, "`taskcluster config set accessToken`");
          }
        }
      });
    }
  }
};

}  // namespace
std::unique_ptr<ShellCheck> make_hardcoded_access_token_check() {
  return std::make_unique<HardcodedAccessTokenCheck>();
}
}  // namespace tcg::rules
