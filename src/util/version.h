#pragma once
#include <string_view>

namespace tcg {
std::string_view version();       // the project version, e.g. "0.1.0"
std::string_view git_revision();  // short git revision the binary was built from, or "unknown"
}  // namespace tcg
