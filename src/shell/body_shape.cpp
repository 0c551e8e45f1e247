#include "shell/body_shape.h"

#include "shell/analysis.h"
#include "shell/builtins.h"
#include "shell/walk.h"

namespace tcg::shell {

bool has_lasting_effects(std::string_view w) {
  if (is_taskcluster_binary(w)) return true;
  // They run a taskcluster command given as their arguments (shell/cli_calls.cpp).
  if (w == "xargs" || w == "parallel" || w == "tcguard") return true;
  const Builtin* b = find_builtin(w);
  return b && b->lasting_effects;
}

namespace {

// A command name the evaluator could resolve to anything but the literal text: expansions, and
// globs or braces, which it does not expand.
bool computed_name(const Word& w) {
  if (!w.is_literal()) return true;
  for (const auto& p : w.parts) {
    if (p.quoted) continue;
    std::string_view t = p.text;
    if (t.find_first_of("*?") != std::string_view::npos) return true;
    size_t open = t.find('[');  // `[` alone is the test command, `[a]` a pattern
    if (open != std::string_view::npos && t.find(']', open + 1) != std::string_view::npos) return true;
    open = t.find('{');
    if (open != std::string_view::npos && t.find('}', open + 1) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

BodyShape body_shape(const Command& body) {
  BodyShape shape;
  for_each_command(body, [&](const Command& c) {
    if (c.kind == CommandKind::Function) shape.effects = true;  // defines a function when run
    if (c.kind != CommandKind::Simple || c.words.empty()) return;
    const Word& first = c.words[0];
    if (computed_name(first)) {
      shape.effects = true;
      return;
    }
    std::string name = first.literal();
    if (has_lasting_effects(name)) shape.effects = true;
    else shape.calls.push_back(std::move(name));
  });
  return shape;
}

}  // namespace tcg::shell
