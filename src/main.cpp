#include "cli/app.h"

int main(int argc, char** argv) { return tcg::cli::main(argc, argv); }
