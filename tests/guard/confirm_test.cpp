#include <gtest/gtest.h>
#include <poll.h>
#include <pthread.h>
#include <pty.h>
#include <unistd.h>

#include <csignal>
#include <thread>

#include "guard/confirm.h"

namespace tcg::guard {
namespace {

ConfirmInput input(std::optional<std::string> flag, std::optional<std::string> env) {
  ConfirmInput in;
  in.expected = "firefoxci";
  in.flag = std::move(flag);
  in.env = std::move(env);
  in.tty_path = "/nonexistent/tty";  // no terminal
  return in;
}

TEST(Confirm, FlagOrEnvironmentWithTheRightName) {
  EXPECT_TRUE(obtain_confirmation(input("firefoxci", std::nullopt)).confirmed);
  EXPECT_EQ(obtain_confirmation(input("firefoxci", std::nullopt)).via, "flag");
  EXPECT_TRUE(obtain_confirmation(input(std::nullopt, "firefoxci")).confirmed);
  EXPECT_EQ(obtain_confirmation(input(std::nullopt, "firefoxci")).via, "env");
}

TEST(Confirm, WrongNamesRefuse) {
  EXPECT_FALSE(obtain_confirmation(input("y", std::nullopt)).confirmed);
  EXPECT_FALSE(obtain_confirmation(input("FirefoxCI", std::nullopt)).confirmed);
  EXPECT_FALSE(obtain_confirmation(input(std::nullopt, "yes")).confirmed);
  // A wrong --confirm is not rescued by a right TCGUARD_CONFIRM.
  EXPECT_FALSE(obtain_confirmation(input("nope", "firefoxci")).confirmed);
}

TEST(Confirm, NoTerminalSaysHowToConfirm) {
  ConfirmOutcome o = obtain_confirmation(input(std::nullopt, std::nullopt));
  EXPECT_FALSE(o.confirmed);
  EXPECT_NE(o.reason.find("--confirm firefoxci"), std::string::npos) << o.reason;
  EXPECT_NE(o.reason.find("TCGUARD_CONFIRM=firefoxci"), std::string::npos) << o.reason;
}

TEST(Confirm, NothingToConfirmWithoutARootUrl) {
  ConfirmInput in = input("", "");
  in.expected = "";
  ConfirmOutcome o = obtain_confirmation(in);
  EXPECT_FALSE(o.confirmed);
  EXPECT_NE(o.reason.find("root URL"), std::string::npos);
}

// The prompt on a pty pair: the test plays the user on the master side.
class Prompt : public ::testing::Test {
 protected:
  int master = -1, slave = -1;
  void SetUp() override { ASSERT_EQ(openpty(&master, &slave, nullptr, nullptr, nullptr), 0); }
  void TearDown() override {
    close(master);
    close(slave);
  }
  // Waits until the question is shown, then types `answer`.
  void answer_after_prompt(const std::string& answer) const {
    std::string seen;
    while (seen.find("cancels: ") == std::string::npos) {
      char buf[512];
      ssize_t n = read(master, buf, sizeof buf);
      if (n <= 0) return;
      seen.append(buf, static_cast<size_t>(n));
    }
    ASSERT_EQ(write(master, answer.data(), answer.size()), static_cast<ssize_t>(answer.size()));
  }
};

TEST_F(Prompt, TheClusterNameConfirms) {
  std::thread user([&] { answer_after_prompt("firefoxci\n"); });
  EXPECT_EQ(prompt_for_name(slave, "about to rerun\n", "firefoxci"), PromptAnswer::Confirmed);
  user.join();
}

TEST_F(Prompt, SpacesAroundTheNameAreForgiven) {
  std::thread user([&] { answer_after_prompt("  firefoxci \n"); });
  EXPECT_EQ(prompt_for_name(slave, "", "firefoxci"), PromptAnswer::Confirmed);
  user.join();
}

TEST_F(Prompt, AnythingElseDeclines) {
  for (const char* answer : {"y\n", "yes\n", "\n", "firefoxci-staging\n", "FIREFOXCI\n"}) {
    std::thread user([&] { answer_after_prompt(answer); });
    EXPECT_EQ(prompt_for_name(slave, "", "firefoxci"), PromptAnswer::Declined) << answer;
    user.join();
  }
}

TEST_F(Prompt, EndOfInputRefuses) {
  std::thread user([&] { answer_after_prompt("\x04"); });
  EXPECT_EQ(prompt_for_name(slave, "", "firefoxci"), PromptAnswer::EndOfInput);
  user.join();
}

TEST_F(Prompt, SigintInterruptsAndTheHandlerIsRestored) {
  struct sigaction before {};
  sigaction(SIGINT, nullptr, &before);
  pthread_t self = pthread_self();
  std::thread user([&] {
    answer_after_prompt("");
    pthread_kill(self, SIGINT);
  });
  EXPECT_EQ(prompt_for_name(slave, "", "firefoxci"), PromptAnswer::Interrupted);
  user.join();
  struct sigaction after {};
  sigaction(SIGINT, nullptr, &after);
  EXPECT_EQ(after.sa_handler, before.sa_handler);
}

}  // namespace
}  // namespace tcg::guard
