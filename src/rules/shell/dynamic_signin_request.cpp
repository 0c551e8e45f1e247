// dynamic-signin-request: a sign-in whose scopes or lifetime depend on a word the evaluator
// cannot resolve (a function's "$@", a variable from the environment, a command's output), and a
// sign-in written in the file that the evaluator never reached because it stopped short.
#include <map>
#include <set>
#include <utility>

#include "rules/shell/shell_check.h"
#include "shell/walk.h"

namespace tcg::rules {
namespace {

bool takes_scope(const std::string& flag) { return flag == "-s" || flag == "--scope"; }

using Place = std::pair<int, int>;  // line, column

// A `taskcluster signin` written out as such in the file (wrappers and env prefixes allowed), or
// an `alias` word whose body holds one, with the innermost function around it ("" at top level).
struct WrittenSignin {
  std::string function;
  bool alias_word = false;
};

std::map<Place, WrittenSignin> written_signins(const shell::Command& root) {
  std::map<Place, WrittenSignin> out;
  auto scan = [&](const shell::Command& body, std::string_view function) {
    shell::for_each_simple(body, [&](const shell::Command& c) {
      for (size_t i = 0; i + 1 < c.words.size(); ++i)
        if (shell::writes_signin_at(c, i))
          out[{c.words[i].pos.line, c.words[i].pos.column}] = WrittenSignin{std::string(function), false};
      // `alias tcs='taskcluster signin ...'`: the sign-in is in the alias body (a string).
      if (!c.words.empty() && c.words[0].literal_equals("alias")) {
        for (size_t i = 1; i < c.words.size(); ++i) {
          if (!c.words[i].is_literal()) continue;
          std::string text = c.words[i].literal();
          if (text.find("taskcluster") != std::string::npos && text.find("signin") != std::string::npos)
            out[{c.words[i].pos.line, c.words[i].pos.column}] = WrittenSignin{std::string(function), true};
        }
      }
    });
  };
  scan(root, "");
  // Functions are visited before the ones inside them, so the innermost name is the one kept.
  shell::for_each_command(root, [&](const shell::Command& c) {
    if (c.kind == shell::CommandKind::Function && !c.children.empty()) scan(c.children[0], c.name);
  });
  return out;
}

class DynamicSigninRequestCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "dynamic-signin-request"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
    std::set<std::tuple<int, int, std::string>> seen;
    const auto& calls = facts.analysis.signins;
    for (size_t i = 0; i < calls.size(); ++i) {
      const SigninRequest& r = facts.call_requests[i];
      if (r.scopes_known && r.expires_known) continue;
      std::vector<std::string> scope_pieces, expiry_pieces, both;
      const auto& args = calls[i].args;
      for (size_t k = 0; k < args.size(); ++k) {
        if (args[k].known) continue;
        const std::string& t = args[k].text;
        std::string prev = k > 0 && args[k - 1].known ? args[k - 1].text : "";
        if (takes_scope(prev) || t.rfind("--scope=", 0) == 0 || t.rfind("-s", 0) == 0) {
          scope_pieces.push_back(t);
        } else if (prev == "--expires" || t.rfind("--expires=", 0) == 0) {
          expiry_pieces.push_back(t);
        } else if (prev == "-n" || prev == "--name" || prev == "-p" || prev == "--port" ||
                   t.rfind("--name=", 0) == 0) {
          continue;
        } else {
          both.push_back(t);
        }
      }
      std::string message;
      auto list = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "`" : ", `") + x + "`";
        return s;
      };
      if (!both.empty()) {
        message = "the scopes and lifetime of this sign-in depend on " + list(both) +
                  ", which cannot be resolved here";
      } else {
        if (!r.scopes_known && !scope_pieces.empty())
          message = "the scopes of this sign-in depend on " + list(scope_pieces);
        if (!r.expires_known && !expiry_pieces.empty()) {
          message += message.empty() ? "the lifetime of this sign-in depends on " : "; its lifetime on ";
          message += list(expiry_pieces);
        }
        if (message.empty()) continue;
        message += ", which cannot be resolved here";
      }
      if (!seen.insert({calls[i].where.line, calls[i].where.column, message}).second) continue;
      Finding f = finding(calls[i].where, calls[i].context, std::move(message),
                          "Policy rules were checked only on what is known. Give the scopes and --expires as "
                          "literals (a `case` per purpose), or review each use with `tcguard review`.");
      f.request = facts.call_request_index[i];
      // Past a limit (the evaluator stopped short), what is unknown may be what a path it did
      // not follow would have made known: not judged, so it fails lint.
      if (facts.analysis.budget_exhausted) f.severity = Severity::Error;
      out.push_back(std::move(f));
    }
    size_t first_unreached = out.size();
    report_unreached(facts, out);
    report_unfollowed(facts, out, first_unreached);
  }

 private:
  // Fail closed where the parser lost its place in text bash accepts: a `taskcluster` word that
  // no parsed command accounts for may be a sign-in nobody judged.
  void report_unfollowed(const ShellFacts& facts, std::vector<Finding>& out, size_t first) const {
    const shell::Analysis& a = facts.analysis;
    // A line that already has its unreached sign-in reported needs no second finding for the
    // `taskcluster` word inside it (the alias or eval string it was written in).
    std::set<int> reported_lines;
    for (size_t i = first; i < out.size(); ++i) reported_lines.insert(out[i].where.line);
    std::set<Place> reported;
    for (const shell::Pos& p : shell::unfollowed_taskcluster_words(a, a.budget_exhausted)) {
      if (reported_lines.count(p.line) || !reported.insert({p.line, p.column}).second) continue;
      Finding f = finding(SourceLocation{a.file, p.line, p.column}, "",
                          "tcguard lost track of the shell syntax before this `taskcluster` word (or stopped "
                          "following the file before it), so whatever it runs was not judged",
                          "Simplify the line before it (split a long or unusual expansion into plain steps), or "
                          "move the sign-in into a file of its own; review each use with `tcguard review`.");
      f.severity = Severity::Error;
      out.push_back(std::move(f));
    }
  }

  // Fail closed: where the evaluator stopped short, a sign-in it never reached would otherwise
  // pass unjudged.
  void report_unreached(const ShellFacts& facts, std::vector<Finding>& out) const {
    const shell::Analysis& a = facts.analysis;
    if ((!a.budget_exhausted && !a.paths_dropped) || a.scripts.empty()) return;
    // An alias body's sign-in is placed inside the alias word: a word counts as reached when a
    // recorded sign-in starts on its line at or after it.
    std::set<Place> reached;
    for (const auto& call : a.signins) reached.insert({call.where.line, call.where.column});
    auto was_reached = [&](const Place& place, bool alias_word) {
      if (!alias_word) return reached.count(place) > 0;
      auto it = reached.lower_bound(place);
      return it != reached.end() && it->first == place.first;
    };
    const std::string why = a.budget_exhausted
                                ? "tcguard stopped following this file's paths before it reached this sign-in (the "
                                  "file's evaluation budget or depth ran out)"
                                : "this sign-in lies on a path tcguard did not follow (more paths than it follows "
                                  "at once)";
    const std::string help =
        a.budget_exhausted
            ? "Move the sign-in helpers into a file of their own, or split the file, so that each is followed to "
              "the end; review each use with `tcguard review`."
            : "Put the sign-in in a function of its own, with a `case` per purpose, so that few paths lead to it; "
              "review each use with `tcguard review`.";
    for (const auto& [place, written] : written_signins(a.scripts.front()->root)) {
      if (was_reached(place, written.alias_word)) continue;
      Finding f = finding(SourceLocation{a.file, place.first, place.second}, written.function,
                          why + ", so what it requests was not judged", help);
      // Not a sign-in judged on what is known (a note) but one not judged at all: it could ask
      // for `*` for a day, so it fails lint at its default level.
      f.severity = Severity::Error;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_dynamic_signin_request_check() {
  return std::make_unique<DynamicSigninRequestCheck>();
}
}  // namespace tcg::rules
