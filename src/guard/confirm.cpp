#include "guard/confirm.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

#include "guard/display.h"

namespace tcg::guard {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;
int g_wake_fd = -1;  // write end of a pipe the prompt polls: a SIGINT wakes it whenever it arrives

extern "C" void on_prompt_signal(int) {
  g_interrupted = 1;
  if (g_wake_fd >= 0) {
    char c = 1;
    [[maybe_unused]] ssize_t n = ::write(g_wake_fd, &c, 1);
  }
}

void write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Restores the terminal and the SIGINT disposition when the prompt ends, however it ends.
class PromptScope {
 public:
  explicit PromptScope(int fd) : fd_(fd) {
    has_termios_ = ::tcgetattr(fd_, &saved_) == 0;
    if (has_termios_) {
      // A line, echoed, with Ctrl-C and Ctrl-D working, whatever state the terminal was left in.
      termios t = saved_;
      t.c_lflag |= static_cast<tcflag_t>(ICANON | ECHO | ISIG);
      ::tcsetattr(fd_, TCSANOW, &t);
    }
    g_interrupted = 0;
    if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) == 0) g_wake_fd = wake_[1];
    struct sigaction sa {};
    sa.sa_handler = on_prompt_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: read() returns EINTR
    ::sigaction(SIGINT, &sa, &old_int_);
  }
  ~PromptScope() {
    if (has_termios_) ::tcsetattr(fd_, TCSANOW, &saved_);
    ::sigaction(SIGINT, &old_int_, nullptr);
    g_wake_fd = -1;
    for (int fd : wake_)
      if (fd >= 0) ::close(fd);
  }
  int wake_fd() const { return wake_[0]; }
  PromptScope(const PromptScope&) = delete;
  PromptScope& operator=(const PromptScope&) = delete;

 private:
  int fd_;
  bool has_termios_ = false;
  termios saved_{};
  struct sigaction old_int_ {};
  int wake_[2] = {-1, -1};
};

}  // namespace

PromptAnswer prompt_for_name(int tty_fd, const std::string& text, const std::string& expected) {
  PromptScope scope(tty_fd);
  // The caller escapes what it puts in `text`; this is the last stop before the terminal.
  write_all(tty_fd, escape_controls(text, true));
  write_all(tty_fd, "Type the cluster name (" + escape_controls(expected) + ") to continue; anything else cancels: ");
  std::string line;
  for (;;) {
    pollfd fds[2] = {{tty_fd, POLLIN, 0}, {scope.wake_fd(), POLLIN, 0}};
    int ready = ::poll(fds, scope.wake_fd() >= 0 ? 2 : 1, -1);
    if (g_interrupted) {
      write_all(tty_fd, "\n");
      return PromptAnswer::Interrupted;
    }
    if (ready < 0 && errno == EINTR) continue;
    char c = 0;
    ssize_t n = ::read(tty_fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      write_all(tty_fd, "\n");
      return PromptAnswer::EndOfInput;
    }
    if (c == '\n') break;
    if (line.size() < 4096) line.push_back(c);
  }
  return trim(line) == expected && !expected.empty() ? PromptAnswer::Confirmed : PromptAnswer::Declined;
}

ConfirmOutcome obtain_confirmation(const ConfirmInput& input) {
  ConfirmOutcome out;
  // Reasons are printed and logged: the names in them are shown escaped.
  const std::string expected = shown(input.expected);
  const std::string how = "type the cluster's name at the prompt, or pass --confirm " + expected +
                          " (or set TCGUARD_CONFIRM=" + expected + ") when there is no terminal";
  if (input.expected.empty()) {
    out.reason =
        "no root URL is set (TASKCLUSTER_ROOT_URL, or rootUrl in the CLI's config file), so there is no cluster "
        "to confirm";
    return out;
  }
  if (input.flag) {
    if (*input.flag == input.expected) return {true, "flag", ""};
    out.reason = "--confirm " + shown(*input.flag) + " does not match the cluster's name, " + expected;
    return out;
  }
  if (input.env) {
    if (*input.env == input.expected) return {true, "env", ""};
    out.reason = "TCGUARD_CONFIRM=" + shown(*input.env) + " does not match the cluster's name, " + expected;
    return out;
  }
  int fd = ::open(input.tty_path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    out.reason = "confirmation required and there is no terminal to ask on: " + how;
    return out;
  }
  PromptAnswer answer = prompt_for_name(fd, input.prompt_text, input.expected);
  ::close(fd);
  switch (answer) {
    case PromptAnswer::Confirmed: return {true, "prompt", ""};
    case PromptAnswer::Declined: out.reason = "the answer was not the cluster's name, " + expected; break;
    case PromptAnswer::Interrupted: out.reason = "interrupted at the prompt"; break;
    case PromptAnswer::EndOfInput: out.reason = "no answer at the prompt (end of input)"; break;
    case PromptAnswer::NoTerminal: out.reason = "confirmation required and there is no terminal to ask on: " + how; break;
  }
  return out;
}

}  // namespace tcg::guard
