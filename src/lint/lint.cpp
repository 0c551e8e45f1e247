#include "lint/lint.h"
#include "model/rule.h"
#include "policy/unknown_lifetime.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>
#include <mutex>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/display_name.h"
#include "lint/file_walk.h"
#include "shell/suppressions.h"
#include "rules/request_checks.h"
#include "rules/shell/shell_check.h"
#include "shell/analysis.h"
#include "tccli/signin_args.h"

namespace tcg::lint {

namespace fs = std::filesystem;

namespace {

bool same_request(const SigninRequest& a, const SigninRequest& b) {
  return a.where.line == b.where.line && a.where.column == b.where.column && a.context == b.context &&
         a.root_url == b.root_url && a.scopes == b.scopes && a.scopes_known == b.scopes_known &&
         a.scope_args == b.scope_args && a.expires == b.expires && a.expires_known == b.expires_known;
}

bool finding_less(const Finding& a, const Finding& b) {
  if (a.where.line != b.where.line) return a.where.line < b.where.line;
  if (a.where.column != b.where.column) return a.where.column < b.where.column;
  if (a.rule != b.rule) return a.rule < b.rule;
  if (a.message != b.message) return a.message < b.message;
  return a.context < b.context;
}

// One problem at one place is one finding, whichever paths reach it: a function run on its own
// and called with the same literal words resolve to the same request and the same message. The
// finding of the first context is kept (the function's own name sorts before "f called at ..").
bool same_finding(const Finding& a, const Finding& b) {
  return a.rule == b.rule && a.where.line == b.where.line && a.where.column == b.where.column &&
         a.message == b.message;
}

// Reads a whole file into `text` (reused between files: one buffer per worker). Plain read(2):
// stdio would allocate and free a buffer per file.
bool read_file(const std::string& path, std::string& text) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  size_t expected = ::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0;
  text.clear();
  text.resize(std::max<size_t>(expected + 1, 4096));  // +1: reaching EOF needs one more read
  size_t used = 0;
  bool ok = true;
  for (;;) {
    if (used == text.size()) text.resize(2 * text.size());
    ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      break;
    }
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  text.resize(used);
  return ok;
}

}  // namespace

Report lint_text(std::string_view text, const std::string& file, const policy::Policy& policy) {
  shell::Analysis analysis = shell::analyze(text, file);
  Report report;
  std::vector<Finding> findings;
  std::vector<SigninRequest> call_requests;
  std::vector<size_t> call_index;
  call_requests.reserve(analysis.signins.size());
  for (const auto& call : analysis.signins) {
    tccli::SigninArgs parsed = tccli::parse_signin_args(call.args);
    SigninRequest r = std::move(parsed.request);
    r.where = call.where;
    r.context = call.context;
    r.root_url = call.root_url;
    rules::resolve_cluster(policy, r);
    call_requests.push_back(r);
    size_t index = report.requests.size();
    for (size_t i = 0; i < report.requests.size(); ++i) {
      if (same_request(report.requests[i], r)) {
        index = i;
        break;
      }
    }
    if (index == report.requests.size()) {
      report.requests.push_back(std::move(r));
      auto judged = rules::judge_request(policy, report.requests.back(), index);
      // An unknown lifetime is possibly unbounded: `*` for "$1" cannot pass root-scope-expiry.
      for (auto& f : policy::unknown_lifetime_findings(policy, report.requests.back())) {
        f.request = index;
        judged.push_back(std::move(f));
      }
      findings.insert(findings.end(), std::make_move_iterator(judged.begin()), std::make_move_iterator(judged.end()));
    }
    call_index.push_back(index);
  }
  std::vector<shell::Suppression> suppressions = shell::parse_suppressions(analysis);
  std::vector<std::string> known_ids{"all"};
  for (const auto& r : rules::builtin_rules()) known_ids.emplace_back(r.id);
  for (const auto& r : policy.rules) known_ids.push_back(r.id);
  for (const auto& a : policy.actions) known_ids.push_back(a.id);
  rules::ShellFacts facts{analysis, call_requests, call_index, suppressions, known_ids};
  for (const auto& check : rules::shell_checks()) check->check(facts, findings);
  shell::apply_suppressions(suppressions, findings);
  std::stable_sort(findings.begin(), findings.end(), finding_less);
  findings.erase(std::unique(findings.begin(), findings.end(), same_finding), findings.end());
  report.findings = std::move(findings);
  return report;
}

LintResult lint_paths(const std::vector<std::string>& paths, const policy::Policy& policy,
                      const std::string& base_dir, const LintOptions& options) {
  LintResult result;
  struct Input {
    std::string path;     // to read ("" for stdin)
    std::string display;  // in findings
    std::string text;     // stdin's content
    bool named = false;   // given on the command line (an unreadable one is an input error)
  };
  std::vector<Input> inputs;
  DisplayNames display_name(base_dir);
  for (const auto& p : paths) {
    if (p == "-") {
      std::ostringstream ss;
      ss << std::cin.rdbuf();
      inputs.push_back(Input{"", "<stdin>", ss.str(), true});
      continue;
    }
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      result.problems.push_back(Error{"no such file or folder", SourceLocation{p, 0, 0}});
      result.input_error = true;
      continue;
    }
    if (fs::is_directory(status)) {
      WalkResult walked = walk_folder(p);
      for (auto& e : walked.problems) result.problems.push_back(std::move(e));
      for (auto& f : walked.files) inputs.push_back(Input{f, display_name(f), "", false});
    } else {
      inputs.push_back(Input{p, display_name(p), "", true});
    }
  }

  std::vector<Report> reports(inputs.size());
  std::vector<std::optional<Error>> errors(inputs.size());
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex progress_mutex;
  auto worker = [&] {
    std::string text;
    for (;;) {
      size_t i = next.fetch_add(1);
      if (i >= inputs.size()) return;
      Input& in = inputs[i];
      if (in.path.empty()) {
        reports[i] = lint_text(in.text, in.display, policy);
      } else if (!read_file(in.path, text)) {
        errors[i] = Error{"cannot read file", SourceLocation{in.display, 0, 0}};
      } else {
        reports[i] = lint_text(text, in.display, policy);
      }
      size_t n = ++done;
      if (options.progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        options.progress(n, inputs.size());
      }
    }
  };
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, inputs.size() / 4)));
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }

  size_t total_requests = 0, total_findings = 0;
  for (const auto& r : reports) {
    total_requests += r.requests.size();
    total_findings += r.findings.size();
  }
  result.report.requests.reserve(total_requests);
  result.report.findings.reserve(total_findings);
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (errors[i]) {
      result.problems.push_back(*errors[i]);
      if (inputs[i].named) result.input_error = true;
      continue;
    }
    size_t offset = result.report.requests.size();
    for (auto& r : reports[i].requests) result.report.requests.push_back(std::move(r));
    for (auto& f : reports[i].findings) {
      if (f.request) *f.request += offset;
      result.report.findings.push_back(std::move(f));
    }
  }
  policy::apply_exceptions(policy, policy::today_days_utc(), result.report.findings);
  return result;
}

}  // namespace tcg::lint
