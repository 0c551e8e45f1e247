#pragma once
// A bump allocator for trees that are built once, read many times and freed all at once (the
// shell syntax tree): no per-node malloc, no destructor walk. Only trivially destructible types
// go in, and nothing in it is ever freed on its own.
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tcg {

// A read-only view of `size()` elements that live in an Arena (or nowhere, when empty).
template <class T>
class Span {
 public:
  Span() = default;
  Span(const T* data, size_t size) : data_(data), size_(static_cast<uint32_t>(size)) {}

  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T& at(size_t i) const {
    if (i >= size_) throw std::out_of_range("tcg::Span::at");
    return data_[i];
  }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  const T* data_ = nullptr;
  uint32_t size_ = 0;
};

class Arena {
 public:
  Arena() = default;
  Arena(Arena&& other) noexcept { *this = std::move(other); }
  Arena& operator=(Arena&& other) noexcept;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() { release(); }

  void* allocate(size_t bytes, size_t align) {
    auto at = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
    if (!cur_ || at + bytes > reinterpret_cast<uintptr_t>(end_)) {
      grow(bytes + align);
      at = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
    }
    cur_ = reinterpret_cast<std::byte*>(at + bytes);
    return reinterpret_cast<void*>(at);
  }

  template <class T>
  Span<T> copy(const T* data, size_t n) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
    if (n == 0) return {};
    void* p = allocate(sizeof(T) * n, alignof(T));
    std::memcpy(p, data, sizeof(T) * n);
    return Span<T>(static_cast<const T*>(p), n);
  }
  // The elements from `first` on, copied in; the scratch vector is cut back to `first`.
  template <class T>
  Span<T> take(std::vector<T>& scratch, size_t first) {
    Span<T> out = copy(scratch.data() + first, scratch.size() - first);
    scratch.resize(first);
    return out;
  }
  template <class T>
  const T* make(const T& value) {
    return copy(&value, 1).begin();
  }

  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }
  // `prev` followed by `more`: extended in place when `prev` was the last thing allocated.
  std::string_view append(std::string_view prev, std::string_view more) {
    if (more.empty()) return prev;
    if (prev.empty()) return copy(more);
    if (prev.data() + prev.size() == reinterpret_cast<const char*>(cur_) &&
        static_cast<size_t>(end_ - cur_) >= more.size()) {
      std::memcpy(cur_, more.data(), more.size());
      cur_ += more.size();
      return {prev.data(), prev.size() + more.size()};
    }
    char* p = static_cast<char*>(allocate(prev.size() + more.size(), 1));
    std::memcpy(p, prev.data(), prev.size());
    std::memcpy(p + prev.size(), more.data(), more.size());
    return {p, prev.size() + more.size()};
  }

 private:
  struct Block {
    std::byte* data;
    size_t size;
  };
  void grow(size_t at_least);
  void release();

  std::vector<Block> blocks_;
  std::byte* cur_ = nullptr;
  std::byte* end_ = nullptr;
  size_t next_block_ = 0;
};

}  // namespace tcg
