// TEMPORARY: lets the binary link until src/duration/ is implemented. Delete with that change.
#include <stdexcept>
#include "duration/duration.h"
namespace tcg {
Result<int64_t> parse_duration(std::string_view) { throw std::logic_error("stub"); }
std::string format_duration(int64_t) { throw std::logic_error("stub"); }
}  // namespace tcg
