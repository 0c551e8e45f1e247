// What reading a folder of small files costs before any linting: lint's walk (walk_folder) and
// then an open, reads and a close per file, the system calls lint's own reading makes. The folder
// has the shape of bench/lint_corpus.sh's mixed set: 837 files of about 1.25 KB in 237 folders.
// This is the floor under `tcguard lint` of such a set on the machine it runs on.
#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "lint/file_walk.h"

namespace {

namespace fs = std::filesystem;

const std::string& corpus_folder() {
  static const std::string folder = [] {
    std::string dir = (fs::temp_directory_path() / ("tcguard-bench-files-" + std::to_string(::getpid()))).string();
    const std::string line = "alias tc-x='taskcluster signin --expires 15m -s queue:rerun-task:*'\n";
    std::string text;
    while (text.size() < 1250) text += line;
    for (int f = 0; f < 837; ++f) {
      fs::path sub = fs::path(dir) / ("d" + std::to_string(f % 237));
      fs::create_directories(sub);
      std::ofstream(sub / ("f" + std::to_string(f) + ".sh")) << text;
    }
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(corpus_folder(), ec);
    });
    return dir;
  }();
  return folder;
}

void BM_WalkFolder(benchmark::State& state) {
  const std::string& dir = corpus_folder();
  size_t files = 0;
  for (auto _ : state) {
    auto walked = tcg::lint::walk_folder(dir);
    files = walked.files.size();
    benchmark::DoNotOptimize(walked);
  }
  state.counters["files"] = static_cast<double>(files);
}
BENCHMARK(BM_WalkFolder)->Unit(benchmark::kMillisecond);

void BM_WalkFolderAndReadEachFile(benchmark::State& state) {
  const std::string& dir = corpus_folder();
  static char buffer[1 << 16];
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const auto& file : tcg::lint::walk_folder(dir).files) {
      int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      ssize_t n;
      while ((n = ::read(fd, buffer, sizeof buffer)) > 0) bytes += static_cast<size_t>(n);
      ::close(fd);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_WalkFolderAndReadEachFile)->Unit(benchmark::kMillisecond);

}  // namespace
