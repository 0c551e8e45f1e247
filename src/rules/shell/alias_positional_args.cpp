// alias-positional-args: an alias body that uses $@, $*, $1..: an alias is text substitution and
// takes no arguments, so these expand to the interactive shell's (empty) parameters and the words
// typed after the alias land at the end of the body instead.
#include "rules/shell/shell_check.h"

namespace tcg::rules {
namespace {

class AliasPositionalArgsCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "alias-positional-args"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
    for (const auto& h : facts.analysis.helpers) {
      if (h.kind != shell::HelperKind::Alias || h.positional.empty()) continue;
      std::string uses;
      for (const auto& p : h.positional) {
        if (uses.find("`" + p.text + "`") != std::string::npos) continue;
        if (!uses.empty()) uses += ", ";
        uses += "`" + p.text + "`";
      }
      std::string body = h.body_text;
      while (!body.empty() && (body.back() == ' ' || body.back() == ';' || body.back() == '\n')) body.pop_back();
      std::string help = "Use a function, which does receive arguments (and remove the alias: unalias " + h.name +
                         "):\n    " + h.name + "() { " + body + "; }";
      Finding f = finding(h.positional.front().where, h.name,
                          "alias `" + h.name + "` uses " + uses +
                              ", but aliases take no arguments: it expands to nothing and the words typed after "
                              "the alias are appended to its end instead",
                          std::move(help));
      for (size_t i = 0; i < facts.analysis.signins.size(); ++i) {
        const auto& call = facts.analysis.signins[i];
        if (call.in_alias && call.helper == h.name && call.context == h.name) {
          f.request = facts.call_request_index[i];
          break;
        }
      }
      out.push_back(std::move(f));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_alias_positional_args_check() { return std::make_unique<AliasPositionalArgsCheck>(); }
}  // namespace tcg::rules
