#pragma once
// Visiting every simple command of a tree, including those inside $(..), case branches and
// function bodies (a syntactic walk, for checks that do not depend on paths).
#include "shell/ast.h"

namespace tcg::shell {

template <class F>
void for_each_simple(const Command& c, F&& visit);

template <class F>
void for_each_simple_in_word(const Word& w, F&& visit) {
  for (const auto& p : w.parts) {
    if (p.kind == PartKind::CommandSub && p.body) for_each_simple(*p.body, visit);
    for (const auto& a : p.arg) for_each_simple_in_word(a, visit);
  }
}

template <class F>
void for_each_simple(const Command& c, F&& visit) {
  if (c.kind == CommandKind::Simple) visit(c);
  for (const auto& a : c.assigns) {
    for_each_simple_in_word(a.value, visit);
    for (const auto& e : a.elements) for_each_simple_in_word(e, visit);
  }
  for (const auto& w : c.words) for_each_simple_in_word(w, visit);
  for_each_simple_in_word(c.word, visit);
  for (const auto& w : c.loop_words) for_each_simple_in_word(w, visit);
  for (const auto& child : c.children) for_each_simple(child, visit);
  for (const auto& item : c.items)
    if (item.body_ptr) for_each_simple(*item.body_ptr, visit);
}

}  // namespace tcg::shell
