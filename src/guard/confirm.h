#pragma once
// Confirmation of a production action: the user types the cluster's name at a prompt on the
// terminal (/dev/tty, never stdin, so piped input is never taken for an answer); without a terminal
// only `--confirm NAME` or TCGUARD_CONFIRM=NAME with the right name proceeds.
#include <optional>
#include <string>

namespace tcg::guard {

enum class PromptAnswer {
  Confirmed,    // the expected name was typed
  Declined,     // something else was typed
  Interrupted,  // Ctrl-C (SIGINT) at the prompt
  EndOfInput,   // Ctrl-D / the terminal closed
  NoTerminal,   // no controlling terminal to ask on
};

// Shows `text`, then asks for `expected` on the terminal `tty_fd` (already open for reading and
// writing). The terminal's settings are restored afterwards, also after Ctrl-C.
PromptAnswer prompt_for_name(int tty_fd, const std::string& text, const std::string& expected);

struct ConfirmInput {
  std::string expected;               // the cluster's name ("" when there is nothing to confirm)
  std::optional<std::string> flag;    // --confirm NAME
  std::optional<std::string> env;     // TCGUARD_CONFIRM
  std::string prompt_text;            // what will happen, where
  std::string tty_path = "/dev/tty";
};

struct ConfirmOutcome {
  bool confirmed = false;
  std::string via;     // "flag" | "env" | "prompt" ("" when refused)
  std::string reason;  // when refused: why, and how to confirm
};

// --confirm first, then TCGUARD_CONFIRM, then the prompt when there is a terminal.
ConfirmOutcome obtain_confirmation(const ConfirmInput& input);

}  // namespace tcg::guard
