#pragma once
// A reference implementation from the npm registry, for the differential tests: installed once per
// build folder (under a lock, as ctest may run cases in parallel). A test may skip, loudly, only
// when the registry cannot be reached; any other failure to install fails it.
#include <string>

namespace tcg::test {

struct NpmPackage {
  bool ready = false;
  bool registry_unreachable = false;
  std::string problem;  // why it is not ready
  std::string modules;  // the node_modules folder it is in
};

// `spec` as npm takes it ("json-e@4.8.4"), `name` the package's folder under node_modules,
// installed into TCGUARD_BUILD_DIR/`folder`.
const NpmPackage& npm_package(const std::string& folder, const std::string& spec, const std::string& name);

}  // namespace tcg::test

// In a test: skip (saying loudly what was not compared) when the registry is unreachable, fail when
// the package could not be installed for any other reason.
#define REQUIRE_NPM_PACKAGE(package, not_compared)                                                       \
  do {                                                                                                   \
    const ::tcg::test::NpmPackage& npm_ = (package);                                                     \
    if (!npm_.ready && npm_.registry_unreachable)                                                        \
      GTEST_SKIP() << "\n*** SKIPPED: the npm registry is unreachable; " << (not_compared) << " ***\n"   \
                   << npm_.problem;                                                                      \
    ASSERT_TRUE(npm_.ready) << npm_.problem;                                                             \
  } while (0)
