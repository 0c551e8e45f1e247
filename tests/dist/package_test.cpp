// The .deb as a user gets it: built with cpack from this build folder, unpacked with dpkg-deb -x,
// and its binary, man page, completions and default policy checked against the built binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "dist_support.h"
#include "model/rule.h"
#include "support/cli_runner.h"

namespace tcg::test {
namespace {

class PackageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { package_ = &unpacked_package(); }
  static const UnpackedPackage* package_;
};
const UnpackedPackage* PackageTest::package_ = nullptr;

TEST_F(PackageTest, ControlFieldsNameSectionMaintainerAndSharedLibraryDependencies) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  auto field = [&](const std::string& name) {
    return run({"dpkg-deb", "--field", package_->deb, name}).out;
  };
  EXPECT_EQ(field("Package"), "tcguard\n");
  EXPECT_EQ(field("Section"), "devel\n");
  EXPECT_NE(field("Maintainer").find('@'), std::string::npos);
  EXPECT_NE(field("Description").find("Taskcluster"), std::string::npos);
  // dpkg-shlibdeps found the Debian packages of the libraries the binary links.
  std::string depends = field("Depends");
  for (const char* lib : {"libc6", "libstdc++6", "libyaml-cpp", "libre2", "libcurl", "libssl"})
    EXPECT_NE(depends.find(lib), std::string::npos) << lib << " missing from Depends: " << depends;
}

TEST_F(PackageTest, InstallsBinaryManPageCompletionsAndDefaultPolicy) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  for (const char* path : {"usr/bin/tcguard", "usr/share/man/man1/tcguard.1.gz",
                           "usr/share/bash-completion/completions/tcguard", "usr/share/zsh/vendor-completions/_tcguard",
                           "usr/share/fish/vendor_completions.d/tcguard.fish", "usr/share/tcguard/default.yaml"}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(package_->root + "/" + path)) << path;
  }
  EXPECT_EQ(read_file(package_->root + "/usr/share/tcguard/default.yaml"), read_file(source_path("policies/default.yaml")));
  EXPECT_EQ(read_file(package_->root + "/usr/share/bash-completion/completions/tcguard"),
            read_file(source_path("completions/tcguard.bash")));
}

TEST_F(PackageTest, InstalledBinaryPrintsTheSameVersionAsTheBuiltOne) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  auto installed = run({package_->binary(), "--version"});
  auto built = run_tcguard({"--version"});
  EXPECT_EQ(installed.exit_code, 0) << installed.err;
  EXPECT_EQ(installed.out, built.out);
  EXPECT_EQ(installed.out.rfind("tcguard 0.", 0), 0u) << installed.out;
}

TEST_F(PackageTest, InstalledBinaryExplainsARule) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  auto installed = run({package_->binary(), "explain", "root-scope-expiry"}, isolated());
  auto built = run_tcguard({"explain", "root-scope-expiry"}, isolated());
  EXPECT_EQ(installed.exit_code, 0) << installed.err;
  EXPECT_NE(installed.out.find("root-scope-expiry"), std::string::npos);
  EXPECT_EQ(installed.out, built.out);
}

// The installed default policy, given explicitly instead of the embedded one, judges the examples
// exactly as the built binary does with its embedded default.
TEST_F(PackageTest, InstalledBinaryLintsTheExamplesWithItsInstalledDefaultPolicy) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  const std::string examples = source_path("examples");
  auto installed = run({package_->binary(), "--no-default-policy", "--policy",
                        package_->root + "/usr/share/tcguard/default.yaml", "--format", "json", "lint", examples},
                       isolated());
  auto built = run_tcguard({"--format", "json", "lint", examples}, isolated());
  EXPECT_NE(installed.exit_code, 2) << installed.err;
  EXPECT_EQ(installed.exit_code, built.exit_code) << installed.err << built.err;
  EXPECT_EQ(installed.out, built.out);
  EXPECT_NE(installed.out.find("\"findings\""), std::string::npos) << installed.out;
}

TEST_F(PackageTest, ManPageRendersWithoutWarnings) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  auto rendered = run({"bash", "-c", "zcat \"$1\" | groff -man -Tutf8 -ww -z", "bash",
                       package_->root + "/usr/share/man/man1/tcguard.1.gz"});
  EXPECT_EQ(rendered.exit_code, 0);
  EXPECT_EQ(rendered.err, "");
  if (!run({"bash", "-c", "command -v man"}).out.empty()) {
    RunOptions plain;
    plain.env_set = {{"MANPAGER", "cat"}, {"MANWIDTH", "100"}};
    auto man = run({"man", "-l", package_->root + "/usr/share/man/man1/tcguard.1.gz"}, plain);
    EXPECT_EQ(man.exit_code, 0) << man.err;
    EXPECT_NE(man.out.find("SYNOPSIS"), std::string::npos);
  }
}

TEST_F(PackageTest, ManPageNamesEverySubcommandAndEveryRule) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  std::string text = render_man_page(package_->root + "/usr/share/man/man1/tcguard.1.gz");
  ASSERT_FALSE(text.empty());
  for (const char* cmd : {"review", "signin", "lint", "run", "scopes", "policy", "explain", "whoami"})
    EXPECT_NE(text.find(std::string("tcguard ") + cmd), std::string::npos) << cmd;
  ASSERT_GE(rules::builtin_rules().size(), 20u);
  for (const auto& rule : rules::builtin_rules())
    EXPECT_NE(text.find(std::string(rule.id)), std::string::npos) << rule.id;
  // The hidden helpers are not part of the documented interface.
  EXPECT_EQ(text.find("__complete"), std::string::npos);
}

// One source of truth: every option and every description that `--help` shows is in the page.
TEST_F(PackageTest, ManPageHasEveryOptionAndDescriptionOfTheHelpText) {
  ASSERT_TRUE(package_->error.empty()) << package_->error;
  std::string text = render_man_page(package_->root + "/usr/share/man/man1/tcguard.1.gz");
  ASSERT_FALSE(text.empty());
  std::vector<std::vector<std::string>> commands = {{}};
  for (std::size_t i = 0; i < commands.size(); ++i) {
    std::vector<std::string> args = {"__complete", "subcommands"};
    args.insert(args.end(), commands[i].begin(), commands[i].end());
    auto subs = run_tcguard(args, isolated());
    ASSERT_EQ(subs.exit_code, 0) << subs.err;
    std::istringstream lines(subs.out);
    std::string line;
    while (std::getline(lines, line)) {
      auto tab = line.find('\t');
      auto path = commands[i];
      path.push_back(line.substr(0, tab));
      commands.push_back(path);
      if (tab != std::string::npos) {
        EXPECT_NE(text.find(line.substr(tab + 1)), std::string::npos) << line;
      }
    }
  }
  EXPECT_GE(commands.size(), 12u);
  const std::regex option(R"(--[a-z][a-z-]*)");
  for (const auto& path : commands) {
    auto args = path;
    args.push_back("--help");
    auto help = run_tcguard(args, isolated());
    EXPECT_EQ(help.exit_code, 0) << help.err;
    for (std::sregex_iterator it(help.out.begin(), help.out.end(), option), end; it != end; ++it) {
      EXPECT_NE(text.find(it->str()), std::string::npos) << it->str() << " of `" << help.out << "`";
    }
  }
}

}  // namespace
}  // namespace tcg::test
