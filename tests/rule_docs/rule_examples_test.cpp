// Every rule page's example is run (issue 11 point 6, as ShellCheck checks its wiki examples): the
// first block under "## Example" of docs/rules/<id>.md must make tcguard report <id>, and a shell
// block under "## How to fix" must not. Shell blocks are linted, YAML blocks are policy-checked
// (or, for what only a run can tell, used as the project policy of `lint --report-unused-exceptions`),
// and `console` blocks of the policy's actions are replayed with `run --dry-run` on the production
// cluster. Rules about the credentials in use need the API: they are only counted here (their
// behaviour is tested against the local API server in tests/api_run/, not the page's own text).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/rule.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

struct Block {
  std::string lang;
  std::string text;
};

// The first fenced block of the section titled `heading` ("" lang and text when none).
Block first_block(const std::string& page, const std::string& heading) {
  std::istringstream in(page);
  bool in_section = false, in_block = false;
  Block b;
  for (std::string line; std::getline(in, line);) {
    if (!in_block && line.rfind("## ", 0) == 0) {
      if (in_section) break;
      in_section = line == "## " + heading;
      continue;
    }
    if (!in_section) continue;
    if (line.rfind("```", 0) == 0) {
      if (in_block) return b;
      in_block = true;
      b.lang = line.substr(3);
      continue;
    }
    if (in_block) b.text += line + "\n";
  }
  return {};
}

RunOptions isolated(const TempDir& dir) {
  RunOptions o;
  o.cwd = dir.path();
  o.env_unset = {"TCGUARD_POLICY", "TASKCLUSTER_CLIENT_ID", "TASKCLUSTER_ACCESS_TOKEN", "TASKCLUSTER_CERTIFICATE",
                 "TCGUARD_CONFIRM", "NO_COLOR"};
  o.env_set = {{"XDG_CONFIG_HOME", dir.path() + "/config"},
               {"XDG_STATE_HOME", dir.path() + "/state"},
               {"HOME", dir.path()},
               {"TASKCLUSTER_ROOT_URL", "https://firefox-ci-tc.services.mozilla.com/"}};
  return o;
}

// Reported on its own, or folded into the finding of the same cause (its `related` entries).
bool reports(const nlohmann::json& findings, const std::string& rule) {
  for (const auto& f : findings) {
    if (f["rule"] == rule) return true;
    for (const auto& r : f.value("related", nlohmann::json::array()))
      if (r["rule"] == rule) return true;
  }
  return false;
}

// The rules `lint` reports for a shell text.
nlohmann::json lint_findings(const TempDir& dir, const std::string& text) {
  std::string file = dir.write("example.sh", text);
  RunResult r = run_tcguard({"--format", "json", "lint", file}, isolated(dir));
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  return j.is_discarded() ? nlohmann::json::array() : j["findings"];
}

// `$ [tcguard run [FLAGS] --] taskcluster ARGS`: the command line of the first such prompt.
std::vector<std::string> first_guarded_command(const std::string& console) {
  std::istringstream in(console);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("$ ", 0) != 0) continue;
    line = line.substr(2, line.find("  #") == std::string::npos ? std::string::npos : line.find("  #") - 2);
    std::istringstream words(line);
    std::vector<std::string> argv;
    for (std::string w; words >> w;) argv.push_back(w);
    auto tc = std::find(argv.begin(), argv.end(), "taskcluster");
    if (tc == argv.end() || (tc + 1 != argv.end() && *(tc + 1) == "signin")) continue;
    return {tc, argv.end()};
  }
  return {};
}

TEST(RuleExamples, EachPagesExampleReportsItsRuleAndItsFixDoesNot) {
  int linted = 0, checked = 0, replayed = 0, api_only = 0;
  for (const auto& rule : rules::builtin_rules()) {
    std::string id(rule.id);
    SCOPED_TRACE(id);
    auto page = rules::rule_doc(rule.id);
    ASSERT_TRUE(page) << "no docs/rules/" << id << ".md";
    Block example = first_block(std::string(*page), "Example");
    ASSERT_FALSE(example.text.empty()) << "docs/rules/" << id << ".md has no example block";
    TempDir dir;
    if (example.lang == "sh") {
      EXPECT_TRUE(reports(lint_findings(dir, example.text), id)) << "lint of the example:\n" << example.text;
      Block fix = first_block(std::string(*page), "How to fix");
      if (fix.lang == "sh") {
        EXPECT_FALSE(reports(lint_findings(dir, fix.text), id)) << "lint of the fix:\n" << fix.text;
      }
      ++linted;
    } else if (example.lang == "yaml") {
      std::string text = example.text.rfind("version:", 0) == 0 ? example.text : "version: 1\n" + example.text;
      std::string file = dir.write("policy.yaml", text);
      RunResult r = run_tcguard({"policy", "check", file}, isolated(dir));
      if (r.out.find("[" + id + "]") == std::string::npos) {
        // What only a lint run can tell (an exception no finding used): the example as the
        // repository's .tcguard.yaml, over a file with one harmless sign-in.
        dir.write(".tcguard.yaml", text);
        dir.write("example.sh", "eval \"$(taskcluster signin --expires 10m -s 'queue:rerun-task:gecko-level-1/abc')\"\n");
        RunResult lint = run_tcguard({"--format", "json", "lint", "--report-unused-exceptions", "example.sh"}, isolated(dir));
        auto j = nlohmann::json::parse(lint.out, nullptr, false);
        EXPECT_TRUE(!j.is_discarded() && reports(j["findings"], id)) << r.out << r.err << lint.out << lint.err;
      }
      Block fix = first_block(std::string(*page), "How to fix");
      if (fix.lang == "yaml") {
        std::string fixed = dir.write("fixed.yaml", fix.text.rfind("version:", 0) == 0 ? fix.text : "version: 1\n" + fix.text);
        RunResult f = run_tcguard({"policy", "check", fixed}, isolated(dir));
        EXPECT_EQ(f.out.find("[" + id + "]"), std::string::npos) << f.out << f.err;
        EXPECT_EQ(f.exit_code, 0) << f.out << f.err;
      }
      ++checked;
    } else if (example.lang == "console" && rule.kind == rules::RuleKind::Action) {
      std::vector<std::string> command = first_guarded_command(example.text);
      ASSERT_FALSE(command.empty()) << example.text;
      std::vector<std::string> argv{"--format", "json", "run", "--dry-run", "--"};
      argv.insert(argv.end(), command.begin(), command.end());
      RunResult r = run_tcguard(argv, isolated(dir));
      auto j = nlohmann::json::parse(r.out, nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << r.out << r.err;
      EXPECT_NE(j.dump().find("\"" + id + "\""), std::string::npos) << j.dump(1);
      ++replayed;
    } else {
      EXPECT_EQ(rule.kind, rules::RuleKind::Credential) << "an example tcguard cannot run: ```" << example.lang;
      ++api_only;
    }
  }
  std::cout << "[ rule examples ] " << linted << " linted, " << checked << " policy-checked, " << replayed
            << " replayed with run --dry-run, " << api_only << " need the API\n";
  EXPECT_GE(linted, 15);
  EXPECT_GE(replayed, 3);
}

}  // namespace
}  // namespace tcg::test
