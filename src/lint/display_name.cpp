#include "lint/display_name.h"

#include <filesystem>

#include "util/plain_path.h"

namespace tcg::lint {

namespace fs = std::filesystem;

std::string general_display_name(const std::string& path, const std::string& base_dir) {
  if (base_dir.empty()) return path;
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (ec) return path;
  fs::path rel = abs.lexically_relative(fs::path(base_dir).lexically_normal());
  if (rel.empty() || *rel.begin() == "..") return path;
  return rel.generic_string();
}

namespace {

std::string plain_absolute(const std::string& dir) {
  return !dir.empty() && dir.front() == '/' && is_plain_path(dir) ? dir : "";
}

}  // namespace

DisplayNames::DisplayNames(std::string base_dir) : base_dir_(std::move(base_dir)) {
  normal_base_ = plain_absolute(base_dir_);
  cwd_ = plain_current_folder();
}

// Walking a folder yields thousands of plain paths: those are handled as strings, since building
// and normalizing fs::path objects for each cost more than reading the file. Anything else takes
// the general rule.
std::string DisplayNames::operator()(const std::string& path) const {
  if (base_dir_.empty()) return path;
  if (normal_base_.empty() || !is_plain_path(path)) return general_display_name(path, base_dir_);
  auto place = place_in_folder(path, normal_base_, cwd_);
  if (!place) return general_display_name(path, base_dir_);
  return place->inside ? std::move(place->path) : path;  // outside the base folder: as given
}

}  // namespace tcg::lint
