#include "policy/trust.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "util/sha256.h"

namespace tcg::policy {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> nonempty(const Getenv& getenv, const std::string& name) {
  auto v = getenv(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

std::vector<std::string> read_lines(const std::string& store) {
  std::vector<std::string> lines;
  std::ifstream in(store);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

// "<hash> <path>" -> the path part ("" for a malformed line).
std::string_view path_of(std::string_view line) {
  auto space = line.find(' ');
  if (space != 64) return {};
  return line.substr(space + 1);
}

}  // namespace

std::string trust_store_path(const Getenv& getenv) {
  if (auto state = nonempty(getenv, "XDG_STATE_HOME"); state && fs::path(*state).is_absolute())
    return (fs::path(*state) / "tcguard" / "trusted-policies").string();
  if (auto home = nonempty(getenv, "HOME"))
    return (fs::path(*home) / ".local" / "state" / "tcguard" / "trusted-policies").string();
  return "";
}

bool is_trusted(const std::string& store, const std::string& path, std::string_view content) {
  if (store.empty()) return false;
  const std::string wanted = sha256_hex(content) + " " + path;
  for (const auto& line : read_lines(store))
    if (line == wanted) return true;
  return false;
}

Status record_trust(const std::string& store, const std::string& path, std::string_view content) {
  if (store.empty()) return Error{"cannot find where to keep trusted files: set HOME or XDG_STATE_HOME", SourceLocation{}};
  std::error_code ec;
  fs::path dir = fs::path(store).parent_path();
  fs::create_directories(dir, ec);
  if (ec) return Error{"cannot create the folder: " + ec.message(), SourceLocation{dir.string(), 0, 0}};
  ::chmod(dir.c_str(), 0700);
  std::ostringstream text;
  for (const auto& line : read_lines(store))
    if (path_of(line) != path) text << line << "\n";
  text << sha256_hex(content) << " " << path << "\n";
  const std::string body = text.str();
  const std::string temp = store + ".new." + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Error{std::string("cannot write: ") + std::strerror(errno), SourceLocation{temp, 0, 0}};
  size_t done = 0;
  while (done < body.size()) {
    ssize_t n = ::write(fd, body.data() + done, body.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return Error{std::string("cannot write: ") + std::strerror(saved), SourceLocation{temp, 0, 0}};
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0 || ::rename(temp.c_str(), store.c_str()) != 0) {
    int saved = errno;
    ::unlink(temp.c_str());
    return Error{std::string("cannot write: ") + std::strerror(saved), SourceLocation{store, 0, 0}};
  }
  return Ok{};
}

std::string unsafe_policy_file_reason(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return std::string("cannot inspect it: ") + std::strerror(errno);
  if (!S_ISREG(st.st_mode)) return "it is not a regular file";
  if (st.st_uid != ::geteuid()) return "it is owned by uid " + std::to_string(st.st_uid) + ", not by you";
  if (st.st_mode & S_IWOTH) return "other users can write it";
  return "";
}

}  // namespace tcg::policy
