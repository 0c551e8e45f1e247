#include "api/libcrypto.h"

#include "util/shared_library.h"

namespace tcg::api {

namespace {

constexpr const char* kSoname = "libcrypto.so.3";

struct Loaded {
  LibCrypto api;
  std::string error;
  bool ok = false;
};

Loaded load() {
  Loaded loaded;
  auto handle = open_shared_library(kSoname, "libssl3");
  if (!handle) {
    loaded.error = handle.error().message;
    return loaded;
  }
  LibCrypto& c = loaded.api;
  auto bind = [&](const char* name, auto& slot) {
    Status bound = bind_shared_library_function(*handle, kSoname, name, slot);
    if (!bound) loaded.error = bound.error().message;
    return bound.ok();
  };
  loaded.ok = bind("EVP_sha256", c.sha256_method) && bind("EVP_Digest", c.digest) && bind("HMAC", c.hmac) &&
              bind("RAND_bytes", c.rand_bytes);
  return loaded;
}

}  // namespace

const LibCrypto* load_libcrypto(std::string& error) {
  static const Loaded loaded = load();
  if (!loaded.ok) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

}  // namespace tcg::api
