#include "guard/audit.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string_view>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

namespace tcg::guard {

std::string audit_log_path(const Getenv& getenv) {
  if (auto p = getenv("TCGUARD_AUDIT_LOG")) return *p;
  if (auto s = getenv("XDG_STATE_HOME")) return *s + "/tcguard/audit.jsonl";
  if (auto h = getenv("HOME")) return *h + "/.local/state/tcguard/audit.jsonl";
  return "";
}

namespace {

// Writes the shell's special characters as \u00XX. nlohmann's output has them only inside
// strings (never in its structure or escapes), so replacing them everywhere keeps the JSON.
std::string shell_inert(const std::string& json) {
  static constexpr std::string_view kSpecial = "$`();|&<>'";
  std::string out;
  out.reserve(json.size() + 16);
  for (char c : json) {
    if (kSpecial.find(c) == std::string_view::npos) {
      out.push_back(c);
      continue;
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
    out += buf;
  }
  return out;
}

}  // namespace

std::string audit_line(const AuditRecord& r) {
  nlohmann::ordered_json j;
  j["time"] = redact_text(r.time);
  j["user"] = redact_text(r.user);
  if (!r.client_id.empty()) j["client_id"] = redact_text(r.client_id);
  j["cluster"] = redact_text(r.cluster);
  j["root_url"] = redact_text(r.root_url);
  j["production"] = r.production;
  j["command"] = redact_text(r.command);
  if (!r.target.empty()) j["target"] = redact_text(r.target);
  j["argv"] = redact_argv(r.argv);
  j["decision"] = redact_text(r.decision);
  if (!r.confirmed_by.empty()) j["confirmed_by"] = redact_text(r.confirmed_by);
  std::vector<std::string> rules;
  for (const auto& id : r.rules) rules.push_back(redact_text(id));
  j["rules"] = rules;
  if (!r.reason.empty()) j["reason"] = redact_text(r.reason);
  if (!r.hook_id.empty()) j["hook_id"] = redact_text(r.hook_id);
  if (!r.action_task_id.empty()) j["action_task_id"] = redact_text(r.action_task_id);
  // Invalid UTF-8 in argv is replaced rather than throwing: the line must always be written.
  return shell_inert(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

namespace {

// Creates each missing folder of `dir` with mode 0700 (create_directories would use 0777 & umask
// for all but the last).
Status make_private_dirs(const std::filesystem::path& dir) {
  if (dir.empty()) return Ok{};
  std::filesystem::path so_far;
  for (const auto& part : dir) {
    so_far /= part;
    if (::mkdir(so_far.c_str(), 0700) == 0 || errno == EEXIST) continue;
    return Error{"cannot create " + so_far.string() + ": " + std::strerror(errno), {}};
  }
  return Ok{};
}

}  // namespace

Status append_audit_line(const std::string& path, const std::string& line) {
  if (path.empty()) return Error{"no audit log location (set TCGUARD_AUDIT_LOG, XDG_STATE_HOME or HOME)", {}};
  if (Status s = make_private_dirs(std::filesystem::path(path).parent_path()); !s) return s;
  // O_NOFOLLOW: a planted symlink (to ~/.bashrc, say) is refused, not appended to. O_NONBLOCK:
  // a planted FIFO fails at once instead of hanging; it changes nothing for a regular file.
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK, 0600);
  if (fd < 0) {
    int err = errno;
    if (err == ELOOP) return Error{"cannot open " + path + ": it is a symbolic link (the audit log must be a regular file)", {}};
    return Error{"cannot open " + path + ": " + std::strerror(err), {}};
  }
  struct stat st {};
  std::string refused;
  if (::fstat(fd, &st) != 0) refused = std::string("cannot stat it: ") + std::strerror(errno);
  else if (!S_ISREG(st.st_mode)) refused = "it is not a regular file";
  else if (st.st_uid != ::geteuid()) refused = "it is not owned by this user (uid " + std::to_string(::geteuid()) + ")";
  else if (st.st_nlink != 1) refused = "it has " + std::to_string(st.st_nlink) + " hard links (it must have one)";
  if (!refused.empty()) {
    ::close(fd);
    return Error{"refusing to write " + path + ": " + refused, {}};
  }
  ::flock(fd, LOCK_EX);  // best effort: O_APPEND already keeps single writes whole
  ssize_t n;
  do {
    n = ::write(fd, line.data(), line.size());
  } while (n < 0 && errno == EINTR);
  int err = errno;
  ::flock(fd, LOCK_UN);
  // A late error (a full disk on some file systems) shows at close.
  int closed = ::close(fd);
  int close_err = errno;
  if (n < 0) return Error{"cannot write " + path + ": " + std::strerror(err), {}};
  if (static_cast<size_t>(n) != line.size()) return Error{"short write to " + path, {}};
  if (closed != 0) return Error{"cannot write " + path + ": " + std::strerror(close_err), {}};
  return Ok{};
}

namespace {

const re2::RE2& key_value_pattern() {
  // key = value, key: value, "key": "value" where the key names a credential. A value that opens
  // an object or array is left to the words inside it (a secrets payload keeps its keys).
  static const re2::RE2 re(
      R"re((?i)((?:access[_-]?token|accesstoken|token|secret|password|passwd|certificate)["']?\s*[:=]\s*["']?)([^"'\s,{}\[\]&][^"'\s,}&]*))re");
  return re;
}

const re2::RE2& suffixed_key_pattern() {
  // A key that starts with a credential word (SECRET_ACCESS_KEY=..., "secretKey": "..."), with `=`
  // or a quoted key's colon: a bare colon would take scopes (`secrets:get:...`) for key/value.
  static const re2::RE2 re(
      R"re((?i)((?:token|secret|password|passwd)[A-Za-z0-9_]*(?:["']\s*:|\s*=)\s*["']?)([^"'\s,{}\[\]&][^"'\s,}&]*))re");
  return re;
}

bool is_base64url(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }
bool is_base64(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/'; }

bool mixes_classes(std::string_view run) {
  bool upper = false, lower = false, digit = false;
  for (char ch : run) {
    unsigned char c = static_cast<unsigned char>(ch);
    upper |= std::isupper(c) != 0;
    lower |= std::islower(c) != 0;
    digit |= std::isdigit(c) != 0;
  }
  return upper && lower && digit;
}

// Replaces each maximal run of `in_run` characters that `secret` accepts.
template <class InRun, class Secret>
std::string redact_runs(const std::string& word, InRun in_run, Secret secret) {
  std::string out;
  size_t i = 0;
  while (i < word.size()) {
    if (!in_run(word[i])) {
      out.push_back(word[i++]);
      continue;
    }
    size_t j = i;
    while (j < word.size() && in_run(word[j])) ++j;
    std::string_view run(word.data() + i, j - i);
    if (secret(run)) {
      out += "<redacted>";
      while (j < word.size() && word[j] == '=') ++j;  // base64 padding
    } else {
      out.append(run);
    }
    i = j;
  }
  return out;
}

// Taskcluster access tokens are 44 random base64url characters; taskIds (22) stay visible, and so
// do long names without the mix of upper case, lower case and digits that random text has.
std::string redact_random_runs(const std::string& word) {
  return redact_runs(word, is_base64url, [](std::string_view run) { return run.size() >= 40 && mixes_classes(run); });
}

// Standard base64 with `/` or `+` (an AWS secret access key is 40 of them). A path or URL starts
// with `/` (or has `//`), and `-`, `_` and `.` end a run, so most paths never get this long.
std::string redact_base64_runs(const std::string& word) {
  return redact_runs(word, is_base64, [](std::string_view run) {
    return run.size() >= 40 && run.find_first_of("/+") != std::string_view::npos && run.front() != '/' &&
           run.find("//") == std::string_view::npos && mixes_classes(run);
  });
}

// A JSON value with every leaf replaced by "<redacted>": only the keys remain.
nlohmann::json keys_only(const nlohmann::json& v) {
  if (v.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = v.begin(); it != v.end(); ++it) out[redact_text(it.key())] = keys_only(it.value());
    return out;
  }
  if (v.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : v) out.push_back(keys_only(e));
    return out;
  }
  return "<redacted>";
}

// A secret payload by its keys only; anything that is not a JSON object or array goes entirely.
std::string payload_keys_only(const std::string& text) {
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !(parsed.is_object() || parsed.is_array())) return "<redacted>";
  return keys_only(parsed).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string redact_text(const std::string& text) {
  std::string out = text;
  re2::RE2::GlobalReplace(&out, key_value_pattern(), "\\1<redacted>");
  re2::RE2::GlobalReplace(&out, suffixed_key_pattern(), "\\1<redacted>");
  out = redact_base64_runs(out);
  return redact_random_runs(out);
}

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
  // `api secrets set NAME PAYLOAD`: the first word after `set` is the secret's name; every other
  // word after it is kept by its keys only. Found as a subsequence, so a flag value in between
  // can only make more of the line go, never less.
  for (size_t w = 0; w + 2 < words.size(); ++w) {
    if (words[w] != "api" || words[w + 1] != "secrets" || words[w + 2] != "set") continue;
    for (size_t k = w + 4; k < words.size(); ++k) out[index[k]] = payload_keys_only(words[k]);
    if (w + 3 < words.size() && !words[w + 3].empty() && (words[w + 3][0] == '{' || words[w + 3][0] == '['))
      out[index[w + 3]] = payload_keys_only(words[w + 3]);  // no name: this is the payload
    for (size_t i = index[w + 2] + 1; i < out.size(); ++i) {
      auto eq = out[i].find('=');
      if (out[i].rfind("-", 0) == 0 && eq != std::string::npos) out[i] = out[i].substr(0, eq + 1) + "<redacted>";
    }
    break;
  }
  for (size_t i = 1; i < out.size(); ++i) out[i] = redact_text(out[i]);
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
