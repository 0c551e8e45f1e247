#include "util/shared_library.h"

#include <dlfcn.h>

namespace tcg {

Result<void*> open_shared_library(const char* soname, const char* debian_package) {
  void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    return Error{std::string("cannot load ") + soname + " (from the Debian package " + debian_package +
                 "): " + (why ? why : "unknown reason"), {}};
  }
  return handle;
}

Result<void*> shared_library_symbol(void* handle, const char* soname, const char* name) {
  dlerror();
  void* symbol = dlsym(handle, name);
  if (!symbol) return Error{std::string(soname) + " has no symbol " + name, {}};
  return symbol;
}

}  // namespace tcg
