#pragma once
// libcurl, loaded on first use. Linking it directly makes every tcguard start pay for loading
// libcurl's two dozen dependencies (TLS, Kerberos, LDAP, SSH, ...): about 12 ms, which is the
// whole overhead budget of `tcguard run` on a read-only command. Only the API client needs it.
#include <curl/curl.h>

#include <string>

namespace tcg::api {

// The libcurl entry points tcguard calls, resolved from the loaded library.
struct LibCurl {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
};

// Loads libcurl (soname libcurl.so.4) and runs curl_global_init, once per process. Returns null
// and sets `error` when the library or one of its symbols is missing; callers then treat the API
// as unreachable, which fails closed on production.
const LibCurl* load_libcurl(std::string& error);

}  // namespace tcg::api
