#pragma once
// Loading the program (libtcguard-program.so) from the launcher and handing it the command line.

namespace tcg::launch {

// The name of the program's entry point, `int tcguard_program_main(int argc, char** argv)`.
inline constexpr const char* kProgramEntry = "tcguard_program_main";

// Finds the program beside the launcher (build tree) or in its installed folder, loads it and
// returns what its entry point returns. When it cannot be loaded, says why on stderr and returns
// 2 without running anything.
int run_program(int argc, char** argv);

}  // namespace tcg::launch
