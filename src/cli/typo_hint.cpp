#include "cli/typo_hint.h"

#include <CLI/CLI.hpp>

#include "cli/app_tree.h"
#include "policy/suggest.h"

namespace tcg::cli {

namespace {

// The subcommands shown in --help: hidden helpers are never suggested.
std::vector<std::string> subcommand_names(const CLI::App* app) {
  std::vector<std::string> out;
  for (const CLI::App* sub : visible_subcommands(app)) out.push_back(sub->get_name());
  return out;
}

// The long options that apply at `app`: its own and its parents' (global options follow a subcommand).
std::vector<std::string> long_options(const CLI::App* app) {
  std::vector<std::string> out;
  for (; app != nullptr; app = app->get_parent())
    for (const CLI::Option* opt : app->get_options())
      for (const auto& name : opt->get_lnames()) out.push_back("--" + name);
  return out;
}

}  // namespace

std::string typo_hint(const CLI::App& app, const std::vector<std::string>& words) {
  const CLI::App* current = &app;
  for (const auto& w : words) {
    if (w == "--") break;
    if (w.rfind("--", 0) == 0) {
      std::string name = w.substr(0, w.find('='));
      auto options = long_options(current);
      if (std::find(options.begin(), options.end(), name) != options.end()) continue;
      if (auto close = policy::closest_match(name, options)) return "did you mean `" + *close + "`?";
      continue;
    }
    if (!w.empty() && w[0] == '-') continue;
    if (const CLI::App* next = find_subcommand(current, w)) {
      current = next;
      if (current->get_prefix_command()) break;  // signin: the CLI's own words follow
      continue;
    }
    // A word where a subcommand was expected.
    if (!current->get_subcommands({}).empty() && current->get_require_subcommand_min() > 0) {
      std::string path = current->get_parent() ? "tcguard " + current->get_name() + " " : "tcguard ";
      if (auto close = policy::closest_match(w, subcommand_names(current)))
        return "did you mean `" + path + *close + "`?";
      return "";
    }
  }
  return "";
}

}  // namespace tcg::cli
