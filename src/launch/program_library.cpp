#include "launch/program_library.h"

#include <cstdio>
#include <string>
#include <vector>

#include "guard/real_cli.h"
#include "util/shared_library.h"

#ifndef TCGUARD_PROGRAM_FILE
#define TCGUARD_PROGRAM_FILE "libtcguard-program.so"
#endif
#ifndef TCGUARD_PROGRAM_FROM_BIN
#define TCGUARD_PROGRAM_FROM_BIN "../lib/tcguard"
#endif

namespace tcg::launch {

namespace {

using ProgramMain = int (*)(int, char**);

std::vector<std::string> candidate_paths(const std::string& self) {
  std::string folder = self.substr(0, self.rfind('/') + 1);
  return {folder + TCGUARD_PROGRAM_FILE, folder + TCGUARD_PROGRAM_FROM_BIN "/" TCGUARD_PROGRAM_FILE};
}

bool readable_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return false;
  std::fclose(file);
  return true;
}

}  // namespace

int run_program(int argc, char** argv) {
  std::string self = guard::self_executable();
  std::vector<std::string> candidates = candidate_paths(self);
  std::string tried;
  for (const std::string& path : candidates) {
    if (!readable_file(path)) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    auto handle = open_shared_library(path.c_str(), "tcguard");
    if (!handle) {
      std::fprintf(stderr, "tcguard: %s; nothing was run\n", handle.error().message.c_str());
      return 2;
    }
    ProgramMain entry = nullptr;
    if (Status bound = bind_shared_library_function(*handle, path.c_str(), kProgramEntry, entry); !bound) {
      std::fprintf(stderr, "tcguard: %s; nothing was run\n", bound.error().message.c_str());
      return 2;
    }
    return entry(argc, argv);
  }
  std::fprintf(stderr,
               "tcguard: the program library %s is missing (looked for %s); reinstall tcguard. Nothing was run\n",
               TCGUARD_PROGRAM_FILE, tried.c_str());
  return 2;
}

}  // namespace tcg::launch
