// alias-keyword-missing: a top-level `tc-signin='eval ...'` line. That is how zsh's `alias`
// builtin lists aliases, and how the seed document hands them out; but a name that is no
// variable name makes it neither an assignment nor a definition: bash and zsh run it as a command
// called `tc-signin=eval ...` ("command not found"), so the alias the reader wanted never exists.
// The sign-in inside is still judged as that alias (shell::Analysis::listing_form).
#include <cctype>

#include "rules/shell/shell_check.h"

namespace tcg::rules {
namespace {

bool valid_variable_name(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// A name bash would accept for an alias but not for a variable: `tc-signin`, `tc.fxci`. It must
// start like a word people name things with, so `--flag=value` and `+x=1` are not taken for one.
bool alias_only_name(std::string_view s) {
  if (s.empty() || valid_variable_name(s)) return false;
  if (!(std::isalnum(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (c == '/' || c == '$' || c == '`' || c == '=' || c == '\'' || c == '"' || c == '\\' || c == ' ' || c == '\t')
      return false;
  return true;
}

bool may_hold_secret(std::string_view text) {
  std::string lower(text);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // A literal value after the name (`..._TOKEN=abc`), not the name alone (`unset ..._TOKEN`).
  for (std::string_view word : {"token=", "token:", "secret", "password", "certificate="})
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

class AliasKeywordMissingCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "alias-keyword-missing"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
    const shell::Analysis& a = facts.analysis;
    if (a.scripts.empty()) return;
    const shell::Script& script = *a.scripts.front();
    for (const auto& c : script.root.children) {
      if (c.kind != shell::CommandKind::Simple || !c.assigns.empty() || c.words.size() != 1) continue;
      const shell::Word& w = c.words[0];
      if (w.parts.size() == 0 || w.parts[0].kind != shell::PartKind::Literal || w.parts[0].quoted) continue;
      std::string_view lead = w.parts[0].text;
      auto eq = lead.find('=');
      if (eq == std::string_view::npos || !alias_only_name(lead.substr(0, eq))) continue;
      std::string name(lead.substr(0, eq));
      std::string_view written = w.end > w.begin && w.end <= script.source.size()
                                     ? script.source.substr(w.begin, w.end - w.begin)
                                     : std::string_view();
      std::string fix = "alias " + (written.empty() || written.size() > 300 || may_hold_secret(written)
                                        ? name + "='...'"
                                        : std::string(written));
      std::optional<size_t> request;
      for (size_t i = 0; i < a.signins.size(); ++i) {
        const auto& call = a.signins[i];
        if (call.in_alias && call.helper == name && call.context == name) {
          request = facts.call_request_index[i];
          break;
        }
      }
      Finding f = finding(SourceLocation{a.file, w.pos.line, w.pos.column}, name,
                          "`" + name + "=...` defines nothing: without the `alias` word, bash and zsh run it as a "
                          "command named `" + name + "=...` (command not found), so `" + name + "` does not exist" +
                              (request ? "; its sign-in is judged as the alias it was meant to be" : ""),
                          "Write it as an alias definition:\n    " + fix);
      f.request = request;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_alias_keyword_missing_check() { return std::make_unique<AliasKeywordMissingCheck>(); }
}  // namespace tcg::rules
