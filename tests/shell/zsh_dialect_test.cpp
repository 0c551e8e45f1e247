// The zsh dialect: how its parameters expand into a sign-in's arguments, the options that change
// that (setopt, emulate), what stays unknown, and how a file's dialect is chosen. The expected
// words are what zsh 5.9 gives (tests/zsh_agreement/ checks the same against the real zsh).
#include <gtest/gtest.h>

#include "shell/analysis.h"
#include "shell/dialect.h"
#include "shell/parser.h"

namespace tcg::shell {
namespace {

using V = std::vector<std::string>;

// The words of each sign-in, an unknown one shown as "?display".
std::vector<V> signins(const std::string& code, Dialect d = Dialect::Zsh) {
  Analysis a = analyze(code, "f", d);
  std::vector<V> out;
  for (const auto& c : a.signins) {
    V words;
    for (const auto& arg : c.args) words.push_back(arg.known ? arg.text : "?" + arg.text);
    out.push_back(words);
  }
  return out;
}

V one(const std::string& code, Dialect d = Dialect::Zsh) {
  auto all = signins(code, d);
  EXPECT_EQ(all.size(), 1u) << code;
  return all.empty() ? V{} : all[0];
}

TEST(ZshDialect, UnquotedScalarIsOneWord) {
  std::string code = "s='a:b c:d'\ntaskcluster signin -s $s\n";
  EXPECT_EQ(one(code), (V{"-s", "a:b c:d"}));
  EXPECT_EQ(one(code, Dialect::Bash), (V{"-s", "a:b", "c:d"}));
  EXPECT_EQ(one("set -- 'x y' z\ntaskcluster signin -s $1\n"), (V{"-s", "x y"}));
  EXPECT_EQ(one("e=''\ntaskcluster signin $e -s q\n"), (V{"-s", "q"}));  // an empty unquoted word goes
}

TEST(ZshDialect, ArraysAreOneBasedAndWhole) {
  std::string arr = "a=(q:1 'q:2 x' '' q:4)\n";
  EXPECT_EQ(one(arr + "taskcluster signin $a\n"), (V{"q:1", "q:2 x", "q:4"}));
  EXPECT_EQ(one(arr + "taskcluster signin \"$a\"\n"), (V{"q:1 q:2 x  q:4"}));
  EXPECT_EQ(one(arr + "taskcluster signin \"$a[@]\"\n"), (V{"q:1", "q:2 x", "", "q:4"}));
  EXPECT_EQ(one(arr + "taskcluster signin \"${a[*]}\"\n"), (V{"q:1 q:2 x  q:4"}));
  EXPECT_EQ(one(arr + "taskcluster signin -s $a[1] -s ${a[2]} -s $a[-1]\n"), (V{"-s", "q:1", "-s", "q:2 x", "-s", "q:4"}));
  EXPECT_EQ(one(arr + "taskcluster signin -s $a[1]\n", Dialect::Bash), (V{"-s", "q:1[1]"}));
  EXPECT_EQ(one(arr + "taskcluster signin $a[2,3] x$a[0]y\n"), (V{"q:2 x", "xy"}));
  EXPECT_EQ(one(arr + "taskcluster signin --expires $#a ${#a}h\n"), (V{"--expires", "4", "4h"}));
  EXPECT_EQ(one("s=abc\ntaskcluster signin $s[2] $#s\n"), (V{"b", "3"}));  // a scalar's characters
  EXPECT_EQ(one(arr + "a+=(q:5)\na+=q:6\na[1]=q:0\ntaskcluster signin $a\n"), (V{"q:0", "q:2 x", "q:4", "q:5", "q:6"}));
  EXPECT_EQ(one("typeset -a s\ns+=(q:1)\ntaskcluster signin $s\n"), (V{"q:1"}));
  EXPECT_EQ(signins(arr + "for x in $a; do taskcluster signin -s $x; done\n").size(), 3u);
}

TEST(ZshDialect, JoinAndSplitFlags) {
  std::string arr = "a=(q:1 q:2 '')\n";
  EXPECT_EQ(one(arr + "taskcluster signin ${(j: -s :)a}\n"), (V{"q:1 -s q:2 -s "}));
  EXPECT_EQ(one(arr + "taskcluster signin -s \"${(F)a}\"\n"), (V{"-s", "q:1\nq:2\n"}));
  EXPECT_EQ(one(arr + "taskcluster signin -s \"${(pj:\\n:)a}\"\n"), (V{"-s", "q:1\nq:2\n"}));
  EXPECT_EQ(one(arr + "taskcluster signin -s \"${(j:\\n:)a}\"\n"), (V{"-s", "q:1\\nq:2\\n"}));  // no (p): literal
  EXPECT_EQ(one("c='q:1,,q:2 x'\ntaskcluster signin ${(s:,:)c}\n"), (V{"q:1", "q:2 x"}));
  EXPECT_EQ(one("c='q:1,,q:2'\ntaskcluster signin \"${(@s:,:)c}\"\n"), (V{"q:1", "", "q:2"}));
  EXPECT_EQ(one("c=$'q:1\\n\\nq:2'\ntaskcluster signin ${(f)c}\n"), (V{"q:1", "q:2"}));
  EXPECT_EQ(one("c='q:1 q:2'\ntaskcluster signin $=c \"$=c\" ${=c}\n"), (V{"q:1", "q:2", "q:1", "q:2", "q:1", "q:2"}));
  EXPECT_EQ(one("taskcluster signin -s ${(s<|>)${:-x}}\n")[1][0], '?');  // nested: unknown
}

TEST(ZshDialect, ShWordSplitAlongThePath) {
  std::string s = "s='q:1 q:2'\n";
  EXPECT_EQ(one(s + "setopt shwordsplit\ntaskcluster signin $s\n"), (V{"q:1", "q:2"}));
  EXPECT_EQ(one(s + "setopt SH_WORD_SPLIT\nunsetopt sh_word_split\ntaskcluster signin $s\n"), (V{"q:1 q:2"}));
  EXPECT_EQ(one(s + "setopt no_sh_word_split\ntaskcluster signin $s\n"), (V{"q:1 q:2"}));
  EXPECT_EQ(one(s + "set -o shwordsplit\ntaskcluster signin $s\n"), (V{"q:1", "q:2"}));
  EXPECT_EQ(one(s + "emulate sh\ntaskcluster signin $s\n"), (V{"q:1", "q:2"}));
  EXPECT_EQ(one(s + "emulate sh\nemulate zsh\ntaskcluster signin $s\n"), (V{"q:1 q:2"}));
  // Local to a function with localoptions / emulate -L; kept after a function without.
  EXPECT_EQ(one(s + "f() { setopt localoptions shwordsplit; }\nf\ntaskcluster signin $s\n"), (V{"q:1 q:2"}));
  EXPECT_EQ(one(s + "f() { emulate -L sh; }\nf\ntaskcluster signin $s\n"), (V{"q:1 q:2"}));
  EXPECT_EQ(one(s + "f() { setopt shwordsplit; }\nf\ntaskcluster signin $s\n"), (V{"q:1", "q:2"}));
  // Only on one path: each path keeps its own.
  auto both = signins(s + "if [ -n \"$X\" ]; then setopt shwordsplit; fi\ntaskcluster signin $s\n");
  ASSERT_EQ(both.size(), 2u);
  EXPECT_NE(both[0], both[1]);
}

TEST(ZshDialect, WhatIsNotModelledStaysUnknown) {
  std::string s = "s='q:1 q:2'\na=(q:1 q:2)\n";
  // An option set from a variable may be shwordsplit: a value with a blank is unknown then.
  EXPECT_EQ(one(s + "setopt $opts\ntaskcluster signin -s $s\n")[1][0], '?');
  EXPECT_EQ(one(s + "setopt $opts\ntaskcluster signin -s q:x\n")[1], "q:x");
  // KSH_ARRAYS (emulate ksh/sh) changes what $a[1] means, even how it is read.
  EXPECT_EQ(one(s + "emulate ksh\ntaskcluster signin -s $a[1]\n")[1][0], '?');
  EXPECT_EQ(one(s + "setopt ksharrays\ntaskcluster signin -s ${a[1]}\n")[1][0], '?');
  for (std::string_view form : {"${(U)s}", "${(q)s}", "${(k)a}", "$a[(r)q*]", "${^a}", "${~s}", "$+s", "${(s::)s}",
                                "${a[1]:-x}", "${s/q/x}", "${(P)s}"}) {
    auto w = one(s + "taskcluster signin -s " + std::string(form) + "\n");
    ASSERT_EQ(w.size(), 2u) << form;
    EXPECT_EQ(w[1][0], '?') << form;
  }
  EXPECT_EQ(one("taskcluster signin -s $HOME_SCOPES\n")[1], "?$HOME_SCOPES");
}

TEST(ZshDialect, FunctionsAndAliasesZshStyle) {
  std::string code =
      "a=(q:1 q:2)\n"
      "function tc-a { eval \"$(taskcluster signin -s $a[2])\" }\n"
      "tc-b() { eval \"$(taskcluster signin -s $1)\" }\n"
      "alias tc-c='eval \"$(taskcluster signin -s $a[1])\"'\n"
      "tc-b 'q:3 q:4'\n"
      "tc-c\n";
  Analysis an = analyze(code, "f", Dialect::Zsh);
  std::vector<V> got;
  for (const auto& c : an.signins) {
    if (c.context.empty()) continue;
    V w{c.context};
    for (const auto& arg : c.args) w.push_back(arg.known ? arg.text : "?");
    got.push_back(w);
  }
  auto has = [&](const V& w) { return std::find(got.begin(), got.end(), w) != got.end(); };
  EXPECT_TRUE(has(V{"tc-a", "-s", "q:2"}));
  EXPECT_TRUE(has(V{"tc-b called at line 5", "-s", "q:3 q:4"})) << ::testing::PrintToString(got);
  EXPECT_TRUE(has(V{"tc-c", "-s", "q:1"}));
}

TEST(ZshDialect, ParserReadsZshParameters) {
  ParseOptions o;
  o.dialect = Dialect::Zsh;
  Script s = parse_script("x $a[1] \"$b[-1]\" $#c $=d ${(j: -s :)e} ${(s:):)f}\n", o);
  ASSERT_EQ(s.root.children.size(), 1u);
  const Command& c = s.root.children[0];
  // The parameter of each word (a quoted word also holds an empty literal).
  auto param = [&](size_t i) -> const WordPart& {
    for (const auto& part : c.words[i].parts)
      if (part.kind == PartKind::Param) return part;
    return c.words[i].parts[0];
  };
  ASSERT_EQ(c.words.size(), 7u);
  EXPECT_EQ(param(1).index, "1");
  EXPECT_EQ(param(2).index, "-1");
  EXPECT_EQ(param(3).op, ParamOp::Length);
  EXPECT_TRUE(param(4).split_words);
  EXPECT_EQ(param(5).flags, "j: -s :");
  EXPECT_EQ(param(5).text, "e");
  EXPECT_EQ(param(6).flags, "s:):");
  EXPECT_EQ(param(6).text, "f");
  // zsh closes a brace group at a bare `}` after the words; bash reads it as one more word.
  Script z = parse_script("f() { echo a }\nf\n", o);
  EXPECT_EQ(z.root.children.size(), 2u);
  EXPECT_EQ(parse_script("f() { echo a }\nf\n").root.children.size(), 1u);
  // bash: `$a[1]` is $a and a literal `[1]`.
  Script b = parse_script("x $a[1]\n");
  EXPECT_EQ(b.root.children[0].words[1].parts.size(), 2u);
}

TEST(ZshDialect, ChosenByShebangThenName) {
  EXPECT_EQ(detect_dialect("x.sh", "#!/bin/zsh\n"), Dialect::Zsh);
  EXPECT_EQ(detect_dialect("x", "#!/usr/bin/env zsh\necho\n"), Dialect::Zsh);
  EXPECT_EQ(detect_dialect("x", "#!/usr/bin/env -S zsh -f\n"), Dialect::Zsh);
  EXPECT_EQ(detect_dialect("_tc", "#compdef tc\n"), Dialect::Zsh);
  EXPECT_EQ(detect_dialect("x.zsh", "#!/bin/bash\n"), Dialect::Bash);  // the shebang wins
  EXPECT_EQ(detect_dialect("/home/me/.zshrc", "alias x=y\n"), Dialect::Zsh);
  for (std::string_view p : {"zshrc", "a/.zshenv", "a/zprofile", ".zlogin", "tc.zsh", "/h/.zshrc.d/tc.sh",
                             "dotfiles/zsh/aliases", "/h/.zsh/functions/tc", "zshrc.d/x"})
    EXPECT_EQ(detect_dialect(p, "echo\n"), Dialect::Zsh) << p;
  for (std::string_view p : {"tc.sh", ".bashrc", "bash/zshrc-notes.sh", "x.zsh.bak", "zshthing/x"})
    EXPECT_EQ(detect_dialect(p, "echo\n"), Dialect::Bash) << p;
  EXPECT_EQ(parse_dialect("zsh"), Dialect::Zsh);
  EXPECT_EQ(parse_dialect("fish"), std::nullopt);
}

}  // namespace
}  // namespace tcg::shell
