#pragma once
// The launcher copied alone, without its program library, with the masquerade symlink to it and
// a recording stub as the real CLI: whatever runs there ran on the fast path.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/cli_runner.h"

namespace tcg::test {

class LoneLauncher : public ::testing::Test {
 protected:
  TempDir dir;
  std::string launcher;
  std::string masquerade;  // bin/taskcluster -> the launcher
  std::string stub;
  std::string record;

  void SetUp() override {
    std::filesystem::create_directories(dir.path() + "/bin");
    launcher = dir.path() + "/bin/tcguard";
    std::filesystem::copy_file(tcguard_binary(), launcher);
    masquerade = dir.path() + "/bin/taskcluster";
    std::filesystem::create_symlink(launcher, masquerade);
    stub = dir.write("real/taskcluster", "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$STUB_RECORD\"\nexit 7\n", true);
    record = dir.path() + "/record.txt";
  }

  RunOptions options() const {
    RunOptions o;
    o.clean_env = true;
    o.env_set = {{"HOME", dir.path()},
                 {"TCGUARD_TASKCLUSTER", stub},
                 {"TCGUARD_AUDIT_LOG", dir.path() + "/audit.jsonl"},
                 {"STUB_RECORD", record},
                 {"TASKCLUSTER_ROOT_URL", "https://firefox-ci-tc.services.mozilla.com/"}};
    return o;
  }
};

}  // namespace tcg::test
