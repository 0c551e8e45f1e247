#include "cli/empty_values.h"

#include <CLI/CLI.hpp>

#include "cli/app_tree.h"

namespace tcg::cli {

namespace {

bool accepts_empty(const CLI::Option* opt) { return opt->get_type_name().rfind(kScopeTypeName, 0) == 0; }

// How many following words an option written without an inline value takes (so that a value
// that happens to be a subcommand's name is not read as one).
size_t value_words(const CLI::Option* opt) {
  if (!takes_value(opt)) return 0;
  return static_cast<size_t>(std::max(1, opt->get_type_size_min()));
}

}  // namespace

Status expand_empty_inline_values(const CLI::App& app, std::vector<std::string>& words) {
  const CLI::App* current = &app;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "--") break;
    if (w.size() > 2 && w.rfind("--", 0) == 0) {
      size_t eq = w.find('=');
      std::string name = w.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      const CLI::Option* opt = find_option(current, "--" + name);
      if (!opt) continue;  // CLI11 reports an unknown option
      if (eq == std::string::npos) {
        i += value_words(opt);
        continue;
      }
      if (eq + 1 != w.size()) continue;  // --name=VALUE
      std::string shown = "--" + name;
      if (!takes_value(opt))
        return Error{shown + " takes no value: write " + shown + " alone (`" + w + "` is not read as true or false)", {}};
      if (!accepts_empty(opt))
        return Error{"`" + w + "` gives " + shown + " an empty value, which it cannot take; write " + shown +
                         "=VALUE",
                     {}};
      // The empty scope, as its own word: CLI11 takes the next word as the value, whatever it is.
      words[i] = shown;
      words.insert(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::string{});
      ++i;
      continue;
    }
    if (w.size() == 2 && w[0] == '-' && w[1] != '-') {
      if (const CLI::Option* opt = find_option(current, w)) i += value_words(opt);
      continue;
    }
    if (!w.empty() && w[0] == '-') continue;
    if (const CLI::App* sub = find_subcommand(current, w)) {
      current = sub;
      // A prefix command (`signin`) owns every word after it; the CLI's parser reads them.
      if (current->get_prefix_command()) break;
      continue;
    }
    if (current->get_prefix_command()) break;
  }
  return Ok{};
}

}  // namespace tcg::cli
