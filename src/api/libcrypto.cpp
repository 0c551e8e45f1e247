#include "api/libcrypto.h"

#include "util/shared_library.h"

namespace tcg::api {

namespace {

constexpr const char* kSoname = "libcrypto.so.3";

Status bind_libcrypto(void* handle, LibCrypto& c) {
  for (Status s : {bind_shared_library_function(handle, kSoname, "EVP_sha256", c.sha256_method),
                   bind_shared_library_function(handle, kSoname, "EVP_Digest", c.digest),
                   bind_shared_library_function(handle, kSoname, "HMAC", c.hmac),
                   bind_shared_library_function(handle, kSoname, "RAND_bytes", c.rand_bytes)})
    if (!s) return s;
  return Ok{};
}

}  // namespace

const LibCrypto* load_libcrypto(std::string& error) {
  return shared_library_api<LibCrypto>(kSoname, "libssl3", bind_libcrypto, error);
}

}  // namespace tcg::api
