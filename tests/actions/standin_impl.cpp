// The stand-in driver of tests/api, built into this program too (one test program per folder).
#include "../api/standin.cpp"  // NOLINT(bugprone-suspicious-include)
