#include "dist_support.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tcg::test {

namespace fs = std::filesystem;

namespace {

const std::string kBuildDir = TCGUARD_BUILD_DIR;

std::string stamp_of(const std::vector<fs::path>& inputs) {
  std::ostringstream stamp;
  for (const auto& p : inputs) {
    std::error_code ec;
    auto time = fs::last_write_time(p, ec);
    stamp << p.string() << ' ' << (ec ? -1 : time.time_since_epoch().count()) << '\n';
  }
  return stamp.str();
}

class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_CREAT | O_RDWR, 0644)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

std::string find_deb(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".deb") return entry.path().string();
  return "";
}

UnpackedPackage build_package() {
  UnpackedPackage pkg;
  const fs::path work = fs::path(kBuildDir) / "test-dist-package";
  fs::create_directories(work);
  FileLock lock((work / "lock").string());

  // The man page is an ALL target; build it if only the test programs were built.
  const fs::path man = fs::path(kBuildDir) / "man" / "tcguard.1.gz";
  if (!fs::exists(man) || fs::last_write_time(man) < fs::last_write_time(tcguard_binary())) {
    auto built = run({"cmake", "--build", kBuildDir, "--target", "tcguard_man"});
    if (built.exit_code != 0) {
      pkg.error = "building the man page failed:\n" + built.out + built.err;
      return pkg;
    }
  }

  const std::vector<fs::path> inputs = {
      // The launcher and the program it loads (which holds the version): either can change alone.
      tcguard_binary(), fs::path(kBuildDir) / "libtcguard-program.so", man, fs::path(kBuildDir) / "CPackConfig.cmake",
      source_path("completions/tcguard.bash"), source_path("completions/_tcguard"),
      source_path("completions/tcguard.fish"), source_path("policies/default.yaml")};
  const std::string stamp = stamp_of(inputs);
  const fs::path stamp_file = work / "stamp";
  pkg.root = (work / "root").string();
  pkg.deb = find_deb(work / "out");
  if (!pkg.deb.empty() && fs::exists(stamp_file) && read_file(stamp_file.string()) == stamp &&
      fs::exists(pkg.binary())) {
    return pkg;
  }

  fs::remove_all(work / "out");
  fs::remove_all(work / "root");
  fs::remove(stamp_file);
  RunOptions in_build_dir;
  in_build_dir.cwd = kBuildDir;
  auto cpack = run({"cpack", "-G", "DEB", "-B", (work / "out").string(), "--config",
                    kBuildDir + "/CPackConfig.cmake"},
                   in_build_dir);
  pkg.deb = find_deb(work / "out");
  if (cpack.exit_code != 0 || pkg.deb.empty()) {
    pkg.error = "cpack failed (" + std::to_string(cpack.exit_code) + "):\n" + cpack.out + cpack.err;
    return pkg;
  }
  auto unpack = run({"dpkg-deb", "-x", pkg.deb, pkg.root});
  if (unpack.exit_code != 0) {
    pkg.error = "dpkg-deb -x failed:\n" + unpack.err;
    return pkg;
  }
  std::ofstream(stamp_file) << stamp;
  return pkg;
}

}  // namespace

const UnpackedPackage& unpacked_package() {
  static const UnpackedPackage pkg = build_package();
  return pkg;
}

RunOptions isolated() {
  static TempDir home;
  RunOptions options;
  options.env_unset = {"TCGUARD_POLICY", "NO_COLOR"};
  options.env_set = {{"HOME", home.path()}, {"XDG_CONFIG_HOME", home.path() + "/config"},
                     {"XDG_STATE_HOME", home.path() + "/state"}};
  options.cwd = home.path();
  return options;
}

std::string render_man_page(const std::string& path) {
  // -rHY=0: no hyphenation, -rLL: wide lines, so words and option names stay whole.
  auto rendered = run({"bash", "-c", "zcat -f \"$1\" | groff -man -Tascii -rHY=0 -rLL=250n -P-cbou", "bash", path});
  return rendered.exit_code == 0 ? rendered.out : "";
}

}  // namespace tcg::test
