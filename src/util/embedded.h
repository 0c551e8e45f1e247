#pragma once
// Files compiled into the binary (policies/default.yaml, docs/rules/*.md); see cmake/Embed.cmake.
#include <optional>
#include <string_view>
#include <vector>

namespace tcg {

struct EmbeddedFile {
  std::string_view path;  // relative to the source root, e.g. "docs/rules/root-scope-expiry.md"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();
std::optional<std::string_view> embedded_file(std::string_view path);

}  // namespace tcg
