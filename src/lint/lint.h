#pragma once
// `tcguard lint`: shell files in, a Report out (findings + every resolved sign-in request).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy.h"
#include "model/finding.h"
#include "shell/dialect.h"

namespace tcg::lint {

// One file's findings and requests; the findings' `request` indexes this file's requests.
// Suppressions are applied here; policy exceptions are not (see lint_files).
// The dialect is `shell` when given, else shell::detect_dialect(file, text). `follow_every_call`
// as in LintOptions.
Report lint_text(std::string_view text, const std::string& file, const policy::Policy& policy,
                 std::optional<shell::Dialect> shell = std::nullopt, bool follow_every_call = false);

struct LintOptions {
  unsigned threads = 0;                              // 0: the number of cores
  std::function<void(size_t done, size_t total)> progress;  // called from one thread at a time
  // Report, as `unused-exception` notes after the findings, each policy exception that covered
  // no finding in any file of the run.
  bool report_unused_exceptions = false;
  bool source_lines = false;  // keep each finding's source line (Finding::source_line) for snippets
  // `--shell`: every file is read as this dialect; else each file's shebang and name decide.
  std::optional<shell::Dialect> shell;
  // Globs refining a folder walk (files named on the command line are always linted): a file the
  // walk found is kept when it matches an `include` (if any are given) and no `exclude`. A glob
  // without `/` matches the file's name, one with `/` its path below the walked folder (`*`
  // crossing `/`: `docs/*.md` matches docs/a/b.md).
  std::vector<std::string> include, exclude;
  // Follow every function call, also those that cannot change a finding (shell::analyze): slower,
  // the same report. For the tests and benchmarks that show it is the same.
  bool follow_every_call = false;
};

struct LintResult {
  // All files, in the order given; exceptions applied. report.files lists the files checked and
  // report.problems what could not be: a missing path, an unreadable file, a path given that
  // yields no shell text (errors), an unreadable folder or file met in a walk (warnings).
  Report report;
  bool input_error = false;      // report.any_input_error(): exit 2, after the report is written
};

// Lints files given by name ("-" is stdin, shown as `<stdin>`), walking folders; every path is
// linted even when another could not be. Binary files (a NUL byte in the first 8000 bytes, as git
// decides) are not shell text: skipped in a walk, an error when named. Display names are relative
// to `base_dir` when inside it.
LintResult lint_paths(const std::vector<std::string>& paths, const policy::Policy& policy,
                      const std::string& base_dir, const LintOptions& options = {});

}  // namespace tcg::lint
