// hardcoded-access-token: a literal TASKCLUSTER_ACCESS_TOKEN value in a file. The value itself is
// never repeated in any output: messages say <redacted>.
#include <algorithm>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/shell/shell_check.h"
#include "rules/shell/token_placeholder.h"
#include "shell/walk.h"

namespace tcg::rules {
namespace {

constexpr std::string_view kTokenVar = "TASKCLUSTER_ACCESS_TOKEN";

// A value that is written out, not a reference ("$VAR", "$(pass show ..)") or a doc placeholder
// (token_placeholder.h).
// `skip` leading characters of the word are not part of the value (`NAME=` in `env NAME=value`).
bool literal_secret(const shell::Word& w, size_t skip = 0) {
  if (w.parts.empty() || !w.is_literal()) return false;
  std::string v = w.literal();
  return !is_token_placeholder(std::string_view(v).substr(std::min(skip, v.size())));
}

class HardcodedAccessTokenCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "hardcoded-access-token"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
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
    // Variables given a literal value somewhere in the file (`tok=...`): copying one into the
    // token variable hardcodes it as much as writing it there.
    // Kept as (name, value) and judged (literal_secret) only when the token variable is copied from
    // that name: most files never do, and judging every assignment's value was most of this check's cost.
    // One walk: it also lists the simple commands, in order, for the judging below.
    std::vector<std::pair<std::string_view, const shell::Word*>> assigns;
    std::vector<const shell::Command*> simple;
    for (const auto& script : facts.analysis.scripts)
      shell::for_each_simple(script->root, [&](const shell::Command& c) {
        simple.push_back(&c);
        for (const auto& a : c.assigns)
          if (a.name != kTokenVar && !a.is_array) assigns.emplace_back(a.name, &a.value);
      });
    // The one parameter a word is made of, quoted or not ("${tok}" may carry empty literal parts).
    auto only_param = [](const shell::Word& w) -> const shell::WordPart* {
      const shell::WordPart* param = nullptr;
      for (const auto& p : w.parts) {
        if (p.kind == shell::PartKind::Literal && p.text.empty()) continue;
        if (param || p.kind != shell::PartKind::Param) return nullptr;
        param = &p;
      }
      return param;
    };
    auto through_literal_var = [&](const shell::Word& w) {
      const shell::WordPart* p = only_param(w);
      if (!p || p->op != shell::ParamOp::None || !p->index.empty()) return false;
      for (const auto& [name, value] : assigns)
        if (name == p->text && literal_secret(*value)) return true;
      return false;
    };
    for (const shell::Command* command : simple) {
      const shell::Command& c = *command;
      // read [-r] TASKCLUSTER_ACCESS_TOKEN <<< literal; printf -v TASKCLUSTER_ACCESS_TOKEN fmt literal..
      if (!c.words.empty() && c.words[0].literal_equals("read")) {
        bool names_token = false;
        for (size_t i = 1; i < c.words.size(); ++i)
          if (c.words[i].literal_equals(kTokenVar)) names_token = true;
        for (const auto& r : c.redirects)
          if (names_token && r.op == "<<<" && literal_secret(r.target)) report(r.target.pos, "a `read`");
      }
      if (c.words.size() >= 4 && c.words[0].literal_equals("printf") && c.words[1].literal_equals("-v") &&
          c.words[2].literal_equals(kTokenVar)) {
        bool all_literal = true, any_secret = false;
        for (size_t i = 3; i < c.words.size(); ++i) {
          if (!c.words[i].is_literal()) all_literal = false;
          if (i > 3 || c.words[i].literal().find('%') == std::string::npos)
            any_secret = any_secret || literal_secret(c.words[i]);
        }
        if (all_literal && any_secret) report(c.words[2].pos, "a `printf -v`");
      }
      for (const auto& a : c.assigns) {
        if (a.name != kTokenVar || a.is_array) continue;
        if (through_literal_var(a.value)) {
          report(a.pos, "an assignment from `$" + std::string(only_param(a.value)->text) + "`, set to a literal");
          continue;
        }
        if (!literal_secret(a.value)) continue;
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
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_hardcoded_access_token_check() {
  return std::make_unique<HardcodedAccessTokenCheck>();
}
}  // namespace tcg::rules
