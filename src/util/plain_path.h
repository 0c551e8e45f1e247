#pragma once
// Paths that std::filesystem's lexically_normal() leaves as they are, so that code handling
// thousands of them (lint's display names, report paths) can treat them as strings.
#include <optional>
#include <string>
#include <string_view>

namespace tcg {

// No '.', '..' or empty component, no trailing '/', not "" or "/".
bool is_plain_path(std::string_view path);

// The current folder if it is an absolute plain path, else "".
std::string plain_current_folder();

// Where a plain `path` lies against the plain absolute folder `base`: `inside` with the part after
// "base/", or not inside with the absolute path. A relative path is taken from `cwd` (a plain
// absolute folder, or "" when unknown). nullopt when that cannot be told as strings (a relative
// path without cwd, or the folder itself): the caller takes the general, std::filesystem rule.
struct PlainPlace {
  bool inside = false;
  std::string path;
};
std::optional<PlainPlace> place_in_folder(std::string_view path, std::string_view base, std::string_view cwd);

}  // namespace tcg
