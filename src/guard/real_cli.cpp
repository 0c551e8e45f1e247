#include "guard/real_cli.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace tcg::guard {

namespace {

std::string canonical(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf)) return buf;
  return "";
}

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

bool exec_loop_detected(const Getenv& getenv) {
  auto depth = getenv(kExecMarker);
  return depth && std::atoi(depth->c_str()) > 0;
}

std::string self_executable() { return canonical("/proc/self/exe"); }

Result<std::string> find_real_cli(const Getenv& getenv, const std::string& self) {
  if (auto explicit_path = getenv("TCGUARD_TASKCLUSTER")) {
    if (!is_executable_file(*explicit_path))
      return Error{"TCGUARD_TASKCLUSTER=" + *explicit_path + " is not an executable file", {}};
    if (!self.empty() && canonical(*explicit_path) == self)
      return Error{"TCGUARD_TASKCLUSTER=" + *explicit_path +
                       " is tcguard itself; point it at the real taskcluster CLI",
                   {}};
    return *explicit_path;
  }
  std::string path = getenv("PATH").value_or("");
  std::string_view rest = path;
  while (true) {
    auto colon = rest.find(':');
    std::string_view dir = rest.substr(0, colon);
    if (dir.empty()) dir = ".";  // an empty PATH entry is the current folder
    std::string candidate;
    candidate.reserve(dir.size() + 12);
    candidate.append(dir).append("/taskcluster");
    if (is_executable_file(candidate)) {
      std::string real = canonical(candidate);
      if (self.empty() || real != self) return candidate;
    }
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return Error{"no real taskcluster CLI found: every `taskcluster` on PATH is tcguard itself (or there is none). "
               "Install the Taskcluster CLI in a folder later on PATH, or set TCGUARD_TASKCLUSTER to its path",
               {}};
}

Error exec_real_cli(const std::string& path, const std::vector<std::string>& argv) {
  const char* depth_text = std::getenv(kExecMarker);
  int depth = depth_text ? std::atoi(depth_text) : 0;
  std::string next = std::to_string(depth + 1);
  ::setenv(kExecMarker, next.c_str(), 1);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(path.c_str(), args.data());
  int err = errno;
  return Error{"cannot run " + path + ": " + std::strerror(err), {}};
}

}  // namespace tcg::guard
