#pragma once
// One sentence on what a state-changing command will do, for the prompt and --dry-run; what looks
// like a secret is redacted (control characters are left to the display: guard/display.h).
#include <string>

#include "tccli/command.h"

namespace tcg::guard {

std::string describe_effect(const tccli::Command& command);

}  // namespace tcg::guard
