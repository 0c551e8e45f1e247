#pragma once
// Loading a file that must hold one YAML document. yaml-cpp's LoadAll keeps asking for documents
// until one comes back empty, and on some malformed input (found by fuzz_policy: ",% \x86") its
// scanner returns the same document forever, allocating until the process runs out of memory.
// This asks for at most two.
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace tcg::yaml {

struct SingleDocument {
  YAML::Node root;                        // null for an empty file
  std::optional<YAML::Mark> second_document;  // where a second, non-empty document starts
};

// Throws YAML::Exception on invalid YAML, like YAML::Load.
SingleDocument load_single_document(std::string_view text);

// The same for text known to hold one document (a file embedded at build time, which a test loads
// with load_single_document): it is parsed once, not a second time to look for a second document.
YAML::Node load_known_single_document(std::string_view text);

}  // namespace tcg::yaml
