#include "support/npm_package.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <mutex>

#include "support/cli_runner.h"

namespace tcg::test {

const NpmPackage& npm_package(const std::string& folder, const std::string& spec, const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, NpmPackage> installed;
  std::lock_guard<std::mutex> guard(mutex);
  auto found = installed.find(spec);
  if (found != installed.end()) return found->second;

  namespace fs = std::filesystem;
  NpmPackage p;
  const std::string prefix = std::string(TCGUARD_BUILD_DIR) + "/" + folder;
  p.modules = prefix + "/node_modules";
  const std::string marker = p.modules + "/" + name + "/package.json";
  fs::create_directories(prefix);
  const int lock = ::open((prefix + "/.lock").c_str(), O_CREAT | O_RDWR, 0644);
  if (lock >= 0) ::flock(lock, LOCK_EX);
  if (!fs::exists(marker)) {
    RunResult r = run({"npm", "install", "--no-audit", "--no-fund", "--prefix", prefix, spec});
    if (r.exit_code != 0) {
      p.problem = "npm install " + spec + " failed (exit " + std::to_string(r.exit_code) + "):\n" + r.out + r.err;
      p.registry_unreachable = run({"npm", "ping"}).exit_code != 0;
    }
  }
  if (lock >= 0) ::close(lock);
  p.ready = p.problem.empty() && fs::exists(marker);
  if (!p.ready && p.problem.empty()) p.problem = "npm install left no " + marker;
  return installed.emplace(spec, std::move(p)).first->second;
}

}  // namespace tcg::test
