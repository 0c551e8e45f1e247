#include "api/cli_config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "yaml/limits.h"
#include "policy/yaml_reader.h"
#include "yaml/single_document.h"

namespace tcg::api {

std::string cli_config_path(const Getenv& getenv) {
  auto xdg = getenv("XDG_CONFIG_HOME");
  if (xdg && !xdg->empty()) return *xdg + "/taskcluster.yml";
  auto home = getenv("HOME");
  if (home && !home->empty()) return *home + "/.config/taskcluster.yml";
  return "";
}

namespace {

std::optional<std::string>* slot(CliConfig& c, const std::string& key) {
  if (key == "rootUrl") return &c.root_url;
  if (key == "clientId") return &c.client_id;
  if (key == "accessToken") return &c.access_token;
  if (key == "certificate") return &c.certificate;
  return nullptr;
}

// Fills `out` from one mapping's entries (duplicates were refused by named_entries). Other keys
// are other commands' options: not ours to judge.
Status read_values(const policy::YamlReader& reader, const std::vector<policy::YamlEntry>& entries, CliConfig& out) {
  for (const auto& e : entries) {
    auto* s = slot(out, e.key);
    if (!s) continue;
    if (!e.value || e.value.IsNull()) continue;
    if (!e.value.IsScalar())
      return reader.error(e.value, "'" + e.key + "' must be a string, found " + std::string(policy::node_kind(e.value)));
    if (!e.value.Scalar().empty()) *s = e.value.Scalar();
  }
  return Ok{};
}

}  // namespace

Result<CliConfig> parse_cli_config(const std::string& yaml_text, const std::string& filename) {
  if (auto limits = yaml::check_yaml_limits(yaml_text, filename, yaml::kMaxPolicyBytes, "Taskcluster config file");
      !limits)
    return limits.error();
  yaml::SingleDocument doc;
  try {
    doc = yaml::load_single_document(yaml_text);
  } catch (const YAML::Exception& e) {
    // The parser's message quotes no input, so the token cannot leak through it.
    return Error{"invalid YAML: " + e.msg, {filename, e.mark.line + 1, e.mark.column + 1}};
  }
  if (doc.second_document)
    return Error{"the Taskcluster config file holds more than one YAML document",
                 {filename, doc.second_document->line + 1, doc.second_document->column + 1}};
  CliConfig out;
  if (!doc.root || doc.root.IsNull()) return out;
  policy::YamlReader reader(filename);
  auto top = reader.named_entries(doc.root, "the Taskcluster config file");
  if (!top) return top.error();
  const policy::YamlEntry* section = nullptr;
  for (const auto& e : *top)
    if (e.key == "config") section = &e;
  if (!section || !section->value || section->value.IsNull()) {
    if (auto s = read_values(reader, *top, out); !s) return s.error();
    return out;
  }
  auto inner = reader.named_entries(section->value, "the `config:` section");
  if (!inner) return inner.error();
  if (auto s = read_values(reader, *inner, out); !s) return s.error();
  // Both layouts at once: which one wins is not ours to guess.
  for (const auto& e : *top)
    if (slot(out, e.key))
      return reader.error(e.key_node, "'" + e.key + "' is set both at the top level and under `config:`; keep one");
  return out;
}

Result<CliConfig> read_cli_config(const std::string& path, std::string* read_from) {
  if (path.empty()) return CliConfig{};
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return CliConfig{};
  std::ifstream in(path, std::ios::binary);
  if (!in || !std::filesystem::is_regular_file(path, ec))
    return Error{"cannot read the Taskcluster config file", {path, 0, 0}};
  std::stringstream ss;
  ss << in.rdbuf();
  if (read_from) *read_from = path;
  return parse_cli_config(ss.str(), path);
}

}  // namespace tcg::api
