// The shell front end: quoting, expansions, compound commands, positions, robustness.
#include <gtest/gtest.h>

#include "shell/parser.h"

namespace tcg::shell {
namespace {

const Command& first(const Script& s) { return s.root.children.at(0); }

TEST(ShellParser, QuotingAndPositions) {
  Script s = parse_script("echo 'a b' \"c $x\" $'d\\ne' f\\ g\n  next");
  const Command& c = first(s);
  ASSERT_EQ(c.kind, CommandKind::Simple);
  ASSERT_EQ(c.words.size(), 5u);
  EXPECT_EQ(c.words[1].literal(), "a b");
  EXPECT_EQ(c.words[3].literal(), "d\ne");
  EXPECT_EQ(c.words[4].literal(), "f g");
  EXPECT_EQ(c.words[1].pos.line, 1);
  EXPECT_EQ(c.words[1].pos.column, 6);
  ASSERT_EQ(s.root.children.size(), 2u);
  EXPECT_EQ(s.root.children[1].words[0].pos.line, 2);
  EXPECT_EQ(s.root.children[1].words[0].pos.column, 3);
  // "c $x": a literal then a parameter, both quoted.
  ASSERT_EQ(c.words[2].parts.size(), 2u);
  EXPECT_EQ(c.words[2].parts[1].kind, PartKind::Param);
  EXPECT_TRUE(c.words[2].parts[1].quoted);
}

TEST(ShellParser, AnsiCEscapes) {
  Script s = parse_script(R"(x $'\t\x41\101\u00e9\'\\\a\cA')");
  std::string v = first(s).words[1].literal();
  EXPECT_EQ(v, std::string("\tAA\xc3\xa9'\\\a\x01"));
}

TEST(ShellParser, NestedSubstitutionsAndBackticks) {
  Script s = parse_script("a=\"$(echo \"$(b \\`c\\`)\")\" ; eval `x \\`y\\``");
  ASSERT_EQ(s.root.children.size(), 2u);
  const Assignment& a = first(s).assigns.at(0);
  EXPECT_EQ(a.name, "a");
  ASSERT_EQ(a.value.parts.size(), 2u);  // "" + $(..)
  EXPECT_EQ(a.value.parts[1].kind, PartKind::CommandSub);
  const Command& ev = s.root.children[1];
  EXPECT_EQ(ev.words[1].parts.at(0).kind, PartKind::CommandSub);
}

TEST(ShellParser, ParameterOperators) {
  Script s = parse_script("e ${x:-d e} ${y=z} ${#a[@]} ${a[*]} ${x/a/b} ${!p}");
  const auto& w = first(s).words;
  EXPECT_EQ(w[1].parts[0].op, ParamOp::UseDefault);
  EXPECT_TRUE(w[1].parts[0].colon);
  EXPECT_EQ(w[1].parts[0].arg.at(0).literal(), "d e");
  EXPECT_EQ(w[2].parts[0].op, ParamOp::AssignDefault);
  EXPECT_FALSE(w[2].parts[0].colon);
  EXPECT_EQ(w[3].parts[0].op, ParamOp::Length);
  EXPECT_EQ(w[4].parts[0].index, "*");
  EXPECT_EQ(w[5].parts[0].op, ParamOp::Other);
  EXPECT_EQ(w[6].parts[0].op, ParamOp::Other);
}

TEST(ShellParser, FunctionsCaseIfLoops) {
  Script s = parse_script(
      "f () { case $1 in a|b) x=1;; *) y=2;; esac; }\n"
      "function g { if a; then b; elif c; then d; else e; fi; }\n"
      "function h() { for i in 1 2; do :; done; while x; do y; done; }\n");
  ASSERT_EQ(s.root.children.size(), 3u);
  EXPECT_EQ(s.root.children[0].kind, CommandKind::Function);
  EXPECT_EQ(s.root.children[0].name, "f");
  const Command& body = s.root.children[0].children[0].children[0];
  const Command& cs = body.children[0];
  ASSERT_EQ(cs.kind, CommandKind::Case);
  ASSERT_EQ(cs.items.size(), 2u);
  EXPECT_EQ(cs.items[0].label, "a|b");
  EXPECT_EQ(s.root.children[1].name, "g");
  const Command& ifc = s.root.children[1].children[0].children[0].children[0];
  EXPECT_EQ(ifc.kind, CommandKind::If);
  EXPECT_TRUE(ifc.has_else);
  EXPECT_EQ(ifc.children.size(), 5u);
  EXPECT_EQ(s.root.children[2].name, "h");
}

TEST(ShellParser, ArraysAndDeclarations) {
  Script s = parse_script("a=(x 'y z'\n  w)\nlocal -a b=(1 2) c=3\n");
  const Command& c = first(s);
  ASSERT_EQ(c.assigns.size(), 1u);
  EXPECT_TRUE(c.assigns[0].is_array);
  EXPECT_EQ(c.assigns[0].elements.size(), 3u);
  const Command& l = s.root.children.at(1);
  ASSERT_EQ(l.assigns.size(), 2u);
  EXPECT_TRUE(l.assigns[0].declaration);
  EXPECT_TRUE(l.assigns[0].is_array);
  EXPECT_EQ(l.assigns[1].value.literal(), "3");
}

TEST(ShellParser, HeredocsAreSkipped) {
  Script s = parse_script("cat <<EOF\n$(taskcluster signin)\nEOF\ncat <<-'X'\n\tfoo ' \"\n\tX\necho done\n");
  ASSERT_EQ(s.root.children.size(), 3u);
  EXPECT_EQ(s.root.children[2].words[1].literal(), "done");
  EXPECT_EQ(s.root.children[2].pos.line, 7);
}

TEST(ShellParser, CommentsAndContinuations) {
  Script s = parse_script("a \\\n  b # tcguard: disable=x -- y\n# own\nc");
  ASSERT_EQ(s.comments.size(), 2u);
  EXPECT_FALSE(s.comments[0].own_line);
  EXPECT_TRUE(s.comments[1].own_line);
  EXPECT_EQ(s.comments[0].text, " tcguard: disable=x -- y");
  EXPECT_EQ(first(s).words.size(), 2u);
}

TEST(ShellParser, GarbageDoesNotCrash) {
  for (const char* text : {")))", "fi fi done esac", "${", "$((", "`", "\"$(", "case x in", "f() {", "a=(",
                           "<<", "if then else", "${x:-${y:-${z", "$'\\", "'", "{ } ( ) ;; ;&"}) {
    Script s = parse_script(text);
    EXPECT_EQ(s.root.kind, CommandKind::Seq) << text;
  }
  // Found by fuzz_shell: an unterminated `case(` inside $(...) inside backticks left the parser
  // past the end of its text, and the next keyword test threw.
  EXPECT_EQ(parse_script("z`|\n\x11$(case(").root.kind, CommandKind::Seq);
  // Deep nesting is bounded.
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "$(";
  Script s = parse_script(deep);
  EXPECT_EQ(s.root.kind, CommandKind::Seq);
}

TEST(ShellParser, OriginShiftsPositions) {
  ParseOptions o;
  o.origin = {10, 5};
  Script s = parse_script("a b\nc", o);
  EXPECT_EQ(first(s).words[1].pos.line, 10);
  EXPECT_EQ(first(s).words[1].pos.column, 7);
  EXPECT_EQ(s.root.children[1].words[0].pos.line, 11);
  EXPECT_EQ(s.root.children[1].words[0].pos.column, 1);
}

}  // namespace
}  // namespace tcg::shell

namespace tcg::shell {
namespace {

TEST(ShellWord, LiteralEqualsSpellsAcrossPartsWithoutExpansions) {
  Script s = parse_script("a'cc'\"es\"sToken sig$x ''");
  const auto& w = s.root.children.at(0).words;
  ASSERT_EQ(w.size(), 3u);
  EXPECT_TRUE(w[0].literal_equals("accessToken"));
  EXPECT_FALSE(w[0].literal_equals("accessTok"));
  EXPECT_FALSE(w[0].literal_equals("accessTokens"));
  EXPECT_FALSE(w[1].literal_equals("sig")) << "a parameter is not literal text";
  EXPECT_TRUE(w[2].literal_equals(""));
}

}  // namespace
}  // namespace tcg::shell
