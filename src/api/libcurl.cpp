#include "api/libcurl.h"

#include "util/shared_library.h"

namespace tcg::api {

namespace {

constexpr const char* kSoname = "libcurl.so.4";

struct Loaded {
  LibCurl api;
  std::string error;
  bool ok = false;
};

Loaded load() {
  Loaded loaded;
  auto handle = open_shared_library(kSoname, "libcurl4");
  if (!handle) {
    loaded.error = handle.error().message;
    return loaded;
  }
  LibCurl& c = loaded.api;
  auto bind = [&](const char* name, auto& slot) {
    Status bound = bind_shared_library_function(*handle, kSoname, name, slot);
    if (!bound) loaded.error = bound.error().message;
    return bound.ok();
  };
  bool ok = bind("curl_global_init", c.global_init) && bind("curl_easy_init", c.easy_init) &&
            bind("curl_easy_setopt", c.easy_setopt) && bind("curl_easy_perform", c.easy_perform) &&
            bind("curl_easy_getinfo", c.easy_getinfo) && bind("curl_easy_strerror", c.easy_strerror) &&
            bind("curl_easy_cleanup", c.easy_cleanup) && bind("curl_slist_append", c.slist_append) &&
            bind("curl_slist_free_all", c.slist_free_all);
  if (!ok) return loaded;
  if (c.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    loaded.error = "curl_global_init failed";
    return loaded;
  }
  loaded.ok = true;
  return loaded;
}

}  // namespace

const LibCurl* load_libcurl(std::string& error) {
  // Loaded once per process (thread-safe static) and never unloaded: libcurl keeps global state.
  static const Loaded loaded = load();
  if (!loaded.ok) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

}  // namespace tcg::api
