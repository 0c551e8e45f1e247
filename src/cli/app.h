#pragma once

namespace tcg::cli {
// The whole command line interface; returns the process exit code (DESIGN.md "Exit codes").
int main(int argc, char** argv);
}  // namespace tcg::cli
