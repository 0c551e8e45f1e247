#include "lint/lint.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <mutex>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <fnmatch.h>
#include <sched.h>
#include <unistd.h>

#include "lint/display_name.h"
#include "lint/doc_blocks.h"
#include "judge/judge.h"
#include "lint/file_walk.h"
#include "rules/request_checks.h"
#include "shell/analysis.h"
#include "tccli/signin_args.h"

namespace tcg::lint {

namespace fs = std::filesystem;

namespace {

// Reads a whole file into `text` (reused between files: one per worker). Plain read(2), one open,
// two reads and a close per file, into a buffer each thread keeps (not zeroed, unlike a string's
// resize): a walk's small files cost no stat and no allocation.
bool read_file(const std::string& path, std::string& text) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  thread_local std::unique_ptr<char[]> buffer;
  thread_local size_t capacity = 0;
  if (!buffer) buffer.reset(new char[capacity = 64 * 1024]);
  size_t used = 0;
  bool ok = true;
  for (;;) {
    if (used == capacity) {
      std::unique_ptr<char[]> larger(new char[2 * capacity]);
      std::memcpy(larger.get(), buffer.get(), used);
      buffer = std::move(larger);
      capacity *= 2;
    }
    ssize_t n = ::read(fd, buffer.get() + used, capacity - used);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      break;
    }
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  text.assign(buffer.get(), used);
  return ok;
}

// The processors this process may run on (taskset, cgroup cpusets), not the machine's count:
// two workers sharing one processor only add switches and a second malloc arena.
unsigned usable_processors() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

// Git's test for a binary file: a NUL byte near the start. Shell text never holds one.
bool looks_binary(std::string_view text) {
  return text.substr(0, 8000).find('\0') != std::string_view::npos;
}

bool is_token_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '+' || c == '/' || c == '=';
}

// A snippet must never print a secret, and the token check cannot know every way one is written:
// a line that names a token, a secret or a certificate, or holds a long random-looking word (an
// access token is 44 base64 characters), is not shown.
bool may_hold_secret(std::string_view line) {
  std::string lower(line);
  for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (std::string_view word : {"token", "secret", "certificate", "password", "passwd", "credential"})
    if (lower.find(word) != std::string::npos) return true;
  for (size_t i = 0; i < line.size();) {
    size_t j = i;
    bool upper = false, low = false, digit = false;
    for (; j < line.size() && is_token_char(line[j]); ++j) {
      upper |= line[j] >= 'A' && line[j] <= 'Z';
      low |= line[j] >= 'a' && line[j] <= 'z';
      digit |= line[j] >= '0' && line[j] <= '9';
    }
    if (j - i >= 24 && upper && low && digit) return true;
    i = j + 1;
  }
  return false;
}

constexpr size_t kMaxSnippetSource = 4096;

// Gives each finding in `file` the line it points at, for the text snippet. A file in which a
// literal token was found shows no lines at all.
void attach_source_lines(Report& report, std::string_view text, const std::string& file) {
  for (const auto& f : report.findings)
    if (f.rule == "hardcoded-access-token") return;
  std::vector<size_t> starts;  // built on the first finding that needs it
  for (auto& f : report.findings) {
    if (f.where.file != file || f.where.line <= 0) continue;
    if (starts.empty()) {
      starts.push_back(0);
      for (size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') starts.push_back(i + 1);
    }
    auto n = static_cast<size_t>(f.where.line);
    if (n > starts.size() || starts[n - 1] > text.size()) continue;
    std::string_view line = text.substr(starts[n - 1]);
    line = line.substr(0, line.find('\n'));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Past 4 KiB a line is generated or minified, not read by people: no copy per finding of it.
    if (line.size() <= kMaxSnippetSource && !may_hold_secret(line)) f.source_line = std::string(line);
  }
}

bool glob_matches(const std::string& glob, const fs::path& relative) {
  std::string subject = glob.find('/') == std::string::npos ? relative.filename().string() : relative.generic_string();
  return ::fnmatch(glob.c_str(), subject.c_str(), 0) == 0;
}

// --include/--exclude on a file found by walking `folder`.
bool walk_keeps(const LintOptions& o, const std::string& folder, const std::string& file) {
  if (o.include.empty() && o.exclude.empty()) return true;  // no relative path to build per file
  fs::path relative = fs::path(file).lexically_relative(folder);
  auto any = [&](const std::vector<std::string>& globs) {
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_matches(g, relative); });
  };
  return (o.include.empty() || any(o.include)) && !any(o.exclude);
}

}  // namespace

namespace {

// The file's name says whether it is shell or a doc (Markdown, RST, plain text, dotenv); a doc is
// linted through its shell view, whose line:column are the doc's own (doc_blocks.h).
DocKind kind_of_path(std::string_view path) {
  auto slash = path.rfind('/');  // the name without building an fs::path per file
  return doc_kind_of_name(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// `path`: where the file is, for choosing its kind and dialect by name (`file` is the name shown).
judge::Judgement judge_text(std::string_view text, const std::string& file, const policy::Policy& policy,
                            std::optional<shell::Dialect> shell, std::string_view path, bool follow_every_call) {
  std::string view;
  DocKind kind = kind_of_path(path);
  if (kind != DocKind::Shell) {
    view = shell_view(text, kind);
    text = view;
  }
  shell::Dialect dialect = shell ? *shell : shell::detect_dialect(path, text);
  shell::Analysis analysis = shell::analyze(text, file, dialect, follow_every_call);
  shell::set_aside_non_signins(analysis);  // what the CLI rejects, --help, --check: no request
  judge::Subject subject;
  subject.shell = &analysis;
  subject.unknown_lifetime_fails = true;
  subject.signins.reserve(analysis.signins.size());
  for (const auto& call : analysis.signins) {
    SigninRequest r = call.parsed().request;
    r.where = call.called_at.value_or(call.where);
    if (call.called_at) r.written_at = call.where;
    r.context = call.context;
    r.root_url = call.root_url;
    rules::resolve_cluster(policy, r);
    subject.signins.push_back(std::move(r));
  }
  return judge::judge(policy, subject);
}

}  // namespace

Report lint_text(std::string_view text, const std::string& file, const policy::Policy& policy,
                 std::optional<shell::Dialect> shell, bool follow_every_call) {
  return judge_text(text, file, policy, shell, file, follow_every_call).report;
}

LintResult lint_paths(const std::vector<std::string>& paths, const policy::Policy& policy,
                      const std::string& base_dir, const LintOptions& options) {
  LintResult result;
  Report& report = result.report;
  report.files.emplace();
  struct Input {
    std::string path;     // to read ("" for stdin)
    std::string display;  // in findings
    std::string text;     // stdin's content
    bool named = false;   // given on the command line (an unreadable one is an input error)
    size_t origin = 0;    // index into `paths`
  };
  std::vector<Input> inputs;
  std::vector<bool> is_folder(paths.size(), false);
  DisplayNames display_name(base_dir);
  for (size_t k = 0; k < paths.size(); ++k) {
    const std::string& p = paths[k];
    if (p == "-") {
      std::ostringstream ss;
      ss << std::cin.rdbuf();
      inputs.push_back(Input{"", "<stdin>", ss.str(), true, k});
      continue;
    }
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      // The other paths are still linted and reported: a CI upload step needs the report.
      report.problems.push_back(InputProblem{Severity::Error, "no such file or folder", p});
      continue;
    }
    if (fs::is_directory(status)) {
      is_folder[k] = true;
      WalkResult walked = walk_folder(p);
      for (auto& e : walked.problems) report.problems.push_back(InputProblem{Severity::Warning, e.message, e.where.file});
      for (auto& f : walked.files)
        if (walk_keeps(options, p, f)) inputs.push_back(Input{f, display_name(f), "", false, k});
    } else {
      inputs.push_back(Input{p, display_name(p), "", true, k});
    }
  }

  std::vector<Report> reports(inputs.size());
  std::vector<std::vector<size_t>> used_exceptions(inputs.size());
  std::vector<std::optional<Error>> errors(inputs.size());
  std::vector<char> binary(inputs.size(), 0);  // not a vector<bool>: workers write it side by side
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex progress_mutex;
  std::error_code cwd_error;
  const std::string cwd = fs::current_path(cwd_error).string();  // once, not per file
  auto worker = [&] {
    std::string text;
    for (;;) {
      size_t i = next.fetch_add(1);
      if (i >= inputs.size()) return;
      Input& in = inputs[i];
      bool read = in.path.empty() || read_file(in.path, text);
      std::string_view content = in.path.empty() ? std::string_view(in.text) : std::string_view(text);
      if (!read) {
        errors[i] = Error{"cannot read file", SourceLocation{in.display, 0, 0}};
      } else if (looks_binary(content)) {
        binary[i] = 1;
      } else {
        // The absolute path, for a dialect the folder names (`cd zshrc.d && tcguard lint x.sh`).
        std::string where = in.path.empty() || in.path.front() == '/' || cwd.empty() ? in.path : cwd + "/" + in.path;
        auto judged = judge_text(content, in.display, policy, options.shell, where, options.follow_every_call);
        reports[i] = std::move(judged.report);
        used_exceptions[i] = std::move(judged.used_exceptions);
        if (options.source_lines) attach_source_lines(reports[i], content, in.display);
      }
      size_t n = ++done;
      if (options.progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        options.progress(n, inputs.size());
      }
    }
  };
  unsigned threads = options.threads ? options.threads : usable_processors();
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
  std::vector<size_t> checked(paths.size(), 0);  // per path given: files judged
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (errors[i]) {
      report.problems.push_back(InputProblem{inputs[i].named ? Severity::Error : Severity::Warning,
                                             errors[i]->message, errors[i]->where.file});
      continue;
    }
    if (binary[i]) {
      if (inputs[i].named)
        report.problems.push_back(InputProblem{Severity::Error, "a binary file, not shell text: nothing to lint",
                                               inputs[i].display});
      continue;
    }
    ++checked[inputs[i].origin];
    report.files->push_back(inputs[i].display);
    size_t offset = result.report.requests.size();
    for (auto& r : reports[i].requests) result.report.requests.push_back(std::move(r));
    for (auto& f : reports[i].findings) {
      if (f.request) *f.request += offset;
      result.report.findings.push_back(std::move(f));
    }
  }
  // A folder that gave nothing to lint is a mistake in the command line or the walk, not a pass.
  for (size_t k = 0; k < paths.size(); ++k)
    if (is_folder[k] && checked[k] == 0)
      report.problems.push_back(InputProblem{
          Severity::Error,
          "no shell files in this folder (looked for .sh .bash .zsh .ksh, rc files such as bashrc and "
          ".zshrc, files under zsh/ bash/ shell/ profile.d/, shell shebangs, docs (.md .mdx .markdown .rst "
          ".txt) and dotenv files; binary files and what --include/--exclude leave out are not linted)",
          paths[k]});
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
  result.input_error = report.any_input_error();
  return result;
}

}  // namespace tcg::lint
