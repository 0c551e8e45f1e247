#pragma once
// Plain results: a function returns either its value or an Error that says where the problem is.
#include <string>
#include <utility>
#include <variant>

namespace tcg {

// A place in a file. line/column are 1-based; line 0 means "no position" (e.g. a command-line value).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool has_position() const { return line > 0; }
  // "file:line:column", "file", or "" - the gcc-style prefix used in every message.
  std::string str() const;
};

struct Error {
  std::string message;
  SourceLocation where;

  // "file:line:column: message" (or just the message when there is no location).
  std::string str() const;
};

// The one result type. `E` is the error: an Error with its location, or a richer one where callers
// need more than a message (api::ApiError keeps the HTTP status for retry and fail-closed decisions).
template <class T, class E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}           // NOLINT: implicit on purpose
  Result(E error) : data_(std::move(error)) {}           // NOLINT: implicit on purpose

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, E> data_;
};

// For functions that only succeed or fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace tcg
