#include "util/result.h"

namespace tcg {

std::string SourceLocation::str() const {
  if (file.empty() && line <= 0) return "";
  std::string out = file.empty() ? "<input>" : file;
  if (line > 0) {
    // Appended piece by piece: `":" + std::to_string(n)` trips GCC 12's -Wrestrict at -O3.
    out += ':';
    out += std::to_string(line);
    if (column > 0) {
      out += ':';
      out += std::to_string(column);
    }
  }
  return out;
}

std::string Error::str() const {
  std::string prefix = where.str();
  return prefix.empty() ? message : prefix + ": " + message;
}

}  // namespace tcg
