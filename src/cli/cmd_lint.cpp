// `tcguard lint`: find every `taskcluster signin` in shell files and judge what it really asks for.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "cli/common.h"
#include "lint/lint.h"

namespace tcg::cli {

namespace {

struct LintCliOptions {
  std::string fail_on = "error";
  std::vector<std::string> paths;
  bool verbose = false;
  bool report_unused_exceptions = false;
  bool no_snippet = false;
  std::string shell;  // "" (by file), bash, zsh
  std::vector<std::string> include, exclude;
  bool follow_every_call = false;
};

int run_lint(const Context& ctx, const LintCliOptions& o) {
  auto policy = load_policy(ctx.global, policy::LoadOptions::Project::Full);
  if (!policy) return usage_error(policy.error());
  std::error_code ec;
  std::string cwd = std::filesystem::current_path(ec).string();

  lint::LintOptions options;
  options.report_unused_exceptions = o.report_unused_exceptions;
  if (!o.shell.empty()) options.shell = shell::parse_dialect(o.shell);
  options.include = o.include;
  options.exclude = o.exclude;
  options.follow_every_call = o.follow_every_call;
  // A progress line only for people watching a terminal, and only when there is much to do.
  if (isatty(STDERR_FILENO) == 1) {
    options.progress = [](size_t done, size_t total) {
      if (total < 500) return;
      if (done % 250 == 0 || done == total)
        std::cerr << "\rtcguard: linted " << done << "/" << total << " files" << (done == total ? "\n" : "")
                  << std::flush;
    };
  }
  report::Format format = output_format(ctx.global);
  options.source_lines = format == report::Format::Text && !o.no_snippet;  // snippets are for people
  lint::LintResult result = lint::lint_paths(o.paths, *policy, cwd, options);
  // Said on stderr in every format (a CI log shows it), and also written into the report: a path
  // that could not be checked fails the run (exit 2), but only after the rest is reported.
  for (const auto& p : result.report.problems)
    std::cerr << "tcguard: " << severity_name(p.severity) << ": " << (p.path.empty() ? "" : p.path + ": ")
              << p.message << "\n";

  auto render = render_options(ctx.global, &*policy, STDOUT_FILENO);
  render.text_show_requests = o.verbose;
  render.text_list_files = o.verbose;
  report::write_report(std::cout, result.report, format, render);
  if (result.input_error) return kExitUsage;
  Severity threshold = parse_severity(o.fail_on).value_or(Severity::Error);
  return result.report.any_at_or_above(threshold) ? kExitFindings : kExitOk;
}

}  // namespace

void add_lint_command(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<LintCliOptions>();
  auto* cmd = app.add_subcommand("lint", "Check shell files (aliases, functions, scripts) for risky sign-ins");
  cmd->footer(
      "Folders are walked for shell files: .sh .bash .zsh .ksh, rc files with or without the dot (bashrc,\n"
      "bash_aliases, aliases, profile, zshrc ...), files under zsh/ bash/ shell/ profile.d/ (not README.md\n"
      "and the like), files with a shell shebang, docs (.md .markdown .mdx .rst .txt: their code blocks,\n"
      "prompt lines and inline code, never the prose; locations are the doc's own) and dotenv files (.env,\n"
      "*.env, .env.*, .envrc, KEY=value files); binary files and `.git` are skipped. --include/--exclude\n"
      "GLOB (repeatable) refine a walk: a glob without `/` matches the name, with `/` the path. `-` reads\n"
      "standard input. A path that is missing or yields no shell text is an error (exit 2), reported after\n"
      "the other paths are linted. Text output shows each finding's line (off with --no-snippet) and ends\n"
      "with what was checked (`checked 12 files, 3 sign-ins`); -v lists the files.\n"
      "Each file is read as bash or zsh: a zsh shebang (or #compdef), a zsh name (.zsh, .zshrc, .zshenv,\n"
      "zprofile, zlogin) or a zsh folder on its path (zshrc.d/ .zsh/ zsh/) makes it zsh, where unquoted\n"
      "$var is not split, arrays are 1-based and ${(j: :)a} flags apply; --shell bash|zsh decides for all.\n"
      "Suppress a finding with `# tcguard: disable=RULE-ID -- reason` on the line before the command or at\n"
      "its end, or `# tcguard: disable-file=RULE-ID -- reason` for the whole file.\n"
      "Exceptions in a policy file (`exceptions:`) match `path:` globs relative to that file's folder.\n"
      "Examples:\n"
      "  tcguard lint ~/.bash_aliases\n"
      "  tcguard lint --include '*.md' --exclude 'vendor/*' docs/\n"
      "  tcguard lint --format sarif dotfiles/ > tcguard.sarif");
  cmd->add_option("--fail-on", options->fail_on, "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  cmd->add_flag("-v,--verbose", options->verbose, "Text output: also list the files checked and every resolved sign-in request");
  cmd->add_flag("--report-unused-exceptions", options->report_unused_exceptions,
                "Report each policy exception that matched no finding in this run (a note at its line)");
  cmd->add_option("--include", options->include, "Walk only files matching this glob (repeatable)")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  cmd->add_option("--exclude", options->exclude, "Leave out walked files matching this glob (repeatable)")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  // Hidden (no group): for the tests and bench/ scripts that show skipping calls changes nothing.
  cmd->add_flag("--follow-every-call", options->follow_every_call, "Follow every function call")->group("");
  cmd->add_flag("--no-snippet", options->no_snippet, "Text output: leave out the source line under each finding");
  cmd->add_option("--shell", options->shell,
                  "Read every file as this shell (default: by shebang, then name: .zsh, .zshrc, zshrc.d/ ... are zsh)")
      ->check(CLI::IsMember({"bash", "zsh"}));
  cmd->add_option("paths", options->paths, "Files or folders (`-` for standard input)")->required();
  cmd->callback([&ctx, options] { ctx.exit_code = run_lint(ctx, *options); });
}

}  // namespace tcg::cli
