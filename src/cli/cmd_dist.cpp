// Hidden helpers for packaging, both read from the live CLI11 tree so they cannot drift from
// `--help`:
//   tcguard __man [--output FILE]          the roff man page tcguard(1), with every rule's doc page
//   tcguard __complete KIND [ARGS...]      candidates for the shell completions in completions/
// Both are in the empty group, which CLI11 leaves out of the help.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app_tree.h"
#include "cli/common.h"
#include "model/rule.h"
#include "util/version.h"

namespace tcg::cli {

namespace {

// ---------------------------------------------------------------------------------------------
// Walking the CLI11 tree

const CLI::App* visible_subcommand(const CLI::App* app, const std::string& name) {
  for (const CLI::App* sub : visible_subcommands(app))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

std::vector<const CLI::Option*> named_options(const CLI::App* app) {
  return app->get_options([](const CLI::Option* o) { return !o->get_positional(); });
}

std::vector<const CLI::Option*> positionals(const CLI::App* app) {
  return app->get_options([](const CLI::Option* o) { return o->get_positional(); });
}

std::string command_path(const CLI::App* app) {
  std::string path;
  for (; app != nullptr; app = app->get_parent()) path = app->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

// ---------------------------------------------------------------------------------------------
// The man page

std::string escape_char(char c) {
  if (c == '\\') return "\\e";
  if (c == '-') return "\\-";  // a real minus, so options copied from the page work
  if (c == '/' || c == ':') return std::string(1, c) + "\\:";  // long scopes and URLs may break here
  return std::string(1, c);
}

// Escapes text for roff. Non-ASCII (UTF-8) becomes \[uXXXX], which groff renders without
// needing preconv.
std::string escape_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out += escape_char(text[i]);
      continue;
    }
    int length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    uint32_t code = length == 1 ? 0xFFFD : byte & (0x3F >> (length - 1));
    for (int k = 1; k < length && i + 1 < text.size(); ++k) code = (code << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F);
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\[u%04X]", static_cast<unsigned>(code));
    out += buf;
  }
  return out;
}

// A line that starts with . or ' would be read as a roff request.
std::string guard_line_start(std::string line) {
  if (!line.empty() && (line[0] == '.' || line[0] == '\'')) line.insert(0, "\\&");
  return line;
}

std::string roff_escape(std::string_view text) {
  std::string out = escape_text(text);
  std::istringstream lines(out);
  std::string line, result;
  while (std::getline(lines, line)) result += (result.empty() ? "" : "\n") + guard_line_start(line);
  return result;
}

// Inline Markdown of one line: `code` and **strong** in bold, [text](url) as its text. A code
// span is literal to its closing backtick (`queue:**` keeps its stars), and a `**` with no closing
// partner is text, as CommonMark reads both.
std::string inline_markdown(std::string_view md) {
  std::string out;
  for (std::size_t i = 0; i < md.size(); ++i) {
    char c = md[i];
    if (c == '`') {
      std::size_t ticks = md.find_first_not_of('`', i) == std::string_view::npos ? md.size() - i
                                                                                 : md.find_first_not_of('`', i) - i;
      std::string fence(ticks, '`');
      auto close = md.find(fence, i + ticks);
      if (close != std::string_view::npos) {
        out += "\\fB" + escape_text(md.substr(i + ticks, close - i - ticks)) + "\\fR";
        i = close + ticks - 1;
        continue;
      }
      out += escape_text(fence);
      i += ticks - 1;
      continue;
    }
    if (c == '*' && i + 1 < md.size() && md[i + 1] == '*') {
      auto close = md.find("**", i + 2);
      if (close != std::string_view::npos && close > i + 2) {
        out += "\\fB" + inline_markdown(md.substr(i + 2, close - i - 2)) + "\\fR";
        i = close + 1;
        continue;
      }
      out += "**";
      ++i;
      continue;
    }
    if (c == '[') {
      auto close = md.find("](", i);
      auto end = close == std::string_view::npos ? close : md.find(')', close);
      if (end != std::string_view::npos) {
        out += inline_markdown(md.substr(i + 1, close - i - 1));
        i = end;
        continue;
      }
    }
    std::size_t next = i + 1;
    while (next < md.size() && static_cast<unsigned char>(md[next]) >= 0x80 && (static_cast<unsigned char>(md[next]) & 0xC0) == 0x80) ++next;
    out += escape_text(md.substr(i, next - i));
    i = next - 1;
  }
  return out;
}

// The Markdown of a rule page section as roff, inside a .TP item: paragraphs become .IP,
// fenced code blocks stay as they are (.nf/.fi).
std::string markdown_to_roff(std::string_view md) {
  std::string result;
  std::istringstream lines{std::string(md)};
  std::string line;
  bool pending_break = false;
  bool code = false;
  while (std::getline(lines, line)) {
    if (line.rfind("```", 0) == 0) {
      if (!code) result += ".IP\n";
      result += code ? ".fi\n" : ".nf\n";
      code = !code;
      pending_break = false;
      continue;
    }
    if (code) {
      result += guard_line_start(escape_text(line)) + "\n";
      continue;
    }
    auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos) {
      pending_break = !result.empty();
      continue;
    }
    if (pending_break) result += ".IP\n";
    pending_break = false;
    std::string text = line.substr(first);
    if (text.rfind("- ", 0) == 0 || text.rfind("* ", 0) == 0) {
      result += ".br\n\\(bu ";  // a list item on its own line
      text.erase(0, 2);
    }
    while (!text.empty() && text[0] == '#') text.erase(0, 1);
    first = text.find_first_not_of(' ');
    result += guard_line_start(inline_markdown(first == std::string::npos ? "" : text.substr(first))) + "\n";
  }
  if (code) result += ".fi\n";
  return result;
}

std::string option_label(const CLI::App* app, const CLI::Option* opt) {
  std::string label;
  auto add = [&label](const std::string& name) {
    if (!label.empty()) label += ", ";
    label += "\\fB" + roff_escape(name) + "\\fR";
  };
  for (const auto& s : opt->get_snames()) add("-" + s);
  for (const auto& l : opt->get_lnames()) add("--" + l);
  if (opt->get_positional()) add(opt->get_name());
  // The same text `--help` prints after the names (type, choices, default).
  auto formatter = std::dynamic_pointer_cast<CLI::Formatter>(app->get_formatter());
  std::string opts = formatter ? formatter->make_option_opts(opt) : std::string();
  auto first = opts.find_first_not_of(' ');
  if (first != std::string::npos) label += " \\fI" + roff_escape(opts.substr(first)) + "\\fR";
  return label;
}

void write_options(std::ostream& out, const CLI::App* app, bool include_help) {
  for (const CLI::Option* opt : positionals(app)) {
    out << ".TP\n" << option_label(app, opt) << "\n" << roff_escape(opt->get_description()) << "\n";
  }
  for (const CLI::Option* opt : named_options(app)) {
    if (!include_help && opt->check_lname("help")) continue;
    if (opt->get_group().empty()) continue;
    out << ".TP\n" << option_label(app, opt) << "\n" << roff_escape(opt->get_description()) << "\n";
  }
}

std::string usage_line(const CLI::App* app) {
  auto formatter = std::dynamic_pointer_cast<CLI::Formatter>(app->get_formatter());
  std::string usage = formatter ? formatter->make_usage(app, command_path(app)) : command_path(app);
  const std::string prefix = "Usage: ";
  if (usage.rfind(prefix, 0) == 0) usage.erase(0, prefix.size());
  while (!usage.empty() && (usage.back() == '\n' || usage.back() == ' ')) usage.pop_back();
  return usage;
}

void write_command(std::ostream& out, const CLI::App* app) {
  out << ".SS \"" << roff_escape(command_path(app)) << "\"\n";
  out << ".B " << roff_escape(usage_line(app)) << "\n.PP\n";
  out << roff_escape(app->get_description()) << "\n";
  write_options(out, app, false);
  // Footers are laid out by hand (examples, lists): keep their line breaks and indentation, but
  // let a line longer than the page wrap.
  // CLI11 copies the parent's footer into subcommands that set none; print it once, at the top.
  bool own_footer = app->get_parent() == nullptr || app->get_footer() != app->get_parent()->get_footer();
  if (own_footer && !app->get_footer().empty()) {
    out << ".PP\n";
    std::istringstream lines(app->get_footer());
    std::string line;
    while (std::getline(lines, line)) {
      auto first = line.find_first_not_of(' ');
      if (first == std::string::npos) continue;
      std::string indent;
      for (std::size_t k = 0; k < first; ++k) indent += "\\ ";
      out << (indent.empty() ? roff_escape(line) : indent + escape_text(line.substr(first))) << "\n.br\n";
    }
  }
  for (const CLI::App* sub : visible_subcommands(app)) write_command(out, sub);
}

void write_rules(std::ostream& out) {
  out << ".SH RULES\n"
         "Every rule id tcguard reports, with its default severity. "
         "\\fBtcguard explain\\fR \\fIRULE\\-ID\\fR prints the full page.\n";
  for (const auto& rule : rules::builtin_rules()) {
    out << ".TP\n\\fB" << roff_escape(rule.id) << "\\fR (" << rules::kind_name(rule.kind) << ", "
        << severity_name(rule.severity) << ")\n";
    std::string description = rules::rule_doc_description(rule.id);
    out << (description.empty() ? roff_escape(std::string(rule.summary) + ".") + "\n" : markdown_to_roff(description));
    std::string fix = rules::rule_doc_fix(rule.id);
    if (!fix.empty()) out << ".IP\n\\fIHow to fix:\\fR " << markdown_to_roff(fix);
  }
}

std::string man_page(const CLI::App* root) {
  std::ostringstream out;
  out << ".\\\" Generated by `tcguard __man` from the command line definition and docs/rules; do not edit.\n";
  out << ".TH TCGUARD 1 \"\" \"tcguard " << version() << "\" \"User Commands\"\n";
  out << ".ad l\n.nh\n";  // ragged right and no hyphenation: option names and rule ids stay whole
  out << ".SH NAME\ntcguard \\- scope\\-policy linter and safety wrapper for the Taskcluster CLI\n";
  out << ".SH SYNOPSIS\n";
  for (const CLI::App* sub : visible_subcommands(root)) out << ".B " << roff_escape(usage_line(sub)) << "\n.br\n";
  out << ".B tcguard \\-\\-version\n";
  out << ".SH DESCRIPTION\n" << roff_escape(root->get_description()) << "\n";
  out << ".PP\nA program or symbolic link named \\fBtaskcluster\\fR that resolves to tcguard behaves as "
         "\\fBtcguard run \\-\\- taskcluster\\fR \\fIARGS\\fR and then runs the next \\fBtaskcluster\\fR on "
         "\\fBPATH\\fR that is not itself (or \\fB$TCGUARD_TASKCLUSTER\\fR).\n";
  out << ".SH GLOBAL OPTIONS\nAccepted before or after the command name.\n";
  write_options(out, root, true);
  out << ".SH COMMANDS\n";
  for (const CLI::App* sub : visible_subcommands(root)) write_command(out, sub);
  write_rules(out);
  out << ".SH POLICY\n"
         "The effective policy is the embedded default with the first policy found merged over it "
         "(a rule with the same id replaces the default one): \\fB\\-\\-policy\\fR \\fIFILE\\fR "
         "(repeatable), else \\fB$TCGUARD_POLICY\\fR, else \\fI.tcguard.yaml\\fR in the current "
         "folder or any parent, else \\fI$XDG_CONFIG_HOME/tcguard/policy.yaml\\fR. "
         "\\fB\\-\\-no\\-default\\-policy\\fR drops the embedded default. "
         "\\fBtcguard policy show\\fR prints the result.\n";
  out << ".SH EXIT STATUS\n"
      << ".TP\n" << kExitOk << "\nFine: no finding at or above the fail level; the action is allowed "
         "(\\fBrun\\fR then becomes the command, so its exit status is the command's).\n"
      << ".TP\n" << kExitFindings << "\nFindings at or above the fail level; "
         "\\fBscopes satisfies\\fR not satisfied.\n"
      << ".TP\n" << kExitUsage << "\nUsage error, unreadable input or invalid policy "
         "(the message names file:line:column).\n"
      << ".TP\n" << kExitRefused << "\nRefused by policy.\n"
      << ".TP\n" << kExitUnconfirmed << "\nConfirmation missing or declined.\n";
  out << ".SH ENVIRONMENT\n"
         ".TP\n.B TCGUARD_POLICY\nA policy file, used when no \\fB\\-\\-policy\\fR is given.\n"
         ".TP\n.B TCGUARD_TASKCLUSTER\nThe real Taskcluster CLI that \\fBrun\\fR executes.\n"
         ".TP\n.B TCGUARD_AUDIT_LOG\nWhere \\fBrun\\fR appends one JSON line per guarded command.\n"
         ".TP\n.B XDG_CONFIG_HOME, XDG_STATE_HOME\nThe user's policy and the default audit log location.\n"
         ".TP\n.B TASKCLUSTER_ROOT_URL, TASKCLUSTER_CLIENT_ID, TASKCLUSTER_ACCESS_TOKEN, TASKCLUSTER_CERTIFICATE\n"
         "The credentials judged by \\fBwhoami\\fR and \\fBrun\\fR. An access token is never printed.\n"
         ".TP\n.B NO_COLOR\nNo colour in text output unless \\fB\\-\\-color always\\fR.\n";
  out << ".SH FILES\n"
         ".TP\n.I .tcguard.yaml\nA project's policy, in the current folder or a parent.\n"
         ".TP\n.I $XDG_CONFIG_HOME/tcguard/policy.yaml\nThe user's policy.\n"
         ".TP\n.I /usr/share/tcguard/default.yaml\nA copy of the embedded default policy, for reference "
         "(the prefix depends on the installation).\n"
         ".TP\n.I ~/.local/state/tcguard/audit.jsonl\nThe default audit log of \\fBrun\\fR.\n";
  out << ".SH EXAMPLES\n"
         ".nf\n"
         "tcguard review \\-\\- taskcluster signin \\-\\-expires 15m \\-s 'queue:rerun\\-task:gecko\\-level\\-3/*'\n"
         "eval \"$(tcguard signin \\-\\-expires 15m \\-s 'queue:rerun\\-task:gecko\\-level\\-3/*')\"\n"
         "tcguard lint \\-\\-format sarif dotfiles/ > tcguard.sarif\n"
         "tcguard run \\-\\-confirm firefoxci \\-\\- taskcluster task rerun TASK_ID\n"
         "tcguard explain root\\-scope\\-expiry\n"
         ".fi\n";
  out << ".SH SEE ALSO\n\\fBtcguard\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR;\n.br\nthe Taskcluster CLI:\n.br\n"
         "https://\\:github.com/\\:taskcluster/\\:taskcluster/\\:tree/\\:main/\\:clients/\\:client\\-shell\n";
  return out.str();
}

int run_man(const CLI::App* root, const std::string& output) {
  std::string page = man_page(root);
  if (output.empty() || output == "-") {
    std::cout << page;
    return kExitOk;
  }
  std::ofstream file(output, std::ios::binary | std::ios::trunc);
  file << page;
  file.close();
  if (!file) return usage_error("cannot write " + output);
  return kExitOk;
}

// ---------------------------------------------------------------------------------------------
// Completion candidates. Output: one candidate a line, "CANDIDATE<TAB>DESCRIPTION" (the
// description may be missing). A line ":files" asks the shell to complete file names.

constexpr std::string_view kFilesDirective = ":files";

struct Candidate {
  std::string value;
  std::string description;
};

std::string first_line(std::string text) {
  auto nl = text.find('\n');
  if (nl != std::string::npos) text.erase(nl);
  return text;
}

void print_candidates(const std::vector<Candidate>& candidates, const std::string& prefix) {
  for (const auto& c : candidates) {
    if (c.value.rfind(prefix, 0) != 0) continue;
    std::cout << c.value;
    if (!c.description.empty()) std::cout << '\t' << first_line(c.description);
    std::cout << '\n';
  }
}

std::vector<Candidate> rule_candidates(const GlobalOptions& global) {
  std::vector<Candidate> out;
  for (const auto& rule : rules::builtin_rules()) out.push_back({std::string(rule.id), std::string(rule.summary)});
  // Ids a policy adds (its own rules and actions), when a policy loads; completion never fails.
  if (auto policy = load_policy(global, policy::LoadOptions::Project::Full)) {
    auto known = [&out](const std::string& id) {
      return std::any_of(out.begin(), out.end(), [&id](const Candidate& c) { return c.value == id; });
    };
    for (const auto& r : policy->rules)
      if (!known(r.id)) out.push_back({r.id, r.description});
    for (const auto& a : policy->actions)
      if (!a.id.empty() && !known(a.id)) out.push_back({a.id, a.message});
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.value < b.value; });
  return out;
}

std::vector<Candidate> cluster_candidates(const GlobalOptions& global) {
  std::vector<Candidate> out;
  if (auto policy = load_policy(global, policy::LoadOptions::Project::Full)) {
    for (const auto& c : policy->clusters)
      out.push_back({c.name, c.root_url + (c.production ? " (production)" : "")});
  }
  return out;
}

std::vector<Candidate> subcommand_candidates(const CLI::App* app) {
  std::vector<Candidate> out;
  for (const CLI::App* sub : visible_subcommands(app)) out.push_back({sub->get_name(), sub->get_description()});
  return out;
}

std::vector<Candidate> option_candidates(const CLI::App* app) {
  std::vector<Candidate> out;
  for (const CLI::App* level = app; level != nullptr; level = level->get_parent()) {
    for (const CLI::Option* opt : named_options(level)) {
      if (opt->get_group().empty()) continue;
      for (const auto& l : opt->get_lnames()) out.push_back({"--" + l, opt->get_description()});
      for (const auto& s : opt->get_snames()) out.push_back({"-" + s, opt->get_description()});
    }
  }
  return out;
}

// Choices CLI11 prints as "TEXT:{a,b,c}" for IsMember validators.
std::vector<Candidate> choice_candidates(const CLI::Option* opt) {
  std::vector<Candidate> out;
  std::string type = opt->get_type_name();
  auto open = type.find('{');
  auto close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return out;
  std::stringstream items(type.substr(open + 1, close - open - 1));
  std::string item;
  while (std::getline(items, item, ',')) out.push_back({item, ""});
  return out;
}

bool wants_files(const CLI::Option* opt) {
  std::string type = opt->get_type_name();
  std::string name = opt->get_name(true, false);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
  for (const char* hint : {"FILE", "PATH", "DIR"}) {
    if (type.find(hint) != std::string::npos || name.find(hint) != std::string::npos) return true;
  }
  return opt->check_lname("policy") || opt->check_lname("roles");
}

bool names_cluster(const CLI::Option* opt) { return opt->check_lname("cluster") || opt->check_lname("confirm"); }

void complete_value(const CLI::Option* opt, const GlobalOptions& global, const std::string& current) {
  if (names_cluster(opt)) return print_candidates(cluster_candidates(global), current);
  if (auto choices = choice_candidates(opt); !choices.empty()) return print_candidates(choices, current);
  if (wants_files(opt)) std::cout << kFilesDirective << '\n';
}

// WORDS are the command line after `tcguard`, the last one being the word under the cursor.
int complete_line(const CLI::App* root, GlobalOptions global, const std::vector<std::string>& words) {
  if (words.empty()) return kExitOk;
  const std::string& current = words.back();
  const CLI::App* app = root;
  const CLI::Option* pending = nullptr;  // an option whose value is the next word
  std::size_t positional_count = 0;
  bool after_dashes = false;
  std::size_t words_after_dashes = 0;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& w = words[i];
    if (pending) {
      if (pending->check_lname("policy")) global.policy_files.push_back(w);
      pending = nullptr;
      continue;
    }
    if (after_dashes) {
      ++words_after_dashes;
      continue;
    }
    if (w == "--") {
      after_dashes = true;
      continue;
    }
    if (w.size() > 1 && w[0] == '-') {
      auto eq = w.find('=');
      const CLI::Option* opt = find_option(app, w.substr(0, eq));
      if (opt && opt->check_lname("no-default-policy")) global.no_default_policy = true;
      if (opt && takes_value(opt)) {
        if (eq != std::string::npos) {
          if (opt->check_lname("policy")) global.policy_files.push_back(w.substr(eq + 1));
        } else if (!(w.size() > 2 && w[1] != '-')) {  // -sVALUE carries its value
          pending = opt;
        }
      }
      continue;
    }
    if (const CLI::App* sub = visible_subcommand(app, w); sub && positional_count == 0) {
      app = sub;
      continue;
    }
    ++positional_count;
  }
  // Policy files that do not exist would make every lookup fail: ignore them while completing.
  std::erase_if(global.policy_files, [](const std::string& f) { return !std::filesystem::is_regular_file(f); });

  if (pending) {
    complete_value(pending, global, current);
    return kExitOk;
  }
  if (after_dashes) {
    // The guarded command line: its first word is the real CLI.
    if (words_after_dashes == 0) print_candidates({{"taskcluster", "the Taskcluster CLI"}}, current);
    return kExitOk;
  }
  if (current.rfind("--", 0) == 0 && current.find('=') != std::string::npos) {
    auto eq = current.find('=');
    const CLI::Option* opt = find_option(app, current.substr(0, eq));
    if (opt && takes_value(opt)) {
      std::ostringstream captured;
      auto* old = std::cout.rdbuf(captured.rdbuf());
      complete_value(opt, global, current.substr(eq + 1));
      std::cout.rdbuf(old);
      std::istringstream lines(captured.str());
      std::string line;
      while (std::getline(lines, line)) std::cout << (line == kFilesDirective ? line : current.substr(0, eq + 1) + line) << '\n';
    }
    return kExitOk;
  }
  if (!current.empty() && current[0] == '-') {
    print_candidates(option_candidates(app), current);
    return kExitOk;
  }
  if (positional_count == 0) print_candidates(subcommand_candidates(app), current);
  auto args = positionals(app);
  if (args.empty()) return kExitOk;
  const CLI::Option* arg = args[std::min(positional_count, args.size() - 1)];
  if (positional_count >= args.size() && arg->get_items_expected_max() <= 1) return kExitOk;
  if (app->get_name() == "explain") {
    print_candidates(rule_candidates(global), current);
  } else if (wants_files(arg)) {
    std::cout << kFilesDirective << '\n';
  }
  return kExitOk;
}

const CLI::App* find_path(const CLI::App* root, const std::vector<std::string>& path) {
  const CLI::App* app = root;
  for (const auto& name : path) {
    app = visible_subcommand(app, name);
    if (!app) return nullptr;
  }
  return app;
}

int run_complete(const CLI::App* root, const GlobalOptions& global, const std::string& kind,
                 const std::vector<std::string>& args) {
  if (kind == "rules") {
    print_candidates(rule_candidates(global), "");
  } else if (kind == "clusters") {
    print_candidates(cluster_candidates(global), "");
  } else if (kind == "subcommands" || kind == "options") {
    const CLI::App* app = find_path(root, args);
    if (!app) return usage_error("no command `" + CLI::detail::join(args, " ") + "`");
    print_candidates(kind == "subcommands" ? subcommand_candidates(app) : option_candidates(app), "");
  } else if (kind == "line") {
    return complete_line(root, global, args);
  } else {
    return usage_error("unknown completion kind `" + kind + "` (rules, clusters, subcommands, options, line)");
  }
  return kExitOk;
}

}  // namespace

void add_dist_commands(CLI::App& app, Context& ctx) {
  auto* man = app.add_subcommand("__man", "Print the man page tcguard(1) in roff")->group("");
  auto output = std::make_shared<std::string>();
  man->add_option("-o,--output", *output, "Write the page to this file instead of stdout");
  man->callback([&ctx, &app, output] { ctx.exit_code = run_man(&app, *output); });

  auto* complete = app.add_subcommand("__complete", "Print shell completion candidates")->group("");
  auto kind = std::make_shared<std::string>();
  auto args = std::make_shared<std::vector<std::string>>();
  complete->add_option("KIND", *kind, "rules | clusters | subcommands [CMD...] | options [CMD...] | line -- WORDS...")
      ->required();
  complete->add_option("ARGS", *args, "Command path, or the words of the command line after `tcguard`");
  complete->callback([&ctx, &app, kind, args] { ctx.exit_code = run_complete(&app, ctx.global, *kind, *args); });
}

}  // namespace tcg::cli
