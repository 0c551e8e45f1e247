// "lint and review agree on every sign-in argument list in the tests (one parser)": every
// `taskcluster signin` argument list written in the test suite's fixtures, the examples and the
// docs' shell blocks goes through `tcguard review -- taskcluster signin ARGS` and, as one line of
// one script, through `tcguard lint`; both must see the same request, or both reject it, or both
// find no sign-in in it (--help, --check).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "shell/analysis.h"
#include "support/cli_runner.h"
#include "util/shell_quote.h"

namespace tcg::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The fenced code blocks of a Markdown page, one after the other (prose is no shell).
std::string code_blocks(const std::string& page) {
  std::istringstream in(page);
  std::string out;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) {
      inside = !inside;
      out += "\n";
      continue;
    }
    out += inside ? line + "\n" : "\n";
  }
  return out;
}

std::set<std::vector<std::string>> argument_lists() {
  std::vector<fs::path> files;
  const fs::path root = TCGUARD_SOURCE_DIR;
  for (const char* dir : {"tests", "examples", "docs"}) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root / dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      const fs::path& p = it->path();
      std::string rel = fs::relative(p, root).string();
      bool fixture = rel.find("/fixtures/") != std::string::npos || rel.rfind("examples/", 0) == 0;
      bool doc = p.extension() == ".md" && rel.rfind("docs/", 0) == 0;
      if ((fixture || doc) && fs::file_size(p) < 512 * 1024) files.push_back(p);
    }
  }
  std::set<std::vector<std::string>> lists;
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find("signin") == std::string::npos || text.find('\0') != std::string::npos) continue;
    if (p.extension() == ".md") text = code_blocks(text);
    shell::Analysis a = shell::analyze(text, p.string());
    for (const auto& call : a.signins) {
      std::vector<std::string> words;
      bool known = true;
      for (const auto& arg : call.args) {
        known &= arg.known;
        words.push_back(arg.text);
      }
      if (known) lists.insert(words);
    }
  }
  return lists;
}

struct Outcome {
  std::string kind;  // "request", "rejected", "no sign-in"
  json scopes;
  std::string expires;
  bool operator==(const Outcome& o) const { return kind == o.kind && scopes == o.scopes && expires == o.expires; }
};

std::string show(const std::vector<std::string>& words) {
  std::string s = "taskcluster signin";
  for (const auto& w : words) s += " " + posix_quoted(w);
  return s;
}

RunOptions isolated() {
  RunOptions o;
  o.cwd = TCGUARD_SOURCE_DIR;
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_ROOT_URL", "NO_COLOR"};
  o.env_set["XDG_CONFIG_HOME"] = "/nonexistent-tcguard-test";
  return o;
}

Outcome review(const std::vector<std::string>& words) {
  std::vector<std::string> argv{"--format", "json", "review", "--", "taskcluster", "signin"};
  argv.insert(argv.end(), words.begin(), words.end());
  RunResult r = run_tcguard(argv, isolated());
  if (r.exit_code == 2 && (r.err.find("would be rejected by the CLI") != std::string::npos || r.err.find("has a word the CLI ignores") != std::string::npos)) return {"rejected", {}, ""};
  if (r.exit_code == 0 && r.out.find("not a sign-in request") != std::string::npos) return {"no sign-in", {}, ""};
  json j = json::parse(r.out, nullptr, false);
  if (j.is_discarded() || j["requests"].size() != 1) return {"review failed: " + r.err + r.out, {}, ""};
  return {"request", j["requests"][0]["scopes"], j["requests"][0]["expires"]};
}

TEST(OneParser, LintAndReviewAgreeOnEverySigninArgumentListOfTheFixturesAndDocs) {
  auto lists = argument_lists();
  std::cout << "[ agreement ] " << lists.size() << " distinct argument lists\n";
  ASSERT_GE(lists.size(), 40u);
  // One script, one sign-in per line (an argument with a newline takes more lines).
  std::string script;
  std::map<int, const std::vector<std::string>*> at_line;
  int line = 1;
  for (const auto& words : lists) {
    at_line[line] = &words;
    std::string cmd = "eval \"$(" + show(words) + ")\"\n";
    script += cmd;
    line += static_cast<int>(std::count(cmd.begin(), cmd.end(), '\n'));
  }
  TempDir dir;
  std::string file = dir.write("all.sh", script);
  RunResult r = run_tcguard({"--format", "json", "lint", file}, isolated());
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out << r.err;
  std::map<int, Outcome> linted;
  for (const auto& [n, words] : at_line) linted[n] = {"no sign-in", {}, ""};
  for (const auto& f : j["findings"])
    if (f["rule"] == "signin-invalid-arguments") linted[f["line"].get<int>()] = {"rejected", {}, ""};
  for (const auto& q : j["requests"]) {
    Outcome& o = linted[q["line"].get<int>()];
    // A stray word: the CLI ignores it and signs in, so lint judges that request and reports the
    // word; review refuses it. Both call the list invalid.
    if (o.kind == "rejected") continue;
    o = {"request", q["scopes"], q["expires"]};
  }
  size_t kinds[3] = {0, 0, 0};
  for (const auto& [n, words] : at_line) {
    Outcome from_review = review(*words);
    const Outcome& from_lint = linted[n];
    EXPECT_EQ(from_review.kind, from_lint.kind) << show(*words);
    EXPECT_EQ(from_review.scopes, from_lint.scopes) << show(*words);
    EXPECT_EQ(from_review.expires, from_lint.expires) << show(*words);
    kinds[from_review.kind == "request" ? 0 : from_review.kind == "rejected" ? 1 : 2]++;
  }
  std::cout << "[ agreement ] " << kinds[0] << " requests, " << kinds[1] << " rejected, " << kinds[2]
            << " no sign-in\n";
  EXPECT_GE(kinds[1], 3u);  // this folder's fixtures hold at least the three rejected lists
}

}  // namespace
}  // namespace tcg::test
