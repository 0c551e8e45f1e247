#pragma once
// Exception `path:` globs: `*` and `?` stay inside one folder, `**` spans folders, `[...]` classes.
#include <string_view>

namespace tcg::policy {

// Matches the whole of `path` ("./" prefixes on either side are ignored).
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace tcg::policy
