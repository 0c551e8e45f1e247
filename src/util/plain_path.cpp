#include "util/plain_path.h"

#include <filesystem>

namespace tcg {

bool is_plain_path(std::string_view p) {
  if (p.empty()) return false;
  size_t start = p.front() == '/' ? 1 : 0;
  if (start == p.size()) return false;  // "/" itself
  for (;;) {
    size_t end = p.find('/', start);
    std::string_view part = p.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

std::string plain_current_folder() {
  std::error_code ec;
  std::string cwd = std::filesystem::current_path(ec).string();
  return !ec && !cwd.empty() && cwd.front() == '/' && is_plain_path(cwd) ? cwd : "";
}

std::optional<PlainPlace> place_in_folder(std::string_view path, std::string_view base, std::string_view cwd) {
  std::string abs;
  if (path.front() == '/') {
    abs = path;
  } else {
    if (cwd.empty()) return std::nullopt;
    abs.reserve(cwd.size() + 1 + path.size());
    abs.append(cwd).append("/").append(path);
  }
  if (abs.size() > base.size() + 1 && abs.compare(0, base.size(), base) == 0 && abs[base.size()] == '/')
    return PlainPlace{true, abs.substr(base.size() + 1)};
  if (abs == base) return std::nullopt;
  return PlainPlace{false, std::move(abs)};
}

}  // namespace tcg
