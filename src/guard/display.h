#pragma once
// Text from the command line (arguments, ids, root URLs, names typed at --confirm) shown on a
// terminal: the prompt, --dry-run and tcguard's messages. Control characters in an argument could
// move the cursor, erase the line and draw fake text ("cluster: staging"), so they are shown as
// escapes instead, and what looks like a secret is redacted first.
#include <string>
#include <string_view>

namespace tcg::guard {

// C0 controls and DEL as \t \n \r \xNN, C1 controls (U+0080..U+009F) and bytes that are not UTF-8
// as \xNN (a terminal in 8-bit mode takes a raw 0x9b for CSI), and the invisible characters that
// reorder or hide text (bidi embeddings, overrides and isolates, zero-width marks, line and
// paragraph separators) as \u{XXXX}. `keep_newlines`: '\n' passes (for tcguard's own multi-line text).
std::string escape_controls(std::string_view text, bool keep_newlines = false);

// redact_text, then escape_controls: a value from outside, as it may be shown.
std::string shown(std::string_view text);

}  // namespace tcg::guard
