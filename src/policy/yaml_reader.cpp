#include "policy/yaml_reader.h"

#include <algorithm>

#include "policy/suggest.h"

namespace tcg::policy {

std::string_view node_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a string";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return "nothing";
  }
  return "nothing";
}

SourceLocation YamlReader::at(const YAML::Node& node, const SourceLocation& fallback) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) {
    SourceLocation out = fallback;
    if (out.file.empty()) out.file = file_;
    return out;
  }
  return SourceLocation{file_, mark.line + 1, mark.column + 1};
}

Error YamlReader::error(const YAML::Node& node, std::string message) const {
  return Error{std::move(message), at(node)};
}

Error YamlReader::error_inside(const YAML::Node& scalar, int offset, std::string message) const {
  SourceLocation where = at(scalar);
  // yaml-cpp tags quoted and block scalars "!" and plain ones "?"; a quoted scalar's mark is its quote.
  bool quoted = scalar.Tag() == "!";
  if (where.has_position()) where.column += offset + (quoted ? 1 : 0);
  return Error{std::move(message), where};
}

Result<std::vector<YamlEntry>> YamlReader::named_entries(const YAML::Node& map, std::string_view what) const {
  if (!map.IsMap())
    return error(map, "expected " + std::string(what) + " (a mapping), found " + std::string(node_kind(map)));
  std::vector<YamlEntry> out;
  for (const auto& pair : map) {
    const YAML::Node key = pair.first;
    if (!key.IsScalar()) return error(key, "expected a plain key in " + std::string(what));
    YamlEntry entry{key.Scalar(), key, pair.second};
    auto earlier = std::find_if(out.begin(), out.end(), [&](const YamlEntry& e) { return e.key == entry.key; });
    if (earlier != out.end())
      return error(key, "duplicate key `" + entry.key + "` in " + std::string(what) + " (first at line " +
                            std::to_string(at(earlier->key_node).line) + ")");
    out.push_back(std::move(entry));
  }
  return out;
}

Result<std::vector<YamlEntry>> YamlReader::entries(const YAML::Node& map, std::string_view what,
                                                   const std::vector<std::string>& allowed) const {
  auto out = named_entries(map, what);
  if (!out) return out;
  for (const auto& entry : *out) {
    if (std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end()) continue;
    std::string message = "unknown key `" + entry.key + "` in " + std::string(what);
    std::string hint = did_you_mean(entry.key, allowed);
    if (hint.empty()) {
      message += "; expected one of:";
      for (size_t i = 0; i < allowed.size(); ++i) message += (i ? ", " : " ") + allowed[i];
    } else {
      message += hint;
    }
    return error(entry.key_node, message);
  }
  return out;
}

Result<std::string> YamlReader::string(const YamlEntry& entry) const {
  if (!entry.value.IsScalar()) {
    const YAML::Node& where = entry.value.IsNull() ? entry.key_node : entry.value;
    return error(where, "`" + entry.key + "` must be a string, found " + std::string(node_kind(entry.value)));
  }
  return entry.value.Scalar();
}

Result<std::string> YamlReader::non_empty_string(const YamlEntry& entry) const {
  auto s = string(entry);
  if (s && s->empty()) return error(entry.value, "`" + entry.key + "` must not be empty");
  return s;
}

Result<bool> YamlReader::boolean(const YamlEntry& entry) const {
  if (entry.value.IsScalar()) {
    std::string text = entry.value.Scalar();
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (text == "true") return true;
    if (text == "false") return false;
  }
  const YAML::Node& where = entry.value.IsNull() ? entry.key_node : entry.value;
  return error(where, "`" + entry.key + "` must be true or false");
}

Result<std::vector<YAML::Node>> YamlReader::sequence(const YamlEntry& entry) const {
  if (!entry.value.IsSequence()) {
    const YAML::Node& where = entry.value.IsNull() ? entry.key_node : entry.value;
    return error(where, "`" + entry.key + "` must be a list, found " + std::string(node_kind(entry.value)));
  }
  std::vector<YAML::Node> out;
  for (const auto& item : entry.value) out.push_back(item);
  return out;
}

Result<std::vector<std::string>> YamlReader::string_list(const YamlEntry& entry, bool allow_empty) const {
  auto items = sequence(entry);
  if (!items) return items.error();
  if (items->empty() && !allow_empty) return error(entry.value, "`" + entry.key + "` must not be empty");
  std::vector<std::string> out;
  for (const auto& item : *items) {
    if (!item.IsScalar())
      return error(item, "each item of `" + entry.key + "` must be a string, found " + std::string(node_kind(item)));
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace tcg::policy
