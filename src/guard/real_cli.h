#pragma once
// Finding and becoming the real `taskcluster` CLI behind tcguard, without ever finding tcguard
// itself (the `taskcluster` masquerade symlink) and so without an exec loop.
#include <string>
#include <string_view>
#include <vector>

#include "guard/env.h"
#include "util/result.h"

namespace tcg::guard {

// Set in the environment of the real CLI; if it runs `taskcluster` again and that reaches tcguard,
// the PATH loops back (e.g. a wrapper script that calls `taskcluster`) and tcguard stops.
inline constexpr const char* kExecMarker = "TCGUARD_EXEC_DEPTH";

// True when the environment carries the marker: this process was started, directly or not, by
// the real CLI that tcguard ran, so PATH led back to tcguard.
bool exec_loop_detected(const Getenv& getenv);


// The canonical path of the running tcguard (/proc/self/exe).
std::string self_executable();

// $TCGUARD_TASKCLUSTER, else the first executable `taskcluster` on $PATH whose canonical path is
// not `self` (tcguard). An error that says how to fix it when there is none, or when
// $TCGUARD_TASKCLUSTER is tcguard itself.
Result<std::string> find_real_cli(const Getenv& getenv, const std::string& self);

// execv(path, argv) with the loop marker set; returns only when the exec failed (the error).
Error exec_real_cli(const std::string& path, const std::vector<std::string>& argv);

}  // namespace tcg::guard
