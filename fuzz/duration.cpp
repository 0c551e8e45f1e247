// Fuzzes the --expires parser: never crashes, errors point inside the text, and every accepted
// value prints back in the short form and parses to the same number of seconds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "duration/duration.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = tcg::parse_duration(text);
  if (!parsed) {
    int column = parsed.error().where.column;
    if (column < 1 || static_cast<size_t>(column) > size + 1) __builtin_trap();
    return 0;
  }
  auto again = tcg::parse_duration(tcg::format_duration(*parsed));
  if (!again || *again != *parsed) __builtin_trap();
  return 0;
}
