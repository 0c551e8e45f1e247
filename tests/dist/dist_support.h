#pragma once
// Helpers for the packaging tests: the .deb built once per build folder and unpacked, an
// environment free of the developer's own policy, and the man page as plain text.
#include <string>

#include "support/cli_runner.h"

namespace tcg::test {

struct UnpackedPackage {
  std::string error;  // why the package could not be built or unpacked ("" = fine)
  std::string deb;    // the .deb file
  std::string root;   // where it was unpacked (dpkg-deb -x)
  std::string binary() const { return root + "/usr/bin/tcguard"; }
};

// Runs cpack in TCGUARD_BUILD_DIR (output under TCGUARD_BUILD_DIR/test-dist-package) unless the
// package there is still current; ctest runs each test as its own process, so the result is
// reused across processes, under a file lock.
const UnpackedPackage& unpacked_package();

// No policy but the embedded default: no $TCGUARD_POLICY, no user policy, a cwd without .tcguard.yaml.
RunOptions isolated();

// The man page (roff, optionally gzipped) rendered to plain text with groff, unhyphenated.
std::string render_man_page(const std::string& path);

}  // namespace tcg::test
