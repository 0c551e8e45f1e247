// The confirmation prompt on a real pseudo-terminal: tcguard runs as the session leader of a pty
// (forkpty), as in an interactive shell, and the test types at it.
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <map>

#include "support/cli_runner.h"

extern char** environ;

namespace tcg::test {
namespace {

constexpr const char* kProduction = "https://firefox-ci-tc.services.mozilla.com/";
constexpr const char* kPrompt = "anything else cancels: ";

struct PtySession {
  pid_t pid = -1;
  int master = -1;
  std::string seen;  // everything the terminal showed

  // Reads until `text` has been shown, or the child closed the terminal. No timing involved: the
  // poll waits as long as it takes (ctest's own timeout catches a hang).
  bool wait_for(const std::string& text) {
    while (seen.find(text) == std::string::npos) {
      pollfd p{master, POLLIN, 0};
      if (poll(&p, 1, -1) < 0) return false;
      char buf[4096];
      ssize_t n = read(master, buf, sizeof buf);
      if (n <= 0) return false;
      seen.append(buf, static_cast<size_t>(n));
    }
    return true;
  }
  void type(const std::string& text) const { ASSERT_EQ(write(master, text.data(), text.size()), static_cast<ssize_t>(text.size())); }
  // Waits for the child to exit; the terminal stays open for inspection.
  int wait_exit() {
    wait_for("\x01never\x01");  // drain until the child closes the terminal
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
  }
  int finish() {
    int code = wait_exit();
    close(master);
    return code;
  }
};

class RunPty : public ::testing::Test {
 protected:
  TempDir dir;
  std::string stub, record;

  void SetUp() override {
    stub = dir.write("real/taskcluster",
                     "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$STUB_RECORD\"\necho stub-ran\nexit 0\n", true);
    record = dir.path() + "/record.txt";
  }

  // Starts `tcguard run -- taskcluster ARGS` on a new pty. stdin_text: when set, stdin is a pipe
  // holding it (the prompt must not read it).
  PtySession start(const std::vector<std::string>& tc_args, std::optional<std::string> stdin_text = std::nullopt,
                   const termios* initial = nullptr) {
    std::vector<std::string> argv{tcguard_binary(), "run", "--", "taskcluster"};
    argv.insert(argv.end(), tc_args.begin(), tc_args.end());
    std::map<std::string, std::string> env = {
        {"PATH", std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin"},
        {"HOME", dir.path()},
        {"XDG_CONFIG_HOME", dir.path() + "/config"},
        {"TCGUARD_TASKCLUSTER", stub},
        {"TCGUARD_AUDIT_LOG", dir.path() + "/audit.jsonl"},
        {"STUB_RECORD", record},
        {"TASKCLUSTER_ROOT_URL", kProduction},
        {"TERM", "dumb"},
    };
    int in_pipe[2] = {-1, -1};
    if (stdin_text) {
      EXPECT_EQ(pipe(in_pipe), 0);
    }
    PtySession s;
    s.pid = forkpty(&s.master, nullptr, initial, nullptr);
    if (s.pid == 0) {
      if (stdin_text) {
        dup2(in_pipe[0], 0);
        close(in_pipe[0]);
        close(in_pipe[1]);
      }
      if (chdir(dir.path().c_str()) != 0) _exit(127);
      std::vector<std::string> envs;
      for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
      std::vector<char*> args, envp;
      for (auto& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      for (auto& e : envs) envp.push_back(e.data());
      envp.push_back(nullptr);
      execve(args[0], args.data(), envp.data());
      _exit(127);
    }
    if (stdin_text) {
      close(in_pipe[0]);
      EXPECT_EQ(write(in_pipe[1], stdin_text->data(), stdin_text->size()), static_cast<ssize_t>(stdin_text->size()));
      close(in_pipe[1]);
    }
    return s;
  }
  bool stub_ran() const { return std::filesystem::exists(record); }
};

TEST_F(RunPty, TypingTheClusterNameRunsTheCommand) {
  PtySession s = start({"task", "rerun", "T1"});
  ASSERT_TRUE(s.wait_for(kPrompt)) << s.seen;
  EXPECT_NE(s.seen.find("firefoxci"), std::string::npos);
  EXPECT_NE(s.seen.find("task rerun T1"), std::string::npos) << s.seen;
  s.type("firefoxci\n");
  EXPECT_EQ(s.finish(), 0) << s.seen;
  EXPECT_TRUE(stub_ran());
  EXPECT_NE(s.seen.find("stub-ran"), std::string::npos);
}

TEST_F(RunPty, AnAcceptedConfirmationShowsNoConfirmHintAndNoSummaryLine) {
  // Issue 17 point 11: the prompt asks for the name; telling the user to pass --confirm, and a
  // lint-style "0 errors, 1 warning, 0 notes", are noise around it.
  PtySession s = start({"task", "rerun", "T1"});
  ASSERT_TRUE(s.wait_for(kPrompt)) << s.seen;
  s.type("firefoxci\n");
  EXPECT_EQ(s.finish(), 0) << s.seen;
  EXPECT_TRUE(stub_ran());
  EXPECT_NE(s.seen.find("production cluster"), std::string::npos) << s.seen;  // the warning itself stays
  EXPECT_EQ(s.seen.find("pass --confirm"), std::string::npos) << s.seen;
  EXPECT_EQ(s.seen.find("0 errors"), std::string::npos) << s.seen;
  EXPECT_EQ(s.seen.find("1 warning"), std::string::npos) << s.seen;
}

TEST_F(RunPty, EscapeSequencesInAnArgumentAreShownEscapedAtThePrompt) {
  // An id that erases the line, moves up and draws "cluster: staging" over the real text.
  const std::string id = "T1\x1b[2K\r\x1b[1Acluster: staging (non-production)\x9b" "2J\u202e";
  PtySession s = start({"task", "rerun", id});
  ASSERT_TRUE(s.wait_for(kPrompt)) << s.seen;
  // What reached the terminal holds no escape, CSI or bidi override from the argument...
  EXPECT_EQ(s.seen.find('\x1b'), std::string::npos) << s.seen;
  EXPECT_EQ(s.seen.find("\x9b"), std::string::npos) << s.seen;
  EXPECT_EQ(s.seen.find("\u202e"), std::string::npos) << s.seen;
  // ...but their escaped spellings, so the user sees what the argument really is.
  EXPECT_NE(s.seen.find("T1\\x1b[2K\\r\\x1b[1Acluster: staging"), std::string::npos) << s.seen;
  EXPECT_NE(s.seen.find("\\u{202E}"), std::string::npos) << s.seen;
  s.type("n\n");
  EXPECT_EQ(s.finish(), 4) << s.seen;
  EXPECT_FALSE(stub_ran());
}

TEST_F(RunPty, TypingYRefuses) {
  PtySession s = start({"group", "cancel", "G1"});
  ASSERT_TRUE(s.wait_for(kPrompt)) << s.seen;
  s.type("y\n");
  EXPECT_EQ(s.finish(), 4) << s.seen;
  EXPECT_FALSE(stub_ran());
  EXPECT_NE(s.seen.find("not confirmed"), std::string::npos) << s.seen;
}

TEST_F(RunPty, EndOfInputRefuses) {
  PtySession s = start({"task", "cancel", "T1"});
  ASSERT_TRUE(s.wait_for(kPrompt)) << s.seen;
  s.type("\x04");  // Ctrl-D on an empty line
  EXPECT_EQ(s.finish(), 4) << s.seen;
  EXPECT_FALSE(stub_ran());
}

TEST_F(RunPty, CtrlCRefusesAndTheTerminalIsRestored) {
  // The terminal starts without echo (as a program may leave it); the prompt turns echo on for the
  // answer and must put the terminal back as it found it, also after Ctrl-C.
  termios initial{};
  cfmakeraw(&initial);
  initial.c_lflag = static_cast<tcflag_t>(ISIG | ICANON);
  initial.c_oflag = static_cast<tcflag_t>(OPOST | ONLCR);
  initial.c_iflag = static_cast<tcflag_t>(ICRNL);
  initial.c_cc[VINTR] = 3;
  initial.c_cc[VEOF] = 4;
  initial.c_cc[VMIN] = 1;
  PtySession s = start({"task", "retrigger", "T1"}, std::nullopt, &initial);
  ASSERT_TRUE(s.wait_for(kPrompt)) << s.seen;
  termios during{};
  ASSERT_EQ(tcgetattr(s.master, &during), 0);
  EXPECT_TRUE(during.c_lflag & ECHO) << "the answer is echoed";
  s.type("\x03");  // Ctrl-C: SIGINT to the foreground process group
  EXPECT_EQ(s.wait_exit(), 4) << s.seen;
  termios after{};
  ASSERT_EQ(tcgetattr(s.master, &after), 0);
  EXPECT_FALSE(after.c_lflag & ECHO) << "echo is off again, as before the prompt";
  close(s.master);
  EXPECT_FALSE(stub_ran());
  EXPECT_NE(s.seen.find("interrupted"), std::string::npos) << s.seen;
}

TEST_F(RunPty, PipedStdinIsNeverTakenForAnAnswer) {
  PtySession s = start({"task", "rerun", "T1"}, std::string("firefoxci\n"));
  ASSERT_TRUE(s.wait_for(kPrompt)) << s.seen;
  s.type("no\n");
  EXPECT_EQ(s.finish(), 4) << s.seen;
  EXPECT_FALSE(stub_ran());
}

TEST_F(RunPty, ReadOnlyCommandsDoNotPrompt) {
  PtySession s = start({"task", "status", "T1"});
  EXPECT_EQ(s.finish(), 0) << s.seen;
  EXPECT_EQ(s.seen.find(kPrompt), std::string::npos) << s.seen;
  EXPECT_TRUE(stub_ran());
}

}  // namespace
}  // namespace tcg::test
