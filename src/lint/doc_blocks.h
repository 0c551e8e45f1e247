#pragma once
// Docs as lint input: the shell snippets a reader would copy out of a Markdown/MDX page, a
// reStructuredText page, a plain-text note or a dotenv file. The result is the doc's "shell
// view": a text exactly as long as the doc, every byte that is not shell replaced by a space and
// every newline kept, so the shell front end's line:column of any finding IS the doc's line:column
// (no remapping table: a new location field in Finding needs nothing here), and the blocks of one
// doc are linted as one script in order (helpers and `export TASKCLUSTER_ROOT_URL` carry over).
#include <string>
#include <string_view>
#include <vector>

namespace tcg::lint {

enum class DocKind { Shell, Markdown, Mdx, Rst, PlainText, Dotenv };

// By file name: .md .markdown .mdx .rst .txt, dotenv names (.env, *.env, .env.*); Shell otherwise
// (.envrc is run by direnv's bash: shell).
DocKind doc_kind_of_name(std::string_view filename);
// A file without an extension whose every non-blank, non-comment line is `KEY=value` or
// `export KEY=value` (and at least one is): a dotenv file.
bool looks_like_dotenv(std::string_view text);

// One piece of shell kept from a doc, at its byte offset in the doc.
struct DocPiece {
  size_t offset = 0;
  std::string_view text;  // a view of the doc
  bool inline_span = false;  // an inline code span: a ';' is written after it (its own command)
};

// The shell snippets of `text`, in doc order (Shell kind: the whole text).
std::vector<DocPiece> doc_pieces(std::string_view text, DocKind kind);
// The shell view described above. Shell kind: `text` unchanged.
std::string shell_view(std::string_view text, DocKind kind);

// Is the shell in `text` left open at its end (a quote, `$(`, heredoc, trailing `\`, `|`, `&&`)?
// A block left open would swallow the next one, so it is not kept.
bool shell_left_open(std::string_view text);

}  // namespace tcg::lint
