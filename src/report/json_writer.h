#pragma once
// A streaming JSON writer whose output is byte-identical to nlohmann::json's
// dump(2, ' ', false, error_handler_t::replace): two-space indentation, "{}"/"[]" when empty,
// strings escaped the same way and invalid UTF-8 replaced by U+FFFD the same way. Reports are
// written value by value, so no document tree is built for 10,000 files' findings.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tcg::report {

// Appends `text` as a JSON string literal (quotes included). Control characters are escaped
// (\b \f \n \r \t, else \u00xx), other bytes are copied; each maximal ill-formed UTF-8 subpart
// (the bytes up to where a sequence stops being valid) becomes one U+FFFD, as nlohmann does.
void append_json_string(std::string& out, std::string_view text);

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) { buffer_.reserve(kFlushAt + 4096); }
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The next value is this member's; only inside an object.
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(int64_t number);
  void value(uint64_t number);
  void value(int number) { value(static_cast<int64_t>(number)); }
  void value(bool flag);
  void null();

  void raw(std::string_view text);  // e.g. the final newline
  void flush();                      // hands the buffered text to the stream

 private:
  void open(char bracket);
  void close(char bracket);
  void before_value();  // separator and indentation before an array element or a member
  void newline_indent(size_t depth);
  void maybe_flush() {
    if (buffer_.size() >= kFlushAt) flush();
  }

  static constexpr size_t kFlushAt = 1 << 16;
  std::ostream& out_;
  std::string buffer_;
  std::vector<size_t> counts_;  // per open container: members or elements written so far
  bool after_key_ = false;
};

}  // namespace tcg::report
