#pragma once
// Visiting every command of a tree, including those inside $(..), <(..), ${x:-$(..)}, redirect
// targets, case subjects and patterns, case branches and function bodies (a syntactic walk, for
// checks that do not depend on paths). A command is visited before the commands inside it.
#include "shell/ast.h"

namespace tcg::shell {

template <class F>
void for_each_command(const Command& c, F&& visit);

// The words of `c` itself, not of the commands inside it: assignment values and elements, words,
// redirect targets, the case subject and patterns, a for loop's words.
template <class F>
void for_each_own_word(const Command& c, F&& visit) {
  for (const auto& a : c.assigns) {
    visit(a.value);
    for (const auto& e : a.elements) visit(e);
  }
  for (const auto& w : c.words) visit(w);
  for (const auto& r : c.redirects) visit(r.target);
  visit(c.word);
  for (const auto& w : c.loop_words) visit(w);
  for (const auto& item : c.items)
    for (const auto& p : item.patterns) visit(p);
}

template <class F>
void for_each_command_in_word(const Word& w, F&& visit) {
  for (const auto& p : w.parts) {
    if (p.kind == PartKind::CommandSub && p.body) for_each_command(*p.body, visit);
    for (const auto& a : p.arg) for_each_command_in_word(a, visit);
  }
}

template <class F>
void for_each_command(const Command& c, F&& visit) {
  visit(c);
  for_each_own_word(c, [&](const Word& w) { for_each_command_in_word(w, visit); });
  for (const auto& child : c.children) for_each_command(child, visit);
  for (const auto& item : c.items)
    if (item.body_ptr) for_each_command(*item.body_ptr, visit);
}

// Only the simple commands.
template <class F>
void for_each_simple(const Command& c, F&& visit) {
  for_each_command(c, [&](const Command& x) {
    if (x.kind == CommandKind::Simple) visit(x);
  });
}

}  // namespace tcg::shell
