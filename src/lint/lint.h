#pragma once
// `tcguard lint`: shell files in, a Report out (findings + every resolved sign-in request).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy.h"
#include "model/finding.h"

namespace tcg::lint {

// One file's findings and requests; the findings' `request` indexes this file's requests.
// Suppressions are applied here; policy exceptions are not (see lint_files).
Report lint_text(std::string_view text, const std::string& file, const policy::Policy& policy);

struct LintOptions {
  unsigned threads = 0;                              // 0: the number of cores
  std::function<void(size_t done, size_t total)> progress;  // called from one thread at a time
  // Report, as `unused-exception` notes after the findings, each policy exception that covered
  // no finding in any file of the run.
  bool report_unused_exceptions = false;
};

struct LintResult {
  Report report;                 // all files, in the order given; exceptions applied
  std::vector<Error> problems;   // unreadable files and folders (named), walked past
  bool input_error = false;      // a named path could not be read at all (exit 2)
};

// Lints files given by name ("-" is stdin, shown as `<stdin>`), walking folders. Display names are
// relative to `base_dir` when inside it.
LintResult lint_paths(const std::vector<std::string>& paths, const policy::Policy& policy,
                      const std::string& base_dir, const LintOptions& options = {});

}  // namespace tcg::lint
