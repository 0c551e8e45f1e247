// docs/policy.md cannot drift from the parser (issue 17 point 2): its key tables are the parser's
// own (policy::accepted_keys(), the tables that reject unknown keys), every key has an example, and
// every ```yaml block passes `tcguard policy check` and does what the ```console blocks after it
// show, replayed through the built binary in a fresh folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "policy/policy.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

namespace fs = std::filesystem;

const std::string& page() {
  static const std::string text = read_file(source_path("docs/policy.md"));
  return text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The keys of the table after `<!-- keys: SECTION -->`: the first column's `code`, row by row.
std::map<std::string, std::set<std::string>> documented_keys() {
  std::map<std::string, std::set<std::string>> out;
  auto lines = lines_of(page());
  const std::regex marker(R"(^<!-- keys: (\S+) -->$)"), row(R"(^\| `([a-z_]+)` \|)");
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_match(lines[i], m, marker)) continue;
    auto& keys = out[m[1]];
    for (size_t j = i + 1; j < lines.size() && lines[j].rfind("|", 0) == 0; ++j)
      if (std::smatch k; std::regex_search(lines[j], k, row)) keys.insert(k[1]);
  }
  return out;
}

struct Block {
  std::string lang;
  std::string text;
  size_t line = 0;  // of the opening fence, 1-based
};

std::vector<Block> blocks() {
  std::vector<Block> out;
  auto lines = lines_of(page());
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("```", 0) != 0) continue;
    Block b{lines[i].substr(3), "", i + 1};
    for (++i; i < lines.size() && lines[i].rfind("```", 0) != 0; ++i) b.text += lines[i] + "\n";
    out.push_back(std::move(b));
  }
  return out;
}

TEST(PolicyDoc, KeyTablesAreTheParsersTables) {
  auto documented = documented_keys();
  std::set<std::string> sections;
  for (const auto& table : policy::accepted_keys()) {
    std::string section(table.section);
    sections.insert(section);
    std::set<std::string> accepted(table.keys.begin(), table.keys.end());
    ASSERT_TRUE(documented.count(section)) << "docs/policy.md has no `<!-- keys: " << section << " -->` table";
    EXPECT_EQ(documented[section], accepted) << "section " << section;
  }
  for (const auto& [section, keys] : documented) EXPECT_TRUE(sections.count(section)) << "no parser table " << section;
}

TEST(PolicyDoc, EveryKeyHasAnExample) {
  std::string yaml;
  for (const auto& b : blocks())
    if (b.lang == "yaml") yaml += b.text;
  for (const auto& table : policy::accepted_keys())
    for (const auto& key : table.keys)
      EXPECT_TRUE(std::regex_search(yaml, std::regex("(^|[\\s{,])" + key + ":"))) << table.section << " " << key;
}

TEST(PolicyDoc, IsLinkedFromTheReadmeAndTheGuide) {
  EXPECT_NE(read_file(source_path("README.md")).find("](docs/policy.md)"), std::string::npos);
  EXPECT_NE(read_file(source_path("docs/guide.md")).find("](policy.md)"), std::string::npos);
}

RunOptions isolated(const TempDir& dir) {
  RunOptions o;
  o.clean_env = true;
  // `tcguard` in a console block is the built binary.
  o.env_set = {{"HOME", dir.path()},
               {"XDG_CONFIG_HOME", dir.path() + "/config"},
               {"XDG_STATE_HOME", dir.path() + "/state"},
               {"PATH", fs::path(tcguard_binary()).parent_path().string() + ":/usr/bin:/bin"}};
  o.cwd = dir.path();
  return o;
}

// A block's file: its first line names it (`# repo/.tcguard.yaml`), else example.yaml.
std::string file_name(const Block& b, const std::string& fallback) {
  static const std::regex named(R"(^# ([A-Za-z0-9_./-]+)\n)");
  std::smatch m;
  return std::regex_search(b.text, m, named) ? m[1].str() : fallback;
}

bool is_finding_line(const std::string& line) {
  static const std::regex finding(R"((error|warning|note): .* \[[a-z0-9._-]+\]$)");
  return std::regex_search(line, finding);
}

// Each `$ ` command runs in `sh -c`; the lines shown after it must come in its output in that
// order, and every finding line of the output must be shown (nothing is left out).
void replay(const Block& console, const TempDir& dir, int& commands) {
  auto lines = lines_of(console.text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("$ ", 0) != 0) continue;
    const std::string command = lines[i].substr(2);
    std::vector<std::string> shown;
    for (size_t j = i + 1; j < lines.size() && lines[j].rfind("$ ", 0) != 0; ++j) shown.push_back(lines[j]);
    SCOPED_TRACE("docs/policy.md:" + std::to_string(console.line + i + 1) + ": " + command);
    RunResult r = run({"/bin/sh", "-c", command}, isolated(dir));
    ++commands;
    auto output = lines_of(r.out + r.err);
    size_t at = 0;
    for (const auto& line : shown) {
      while (at < output.size() && output[at] != line) ++at;
      EXPECT_LT(at, output.size()) << "not in the output (in order): " << line << "\n--- output:\n" << r.out << r.err;
      if (at < output.size()) ++at;
    }
    for (const auto& line : output) {
      if (!is_finding_line(line)) continue;
      EXPECT_NE(std::find(shown.begin(), shown.end(), line), shown.end()) << "the page leaves out: " << line;
    }
  }
}

TEST(PolicyDoc, EveryYamlExampleChecksAndDoesWhatThePageShows) {
  auto all = blocks();
  int examples = 0, commands = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].lang != "yaml") continue;
    SCOPED_TRACE("docs/policy.md:" + std::to_string(all[i].line));
    TempDir dir;
    const std::string policy = file_name(all[i], "example.yaml");
    dir.write(policy, all[i].text.find("version:") == std::string::npos ? "version: 1\n" + all[i].text : all[i].text);
    // The blocks up to the next yaml block belong to this example: shell files, then commands.
    std::vector<const Block*> consoles;
    for (size_t j = i + 1; j < all.size() && all[j].lang != "yaml"; ++j) {
      if (all[j].lang == "sh") dir.write(file_name(all[j], "example.sh"), all[j].text);
      if (all[j].lang == "console") consoles.push_back(&all[j]);
    }
    // Valid, and clean unless the page shows `policy check` reporting something itself.
    bool shows_check = false;
    for (const Block* c : consoles) shows_check = shows_check || c->text.find("$ tcguard policy check") != std::string::npos;
    RunResult check = run_tcguard({"policy", "check", policy}, isolated(dir));
    EXPECT_EQ(check.exit_code, shows_check ? 1 : 0) << check.out << check.err;
    for (const Block* c : consoles) replay(*c, dir, commands);
    ++examples;
  }
  std::cout << "[ policy.md ] " << examples << " yaml examples checked, " << commands << " commands replayed\n";
  EXPECT_GE(examples, 9);
  EXPECT_GE(commands, 12);
}

}  // namespace
}  // namespace tcg::test
