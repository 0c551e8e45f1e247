// The arena the shell syntax tree lives in: copies, in-place appends, blocks of every size,
// moves, and reuse of freed blocks.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/arena.h"

namespace tcg {
namespace {

TEST(Arena, CopiesAreIndependentOfTheirSource) {
  Arena arena;
  std::string text = "taskcluster signin";
  std::string_view copy = arena.copy(text);
  text.assign(text.size(), 'x');
  EXPECT_EQ(copy, "taskcluster signin");
  EXPECT_TRUE(arena.copy(std::string_view()).empty());
}

TEST(Arena, AppendExtendsTheLastTextInPlaceAndCopiesOtherwise) {
  Arena arena;
  std::string_view a = arena.copy("queue:");
  std::string_view ab = arena.append(a, "rerun-task");
  EXPECT_EQ(ab, "queue:rerun-task");
  EXPECT_EQ(ab.data(), a.data()) << "the last allocation grows where it is";
  std::string_view other = arena.copy("x");
  std::string_view abc = arena.append(ab, ":*");
  EXPECT_EQ(abc, "queue:rerun-task:*");
  EXPECT_NE(abc.data(), ab.data()) << "not the last allocation any more: a copy";
  EXPECT_EQ(ab, "queue:rerun-task");
  EXPECT_EQ(other, "x");
}

TEST(Arena, TakeMovesAScratchTailIntoASpan) {
  Arena arena;
  std::vector<int> scratch = {1, 2, 3, 4, 5};
  Span<int> tail = arena.take(scratch, 2);
  ASSERT_EQ(tail.size(), 3u);
  EXPECT_EQ(tail[0], 3);
  EXPECT_EQ(tail.back(), 5);
  EXPECT_EQ(scratch.size(), 2u);
  scratch.push_back(9);  // the span does not share the scratch's memory
  EXPECT_EQ(tail[0], 3);
  EXPECT_THROW(tail.at(3), std::out_of_range);
  EXPECT_TRUE(arena.take(scratch, 3).empty());
}

TEST(Arena, LargeAndManyAllocationsStayValidAcrossMoves) {
  Arena arena;
  std::vector<std::string_view> pieces;
  for (int i = 0; i < 5000; ++i) pieces.push_back(arena.copy(std::to_string(i) + "-piece"));
  std::string big(300 * 1024, 'b');  // larger than any pooled block
  std::string_view big_copy = arena.copy(big);
  Arena moved = std::move(arena);
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(pieces[static_cast<size_t>(i)], std::to_string(i) + "-piece");
  EXPECT_EQ(big_copy.size(), big.size());
  EXPECT_EQ(big_copy.front(), 'b');
  EXPECT_EQ(big_copy.back(), 'b');
}

TEST(Arena, FreedBlocksAreReusedByTheNextArena) {
  const void* first_block = nullptr;
  {
    Arena arena;
    first_block = arena.allocate(16, 8);
  }
  Arena next;
  EXPECT_EQ(next.allocate(16, 8), first_block) << "the pool hands back the block just freed";
}

TEST(Arena, AllocationsAreAligned) {
  Arena arena;
  arena.copy("abc");
  void* p = arena.allocate(sizeof(double), alignof(double));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % alignof(double), 0u);
}

}  // namespace
}  // namespace tcg
