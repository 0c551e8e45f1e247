// The doc front ends in-process: what each kind of doc keeps as shell, at which offsets, and that
// prose, output and other languages never reach the shell front end.
#include <gtest/gtest.h>

#include <string>

#include "lint/doc_blocks.h"

namespace tcg::lint {
namespace {

// The shell view's lines that hold something (trimmed), for readable expectations.
std::vector<std::string> kept_lines(const std::string& doc, DocKind kind) {
  std::string view = shell_view(doc, kind);
  EXPECT_EQ(view.size(), doc.size());
  for (size_t i = 0; i < doc.size(); ++i) {
    if (doc[i] == '\n') {
      EXPECT_EQ(view[i], '\n') << "newline " << i << " must stay in place";
    }
  }
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= view.size()) {
    size_t nl = view.find('\n', at);
    std::string line = view.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    size_t b = line.find_first_not_of(' '), e = line.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(line.substr(b, e - b + 1));
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(DocView, KindByName) {
  EXPECT_EQ(doc_kind_of_name("README.md"), DocKind::Markdown);
  EXPECT_EQ(doc_kind_of_name("guide.MARKDOWN"), DocKind::Markdown);
  EXPECT_EQ(doc_kind_of_name("signin.mdx"), DocKind::Mdx);
  EXPECT_EQ(doc_kind_of_name("cli.rst"), DocKind::Rst);
  EXPECT_EQ(doc_kind_of_name("notes.txt"), DocKind::PlainText);
  EXPECT_EQ(doc_kind_of_name(".env"), DocKind::Dotenv);
  EXPECT_EQ(doc_kind_of_name("dev.env"), DocKind::Dotenv);
  EXPECT_EQ(doc_kind_of_name(".env.production"), DocKind::Dotenv);
  EXPECT_EQ(doc_kind_of_name(".envrc"), DocKind::Shell);  // direnv runs it with bash
  EXPECT_EQ(doc_kind_of_name("bashrc"), DocKind::Shell);
  EXPECT_EQ(doc_kind_of_name("tc.sh"), DocKind::Shell);
}

TEST(DocView, ProseIsNeverShellAndApostrophesDoNotMatter) {
  std::string doc =
      "You'll need the CLI; don't run it as root.\n"
      "```sh\n"
      "taskcluster signin --expires 1h -s queue:rerun-task:*\n"
      "```\n"
      "It's done. Isn't it?\n"
      "```bash\n"
      "eval \"$(taskcluster signin --expires 15m)\"\n"
      "```\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Markdown),
            (Lines{"taskcluster signin --expires 1h -s queue:rerun-task:*", "eval \"$(taskcluster signin --expires 15m)\""}));
}

TEST(DocView, FencesOfEveryLengthAndInfoString) {
  std::string doc =
      "~~~zsh\nalias a='x'\n~~~\n"
      "````bash title=\"setup.sh\"\n~~~\nb=1\n````\n"  // another fence inside does not close it
      "````sh\nx=2\n```\n````\n"  // (and a block left open by its backticks is not kept)
      "```{.shell}\nc=2\n```\n"
      "```python\nimport os\n```\n"
      "```yaml\nkey: value\n```\n"
      "```json\n{\"taskcluster\": 1}\n```\n"
      "```go\nfunc main() {}\n```\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Markdown), (Lines{"alias a='x'", "~~~", "b=1", "c=2"}));
}

TEST(DocView, UntaggedBlocksOnlyWhenTheyLookLikeShell) {
  std::string doc =
      "```\n{\n  \"clientId\": \"x\"\n}\n```\n"
      "```\nscopes:\n  - queue:*\n```\n"
      "```\nClient ID: mozilla-auth0/ad|Mozilla-LDAP|you/\n```\n"
      "```\nimport taskcluster\n```\n"
      "```\n# sign in\nexport TASKCLUSTER_ROOT_URL=https://x/\n```\n"
      "```text\ntc-relduty\n```\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Markdown), (Lines{"# sign in", "export TASKCLUSTER_ROOT_URL=https://x/", "tc-relduty"}));
}

TEST(DocView, PromptsAreCutAndOutputLeftOut) {
  std::string doc =
      "```console\n"
      "$ taskcluster signin \\\n"
      "    --expires 1h\n"
      "Listening on http://localhost:1234\n"
      "% export A=1\n"
      "# apt-get install jq\n"
      "$ echo 'a\n"
      "b'\n"
      "output line\n"
      "$ cat <<EOF\n"
      "heredoc line\n"
      "EOF\n"
      "done.\n"
      "```\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Markdown),
            (Lines{"taskcluster signin \\", "--expires 1h", "export A=1", "apt-get install jq", "echo 'a", "b'",
                   "cat <<EOF", "heredoc line", "EOF"}));
  // In a bash block, `$ ` prompts make the block a session; without them `#` is a comment.
  std::string bash = "```bash\n$ tc-login\nSigned in\n```\n```bash\n# a comment\ntc-login\n```\n";
  EXPECT_EQ(kept_lines(bash, DocKind::Markdown), (Lines{"tc-login", "# a comment", "tc-login"}));
}

TEST(DocView, ColumnsArePreserved) {
  std::string doc = "Run:\n\n```console\n  $ eval \"$(taskcluster signin)\"\n```\n";
  std::string view = shell_view(doc, DocKind::Markdown);
  EXPECT_EQ(view.find("taskcluster"), doc.find("taskcluster"));
  EXPECT_EQ(view.find("eval"), doc.find("eval"));
  EXPECT_EQ(view.find('$'), doc.find("$(")) << "the prompt is blanked, `$(` kept";
}

TEST(DocView, InlineSpansOnlyWhenTheyAreCommands) {
  std::string doc =
      "```sh\ntc-relduty() { eval \"$(taskcluster signin -s a --expires 1h)\"; }\n```\n"
      "Use `--scopes` or `$VAR`, never `taskcluster signin --help` nor `taskcluster signin -h`.\n"
      "The `taskcluster signin` command names itself; `eval \"$(taskcluster signin -s b)\"` runs.\n"
      "Then `tc-relduty` and ``taskcluster signin --expires 2h -s c`` and `taskcluster signin 'open`.\n"
      "Escaped \\`taskcluster signin -s d --expires 1h\\` is prose.\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Markdown),
            (Lines{"tc-relduty() { eval \"$(taskcluster signin -s a --expires 1h)\"; }",
                   "eval \"$(taskcluster signin -s b)\";", "tc-relduty;       taskcluster signin --expires 2h -s c;"}));
}

TEST(DocView, IndentedBlocksButNotListContinuations) {
  std::string doc =
      "Old wiki:\n\n    eval \"$(taskcluster signin --expires 1h)\"\n\n"
      "Output:\n\n    Error: no credentials\n\n"
      "1. A list item\n\n    export is what it's called here, isn't it?\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Markdown), (Lines{"eval \"$(taskcluster signin --expires 1h)\""}));
}

TEST(DocView, MdxSkipsImportsAndJsx) {
  std::string doc =
      "import X from 'y'\nexport const m = `taskcluster signin -s x --expires 1h`\n"
      "<Note>`taskcluster signin -s y --expires 1h`</Note>\n"
      "Prose `taskcluster signin -s z --expires 1h`.\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Mdx), (Lines{"taskcluster signin -s z --expires 1h;"}));
}

TEST(DocView, BlockLeftOpenDoesNotSwallowTheNext) {
  std::string doc =
      "```sh\necho 'it is open\n```\n"
      "```sh\ntaskcluster signin --expires 1h\n```\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Markdown), (Lines{"taskcluster signin --expires 1h"}));
  EXPECT_TRUE(shell_left_open("echo \"$(a\n"));
  EXPECT_TRUE(shell_left_open("a \\\n"));
  EXPECT_TRUE(shell_left_open("a |\n"));
  EXPECT_TRUE(shell_left_open("cat <<EOF\nx\n"));
  EXPECT_FALSE(shell_left_open("cat <<-EOF\n\tx\n\tEOF\n"));
  EXPECT_FALSE(shell_left_open("echo \"it's\" # don't\n"));
}

TEST(DocView, RstDirectivesLiteralBlocksAndInlineLiterals) {
  std::string doc =
      "Title\n=====\n\n"
      "You'll want ``taskcluster signin --help`` first, and ``eval \"$(taskcluster signin -s a)\"`` later.\n\n"
      ".. code-block:: bash\n   :caption: setup\n\n   export TASKCLUSTER_ROOT_URL=https://x/\n   tc() {\n     :\n   }\n\n"
      "Back to prose, it's fine.\n\n"
      ".. code:: console\n\n   $ tc\n   output\n\n"
      ".. sourcecode:: python\n\n   import os\n\n"
      "A literal block::\n\n    eval \"$(taskcluster signin -s b)\"\n\n"
      "::\n\n    Client ID: x\n\n"
      ".. note::\n\n   `single` is not code, ``--expires 1h`` is a fragment.\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Rst),
            (Lines{"eval \"$(taskcluster signin -s a)\";", "export TASKCLUSTER_ROOT_URL=https://x/", "tc() {", ":",
                   "}", "tc", "eval \"$(taskcluster signin -s b)\""}));
}

TEST(DocView, RstTabIndentedOptionsFoundByFuzzing) {
  // A tab is 4 columns wide but one byte: an option line indented by tabs once read past its end.
  std::string doc = ".. code-block:: bash\n\t\t\t\t\t\t\t\t\t\t\t:x:\n\n   tc-x\n";
  EXPECT_EQ(kept_lines(doc, DocKind::Rst), (Lines{"tc-x"}));
}

TEST(DocView, PlainTextKeepsCommandLinesOnly) {
  std::string doc =
      "Aliases\n\nHere are a few aliases that you'll find helpful:\n\n"
      "# To log out\ntc-logout='unset TASKCLUSTER_CLIENT_ID; unset TASKCLUSTER_ACCESS_TOKEN'\n"
      "$ export TASKCLUSTER_ROOT_URL=https://x/\n"
      "Tasks generated through, e.g., taskcluster task retrigger aren't verifiable.\n"
      "eval \"$(taskcluster signin \\\n  --expires 1h)\"\n";
  EXPECT_EQ(kept_lines(doc, DocKind::PlainText),
            (Lines{"tc-logout='unset TASKCLUSTER_CLIENT_ID; unset TASKCLUSTER_ACCESS_TOKEN'",
                   "export TASKCLUSTER_ROOT_URL=https://x/", "eval \"$(taskcluster signin \\", "--expires 1h)\""}));
}

TEST(DocView, Dotenv) {
  EXPECT_TRUE(looks_like_dotenv("# dev\nTASKCLUSTER_CLIENT_ID=x\n\nexport TASKCLUSTER_ACCESS_TOKEN=y\n"));
  EXPECT_FALSE(looks_like_dotenv("# only comments\n\n"));
  EXPECT_FALSE(looks_like_dotenv("A=1\necho hi\n"));
  EXPECT_FALSE(looks_like_dotenv("1A=1\n"));
  EXPECT_EQ(kept_lines("A=1\nnot a line\nB='open\nC=3\n", DocKind::Dotenv), (Lines{"A=1", "C=3"}));
}

}  // namespace
}  // namespace tcg::lint
