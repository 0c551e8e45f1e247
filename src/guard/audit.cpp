#include "guard/audit.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

namespace tcg::guard {

std::string audit_log_path(const Getenv& getenv) {
  if (auto p = getenv("TCGUARD_AUDIT_LOG")) return *p;
  if (auto s = getenv("XDG_STATE_HOME")) return *s + "/tcguard/audit.jsonl";
  if (auto h = getenv("HOME")) return *h + "/.local/state/tcguard/audit.jsonl";
  return "";
}

std::string audit_line(const AuditRecord& r) {
  nlohmann::ordered_json j;
  j["time"] = r.time;
  j["user"] = r.user;
  if (!r.client_id.empty()) j["client_id"] = r.client_id;
  j["cluster"] = r.cluster;
  j["root_url"] = r.root_url;
  j["production"] = r.production;
  j["command"] = r.command;
  if (!r.target.empty()) j["target"] = r.target;
  j["argv"] = r.argv;
  j["decision"] = r.decision;
  if (!r.confirmed_by.empty()) j["confirmed_by"] = r.confirmed_by;
  j["rules"] = r.rules;
  if (!r.reason.empty()) j["reason"] = r.reason;
  // Invalid UTF-8 in argv is replaced rather than throwing: the line must always be written.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Status append_audit_line(const std::string& path, const std::string& line) {
  if (path.empty()) return Error{"no audit log location (set TCGUARD_AUDIT_LOG, XDG_STATE_HOME or HOME)", {}};
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
    std::filesystem::create_directories(parent, ec);
    if (ec) return Error{"cannot create " + parent.string() + ": " + ec.message(), {}};
    ::chmod(parent.c_str(), 0700);
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error{"cannot open " + path + ": " + std::strerror(errno), {}};
  ::flock(fd, LOCK_EX);  // best effort: O_APPEND already keeps single writes whole
  ssize_t n;
  do {
    n = ::write(fd, line.data(), line.size());
  } while (n < 0 && errno == EINTR);
  int err = errno;
  ::flock(fd, LOCK_UN);
  ::close(fd);
  if (n < 0) return Error{"cannot write " + path + ": " + std::strerror(err), {}};
  if (static_cast<size_t>(n) != line.size()) return Error{"short write to " + path, {}};
  return Ok{};
}

namespace {

const re2::RE2& key_value_pattern() {
  // key = value, key: value, "key": "value" where the key names a credential.
  static const re2::RE2 re(
      R"re((?i)((?:access[_-]?token|accesstoken|token|secret|password|passwd|certificate)["']?\s*[:=]\s*["']?)([^"'\s,}&]+))re");
  return re;
}

bool is_base64url(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

// Taskcluster access tokens are 44 random base64url characters; taskIds (22) stay visible, and so
// do long names without the mix of upper case, lower case and digits that random text has.
std::string redact_random_runs(const std::string& word) {
  std::string out;
  size_t i = 0;
  while (i < word.size()) {
    if (!is_base64url(word[i])) {
      out.push_back(word[i++]);
      continue;
    }
    size_t j = i;
    bool upper = false, lower = false, digit = false;
    for (; j < word.size() && is_base64url(word[j]); ++j) {
      unsigned char c = static_cast<unsigned char>(word[j]);
      upper |= std::isupper(c) != 0;
      lower |= std::islower(c) != 0;
      digit |= std::isdigit(c) != 0;
    }
    if (j - i >= 40 && upper && lower && digit) out += "<redacted>";
    else out.append(word, i, j - i);
    i = j;
  }
  return out;
}

}  // namespace

std::vector<std::string> redact_argv(const std::vector<std::string>& argv) {
  std::vector<std::string> out = argv;
  // Positional secrets of known commands.
  std::vector<std::string> words;  // non-flag words after argv[0], with their index
  std::vector<size_t> index;
  for (size_t i = 1; i < out.size(); ++i) {
    if (!out[i].empty() && out[i][0] == '-') continue;
    words.push_back(out[i]);
    index.push_back(i);
  }
  if (words.size() >= 4 && words[0] == "config" && words[1] == "set") {
    std::string key = words[2];
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key.find("token") != std::string::npos || key.find("certificate") != std::string::npos)
      out[index[3]] = "<redacted>";
  }
  if (words.size() >= 6 && words[0] == "api" && words[1] == "hooks" && words[2] == "triggerHookWithToken")
    out[index[5]] = "<redacted>";
  for (size_t i = 1; i < out.size(); ++i) {
    re2::RE2::GlobalReplace(&out[i], key_value_pattern(), "\\1<redacted>");
    out[i] = redact_random_runs(out[i]);
  }
  return out;
}

std::string utc_timestamp_now() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[80];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}

std::string local_user(const Getenv& getenv) {
  if (auto u = getenv("USER")) return *u;
  if (const passwd* pw = ::getpwuid(::getuid())) return pw->pw_name;
  return std::to_string(::getuid());
}

}  // namespace tcg::guard
