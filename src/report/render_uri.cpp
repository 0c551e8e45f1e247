// File paths as SARIF artifact uris (relative to %SRCROOT%) and as GitHub annotation paths.
#include <filesystem>

#include "report/render.h"
#include "report/render_paths.h"
#include "util/plain_path.h"

namespace tcg::report {
namespace {

namespace fs = std::filesystem;

// RFC 3986: everything but unreserved characters and '/' is percent-encoded, so a ':' in the first
// segment cannot be read as a scheme and spaces or '#' survive a round trip.
std::string percent_encode_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// An absolute, normalized folder path without a trailing separator (except for the root).
fs::path normal_dir(std::string_view dir) {
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(dir), ec).lexically_normal();
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p;
}

bool escapes_upward(const fs::path& rel) {
  return rel.empty() || *rel.begin() == "..";
}

}  // namespace

PathFromBase path_from_base(std::string_view file, std::string_view base_dir) {
  fs::path p(file);
  std::error_code ec;
  if (base_dir.empty() && p.is_relative()) {
    fs::path rel = p.lexically_normal();
    if (!escapes_upward(rel) && rel != ".") return {rel.generic_string(), true};
  }
  fs::path abs = fs::absolute(p, ec).lexically_normal();
  if (!base_dir.empty()) {
    fs::path rel = abs.lexically_relative(normal_dir(base_dir));
    if (!escapes_upward(rel) && rel != ".") return {rel.generic_string(), true};
  }
  return {abs.generic_string(), false};
}

PathsFromBase::PathsFromBase(std::string_view base_dir) : base_dir_(base_dir) {
  if (!base_dir.empty()) {
    std::string normal = normal_dir(base_dir).generic_string();
    if (is_plain_path(normal) && normal.front() == '/') normal_base_ = std::move(normal);
  }
  cwd_ = plain_current_folder();
}

// Reports name thousands of files, nearly all plain paths inside the base folder: fs::path objects
// for each would cost more than writing the report.
PathFromBase PathsFromBase::operator()(std::string_view file) const {
  if (!is_plain_path(file)) return path_from_base(file, base_dir_);
  if (base_dir_.empty()) return {std::string(file), file.front() != '/'};
  if (normal_base_.empty()) return path_from_base(file, base_dir_);
  auto place = place_in_folder(file, normal_base_, cwd_);
  if (!place) return path_from_base(file, base_dir_);
  return {std::move(place->path), place->inside};
}

ArtifactUri sarif_artifact_uri(const PathFromBase& path) {
  if (path.relative) return {percent_encode_path(path.path), true};
  return {"file://" + percent_encode_path(path.path), false};
}

ArtifactUri sarif_artifact_uri(std::string_view file, std::string_view base_dir) {
  return sarif_artifact_uri(path_from_base(file, base_dir));
}

std::string sarif_base_uri(std::string_view base_dir) {
  if (base_dir.empty()) return "";
  std::string dir = normal_dir(base_dir).generic_string();
  if (dir.empty() || dir.back() != '/') dir += '/';
  return "file://" + percent_encode_path(dir);
}

}  // namespace tcg::report
