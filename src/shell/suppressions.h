#pragma once
// `# tcguard: disable=ID[,ID] -- reason` (the command on the next line, or the command the comment
// ends) and `# tcguard: disable-file=ID[,ID] -- reason` (the whole file). `all` matches every rule.
#include <string>
#include <vector>

#include "model/finding.h"
#include "shell/analysis.h"

namespace tcg::shell {

struct Suppression {
  std::vector<std::string> ids;
  std::string reason;       // "" when missing: a suppression-without-reason note
  bool file_wide = false;
  SourceLocation where;     // the comment
  int first_line = 0;       // lines it covers (file_wide: all)
  int last_line = 0;
  // A `# tcguard:` comment that is no directive (`disable root-scope-expiry`, `disabel=...`): it
  // suppresses nothing, and suppression-invalid says so. `written` is the directive as written.
  bool malformed = false;
  std::string written;
};

std::vector<Suppression> parse_suppressions(const shell::Analysis& analysis);

// Drops the findings a suppression covers (suppression-without-reason notes are never dropped).
void apply_suppressions(const std::vector<Suppression>& suppressions, std::vector<Finding>& findings);

}  // namespace tcg::shell
