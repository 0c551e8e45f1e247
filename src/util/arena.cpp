#include "util/arena.h"

#include <array>

namespace tcg {
namespace {

// Blocks of 4, 8, 16, 32 and 64 KB. Freed blocks wait in a per-thread pool for the next tree:
// memory fresh from the system costs a page fault per page (about 50 us each on some VMs), far
// more than building the tree, and linting many files builds one tree after another.
constexpr size_t kSmallestBlock = 4096;
constexpr size_t kLargestBlock = 64 * 1024;
constexpr size_t kBlockClasses = 5;
constexpr size_t kPoolLimit = 64u * 1024 * 1024;  // bytes kept for reuse, per thread

size_t block_class(size_t size) {
  size_t c = 0;
  for (size_t s = kSmallestBlock; s < size; s *= 2) ++c;
  return c;
}

struct BlockPool {
  std::array<std::vector<std::byte*>, kBlockClasses> free;
  size_t bytes = 0;
  BlockPool() = default;
  BlockPool(const BlockPool&) = delete;
  BlockPool& operator=(const BlockPool&) = delete;
  ~BlockPool() {
    for (auto& list : free)
      for (std::byte* p : list) delete[] p;
  }
};

BlockPool& pool() {
  thread_local BlockPool blocks;
  return blocks;
}

}  // namespace

Arena& Arena::operator=(Arena&& other) noexcept {
  if (this != &other) {
    release();
    blocks_ = std::exchange(other.blocks_, {});
    cur_ = std::exchange(other.cur_, nullptr);
    end_ = std::exchange(other.end_, nullptr);
    next_block_ = std::exchange(other.next_block_, 0);
  }
  return *this;
}

void Arena::grow(size_t at_least) {
  size_t size = next_block_ == 0 ? kSmallestBlock : next_block_;
  next_block_ = std::min(size * 2, kLargestBlock);
  while (size < at_least && size < kLargestBlock) size *= 2;
  std::byte* data = nullptr;
  if (size >= at_least) {
    auto& list = pool().free[block_class(size)];
    if (!list.empty()) {
      data = list.back();
      list.pop_back();
      pool().bytes -= size;
    }
  } else {
    size = at_least;  // a block of its own, not pooled
  }
  // Not value-initialised: the arena hands out raw memory, and zeroing it would cost a pass.
  if (!data) data = new std::byte[size];
  blocks_.push_back(Block{data, size});
  cur_ = data;
  end_ = data + size;
}

void Arena::release() {
  BlockPool& blocks = pool();
  for (const Block& b : blocks_) {
    if (b.size <= kLargestBlock && blocks.bytes + b.size <= kPoolLimit) {
      blocks.free[block_class(b.size)].push_back(b.data);
      blocks.bytes += b.size;
    } else {
      delete[] b.data;
    }
  }
  blocks_.clear();
  cur_ = end_ = nullptr;
}

}  // namespace tcg
