#pragma once
// Strict reading of yaml-cpp nodes: every value's type is checked and every problem becomes one
// Error at the node's file:line:column (yaml-cpp marks are 0-based; ours are 1-based).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "util/result.h"

namespace tcg::policy {

struct YamlEntry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  // The node's position; `fallback` when the node has none (e.g. a missing value).
  SourceLocation at(const YAML::Node& node, const SourceLocation& fallback = {}) const;
  Error error(const YAML::Node& node, std::string message) const;
  // An error `offset` characters into a scalar's text (past the opening quote of a quoted one).
  Error error_inside(const YAML::Node& scalar, int offset, std::string message) const;

  // The entries of a mapping, in order. Keys must be plain scalars, unique, and in `allowed`
  // (an unknown key gets "did you mean"). `what` names the mapping in messages ("a rule").
  Result<std::vector<YamlEntry>> entries(const YAML::Node& map, std::string_view what,
                                         const std::vector<std::string>& allowed) const;
  // Like entries() for mappings whose keys are names (clusters): no key list to check against.
  Result<std::vector<YamlEntry>> named_entries(const YAML::Node& map, std::string_view what) const;

  Result<std::string> string(const YamlEntry& entry) const;
  Result<std::string> non_empty_string(const YamlEntry& entry) const;
  Result<bool> boolean(const YamlEntry& entry) const;
  // A list of strings; `allow_empty` false makes `[]` an error.
  Result<std::vector<std::string>> string_list(const YamlEntry& entry, bool allow_empty) const;
  Result<std::vector<YAML::Node>> sequence(const YamlEntry& entry) const;

 private:
  std::string file_;
};

// "a mapping", "a list", "a string", "nothing" - for "expected X, found Y" messages.
std::string_view node_kind(const YAML::Node& node);

}  // namespace tcg::policy
