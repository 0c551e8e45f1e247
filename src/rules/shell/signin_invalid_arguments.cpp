// signin-invalid-arguments: a `taskcluster signin` whose arguments the real CLI rejects (an
// unknown flag such as the `--scopes` of some upstream docs, a flag without its value) or that
// holds a stray word. Nothing is signed in, so the call is no request: this is its one finding.
// The same parser and wording as `tcguard review`, which exits 2 on the same arguments.
#include "rules/shell/shell_check.h"
#include "rules/signin_rejection.h"

namespace tcg::rules {
namespace {

class SigninInvalidArgumentsCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "signin-invalid-arguments"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
    // Rejected calls were set aside; a call with only stray words still signs in (the CLI
    // ignores them) and is judged as a request too.
    for (const auto& call : facts.analysis.not_signins) report(call, out);
    for (const auto& call : facts.analysis.signins) report(call, out);
  }

 private:
  void report(const shell::SigninCall& call, std::vector<Finding>& out) const {
    const tccli::SigninArgs& parsed = call.parsed();
    if (tccli::signin_form(parsed) != tccli::SigninForm::Rejected && !tccli::stray_words_only(parsed)) return;
    if (tccli::signin_form(parsed) == tccli::SigninForm::Help || tccli::signin_form(parsed) == tccli::SigninForm::Check) return;
    // At the word the CLI stops at; through a call, at the call (the body is related).
    SourceLocation at = parsed.problems.front().where;
    if (at.file.empty() || at.line <= 0) at = call.where;
    if (call.called_at) at = *call.called_at;
    std::string message = signin_rejection_sentence(signin_command_text(call.args), parsed);
    Finding f = finding(at, call.context, std::move(message),
                        "Use the flags `taskcluster signin` knows: -s/--scope SCOPE (repeat it), --expires DURATION, "
                        "-n/--name NAME; check with `tcguard review -- taskcluster signin ...`.");
    if (call.called_at) f.related.push_back(RelatedLocation{call.where, "the sign-in, in the body of `" + call.helper + "`", "", Severity::Note});
    out.push_back(std::move(f));
  }
};

}  // namespace
std::unique_ptr<Check> make_signin_invalid_arguments_check() { return std::make_unique<SigninInvalidArgumentsCheck>(); }
}  // namespace tcg::rules
