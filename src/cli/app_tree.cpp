#include "cli/app_tree.h"

#include <CLI/CLI.hpp>

namespace tcg::cli {

bool is_visible(const CLI::App* sub) { return !sub->get_group().empty(); }

std::vector<const CLI::App*> visible_subcommands(const CLI::App* app) {
  std::vector<const CLI::App*> subs;
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; }))
    if (is_visible(sub)) subs.push_back(sub);
  return subs;
}

const CLI::App* find_subcommand(const CLI::App* app, const std::string& word) {
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; }))
    if (sub->check_name(word)) return sub;
  return nullptr;
}

const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_parent())
    for (const CLI::Option* opt : app->get_options([](const CLI::Option* o) { return !o->get_positional(); }))
      if (opt->check_name(name)) return opt;
  return nullptr;
}

bool takes_value(const CLI::Option* opt) { return opt->get_items_expected_max() > 0; }

}  // namespace tcg::cli
