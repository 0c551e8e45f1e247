#pragma once
// Loading a shared library at run time (dlopen) instead of linking it: for libraries only some
// commands need, so that every other command starts without paying for them.
#include <string>

#include "util/result.h"

namespace tcg {

// dlopen(soname) with RTLD_NOW | RTLD_LOCAL, so the library's own dependencies stay out of the
// global symbol scope. The handle is never closed. The error names the library and the Debian
// package that ships it.
Result<void*> open_shared_library(const char* soname, const char* debian_package);

// Sets `slot` to the address of `name` in a library opened above (a function of type Fn).
template <typename Fn>
Status bind_shared_library_function(void* handle, const char* soname, const char* name, Fn& slot);

// Untyped form behind the template.
Result<void*> shared_library_symbol(void* handle, const char* soname, const char* name);

template <typename Fn>
Status bind_shared_library_function(void* handle, const char* soname, const char* name, Fn& slot) {
  auto symbol = shared_library_symbol(handle, soname, name);
  if (!symbol) return symbol.error();
  slot = reinterpret_cast<Fn>(*symbol);
  return Ok{};
}

// A library's function table (Api), filled once per process by `bind_all` after the library is
// opened: later calls return the same table, or the same error. Loaded libraries are never closed.
template <typename Api>
const Api* shared_library_api(const char* soname, const char* debian_package, Status (*bind_all)(void*, Api&),
                              std::string& error) {
  struct Loaded {
    Api api{};
    std::string error;
    bool ok = false;
  };
  static const Loaded loaded = [&] {
    Loaded result;
    auto handle = open_shared_library(soname, debian_package);
    Status bound = handle ? bind_all(*handle, result.api) : Status(handle.error());
    if (bound) result.ok = true;
    else result.error = bound.error().message;
    return result;
  }();
  if (!loaded.ok) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

}  // namespace tcg
