// The program's entry point, called by the launcher (src/main.cpp) after it loads
// libtcguard-program.so. The only symbol the library exports.
#include <exception>
#include <iostream>

#include "cli/app.h"
#include "cli/common.h"

extern "C" __attribute__((visibility("default"))) int tcguard_program_main(int argc, char** argv) {
  // Commands report errors as results; an exception reaching here is a failure nothing expected
  // (e.g. libcrypto missing while signing). Nothing has been run: stop, with the reason.
  try {
    return tcg::cli::main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "tcguard: internal error: " << e.what() << "; nothing was run\n";
    return tcg::cli::kExitUsage;
  }
}
