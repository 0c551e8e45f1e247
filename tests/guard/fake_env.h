#pragma once
// A fixed environment for the guard's Getenv-taking functions.
#include <map>
#include <string>

#include "guard/env.h"

namespace tcg::guard::fake {

inline Getenv env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& k) -> std::optional<std::string> {
    auto it = vars.find(k);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace tcg::guard::fake
