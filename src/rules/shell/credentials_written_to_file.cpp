// credentials-written-to-file: `taskcluster signin ... > FILE` (or `>>`, `| tee FILE`) puts the
// temporary access token on disk; unless the script removes the file afterwards (rm, shred,
// unlink, or a `trap ... EXIT` handler that does), it stays there until someone deletes it.
#include <set>
#include <tuple>

#include "rules/shell/shell_check.h"
#include "shell/eval_state.h"

namespace tcg::rules {
namespace {

// Does removing `removed` remove `file`? The same path, a folder holding it (`rm -rf "$tmp"`),
// or a glob matching it (`rm -f "$TMPDIR"/creds.*`).
bool removes(const std::string& removed, const std::string& file) {
  if (removed == file) return true;
  std::string dir = removed;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (file.size() > dir.size() && file.compare(0, dir.size(), dir) == 0 && file[dir.size()] == '/') return true;
  return removed.find_first_of("*?[") != std::string::npos && shell::glob_match(removed, file);
}

class CredentialsWrittenToFileCheck : public ShellCheck {
 public:
  std::string_view id() const override { return "credentials-written-to-file"; }

  void check_file(const ShellFacts& facts, std::vector<Finding>& out) const override {
    const auto& a = facts.analysis;
    std::set<std::tuple<int, int, std::string>> seen;  // one finding per place and file
    for (const auto& file : a.credential_files) {
      bool removed = false;
      for (const auto& r : a.removed_files)
        if ((r.trap ? r.trap == a.last_exit_trap : r.seq > file.seq) && removes(r.target, file.target)) removed = true;
      if (removed || !seen.insert({file.where.line, file.where.column, file.target}).second) continue;
      int sourced_line = 0;
      for (const auto& s : a.sourced_files)
        if (s.seq > file.seq && s.target == file.target && !sourced_line) sourced_line = s.where.line;
      std::string message = "the credentials `taskcluster signin` prints are written to `" + file.target + "`" +
                            (sourced_line ? " (sourced at line " + std::to_string(sourced_line) + ")" : "") +
                            " and the script never removes the file: the access token stays on disk after the script";
      const auto& call = a.signins[file.signin];
      Finding f = finding(file.where, call.context, std::move(message),
                          "Evaluate the output instead of writing it: `eval \"$(taskcluster signin ...)\"`. If a file "
                          "is needed, make it with `mktemp` and remove it when the script ends: `creds=$(mktemp); "
                          "trap 'rm -f \"$creds\"' EXIT`.");
      if (file.signin < facts.call_request_index.size()) f.request = facts.call_request_index[file.signin];
      out.push_back(std::move(f));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_credentials_written_to_file_check() {
  return std::make_unique<CredentialsWrittenToFileCheck>();
}
}  // namespace tcg::rules
