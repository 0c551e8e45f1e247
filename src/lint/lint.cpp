#include "lint/lint.h"

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
#include "judge/judge.h"
#include "lint/file_walk.h"
#include "rules/request_checks.h"
#include "shell/analysis.h"
#include "tccli/signin_args.h"

namespace tcg::lint {

namespace fs = std::filesystem;

namespace {

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

namespace {

judge::Judgement judge_text(std::string_view text, const std::string& file, const policy::Policy& policy) {
  shell::Analysis analysis = shell::analyze(text, file);
  judge::Subject subject;
  subject.shell = &analysis;
  subject.unknown_lifetime_fails = true;
  subject.signins.reserve(analysis.signins.size());
  for (const auto& call : analysis.signins) {
    SigninRequest r = tccli::parse_signin_args(call.args).request;
    r.where = call.where;
    r.context = call.context;
    r.root_url = call.root_url;
    rules::resolve_cluster(policy, r);
    subject.signins.push_back(std::move(r));
  }
  return judge::judge(policy, subject);
}

}  // namespace

Report lint_text(std::string_view text, const std::string& file, const policy::Policy& policy) {
  return judge_text(text, file, policy).report;
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
  std::vector<std::vector<size_t>> used_exceptions(inputs.size());
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
      if (!in.path.empty() && !read_file(in.path, text)) {
        errors[i] = Error{"cannot read file", SourceLocation{in.display, 0, 0}};
      } else {
        auto judged = judge_text(in.path.empty() ? std::string_view(in.text) : std::string_view(text), in.display, policy);
        reports[i] = std::move(judged.report);
        used_exceptions[i] = std::move(judged.used_exceptions);
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
  // Each file's judgement reports a lapsed exception it used; the run reports it once, last.
  auto& all = result.report.findings;
  auto lapsed = std::stable_partition(all.begin(), all.end(), [](const Finding& f) { return f.rule != "expired-exception"; });
  std::vector<Finding> expired(std::make_move_iterator(lapsed), std::make_move_iterator(all.end()));
  all.erase(lapsed, all.end());
  for (auto& f : expired) {
    bool seen = std::any_of(all.begin(), all.end(), [&](const Finding& g) {
      return g.rule == f.rule && g.where.str() == f.where.str() && g.message == f.message;
    });
    if (!seen) all.push_back(std::move(f));
  }
  // Unused means unused in every file of the run, so only the whole run can tell.
  if (options.report_unused_exceptions) {
    std::vector<bool> used(policy.exceptions.size(), false);
    for (const auto& file_used : used_exceptions)
      for (size_t i : file_used) used[i] = true;
    for (auto& note : policy::unused_exception_findings(policy, used)) {
      note.where.file = display_name(note.where.file);  // the policy file, named as linted files are
      all.push_back(std::move(note));
    }
  }
  return result;
}

}  // namespace tcg::lint
