#pragma once
// Shared by the doc front ends (doc_markdown.cpp, doc_rst.cpp, doc_blocks.cpp).
#include <string_view>
#include <vector>

#include "lint/doc_blocks.h"

namespace tcg::lint::doc {

struct Line {
  size_t offset = 0;       // of the line's first byte in the doc
  std::string_view text;   // without the newline (and a trailing '\r')
};
std::vector<Line> split_lines(std::string_view text);

// What a code block's info string / directive says it holds.
enum class BlockClass { Shell, Console, Unknown, Other };
BlockClass class_of_language(std::string_view info);

size_t indent_of(std::string_view line);  // leading spaces, a tab counting as 4
bool blank(std::string_view line);

// The lines of one code block (already stripped of the block's indentation): kept as a reader
// would copy them (prompts cut off, output lines left out, a block left open dropped) into `out`.
void add_block(const std::vector<Line>& lines, BlockClass cls, std::vector<DocPiece>& out);

// The inline code spans of a prose line delimited by `ticks` backticks or more (Markdown: any
// run, RST: exactly two), kept when they hold a command a reader would run (see doc_blocks.cpp).
void add_inline_spans(const Line& line, bool rst, std::vector<DocPiece>& out);

std::vector<DocPiece> markdown_pieces(std::string_view text, bool mdx);
std::vector<DocPiece> rst_pieces(std::string_view text);

}  // namespace tcg::lint::doc
