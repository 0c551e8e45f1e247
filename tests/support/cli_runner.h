#pragma once
// Runs a program (by default the built tcguard) as a child process and captures what it printed.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tcg::test {

struct RunResult {
  int exit_code = -1;   // 128+N when killed by signal N
  std::string out;
  std::string err;
};

struct RunOptions {
  std::map<std::string, std::string> env_set;  // added or overridden
  std::vector<std::string> env_unset;          // removed (applied before env_set)
  bool clean_env = false;                      // start from an empty environment (PATH kept)
  std::optional<std::string> stdin_text;       // nullopt: /dev/null
  std::string cwd;                             // "" = the current folder
};

// argv[0] is the program; a bare "tcguard" means the built binary.
RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});
RunResult run_tcguard(const std::vector<std::string>& args, const RunOptions& options = {});

std::string source_path(const std::string& relative);  // TCGUARD_SOURCE_DIR + "/" + relative
std::string tcguard_binary();

// A fresh folder under $TMPDIR, removed with its contents when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `content` to path()/relative (creating folders) and returns the full path.
  std::string write(const std::string& relative, const std::string& content, bool executable = false) const;

 private:
  std::string path_;
};

std::string read_file(const std::string& path);

}  // namespace tcg::test
