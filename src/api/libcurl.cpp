#include "api/libcurl.h"

#include "util/shared_library.h"

namespace tcg::api {

namespace {

constexpr const char* kSoname = "libcurl.so.4";

Status bind_libcurl(void* handle, LibCurl& c) {
  for (Status s : {bind_shared_library_function(handle, kSoname, "curl_global_init", c.global_init),
                   bind_shared_library_function(handle, kSoname, "curl_easy_init", c.easy_init),
                   bind_shared_library_function(handle, kSoname, "curl_easy_setopt", c.easy_setopt),
                   bind_shared_library_function(handle, kSoname, "curl_easy_perform", c.easy_perform),
                   bind_shared_library_function(handle, kSoname, "curl_easy_getinfo", c.easy_getinfo),
                   bind_shared_library_function(handle, kSoname, "curl_easy_strerror", c.easy_strerror),
                   bind_shared_library_function(handle, kSoname, "curl_easy_cleanup", c.easy_cleanup),
                   bind_shared_library_function(handle, kSoname, "curl_slist_append", c.slist_append),
                   bind_shared_library_function(handle, kSoname, "curl_slist_free_all", c.slist_free_all)})
    if (!s) return s;
  // Once per process, before any other libcurl call, as libcurl requires.
  if (c.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return Error{"curl_global_init failed", {}};
  return Ok{};
}

}  // namespace

const LibCurl* load_libcurl(std::string& error) {
  return shared_library_api<LibCurl>(kSoname, "libcurl4", bind_libcurl, error);
}

}  // namespace tcg::api
