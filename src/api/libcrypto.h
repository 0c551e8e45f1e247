#pragma once
// OpenSSL's libcrypto, loaded on first use, for the same reason as libcurl (api/libcurl.h): only
// Hawk signing and temporary credentials need it, and linking it would slow every start.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <string>

namespace tcg::api {

struct LibCrypto {
  decltype(&EVP_sha256) sha256_method = nullptr;
  decltype(&EVP_Digest) digest = nullptr;
  decltype(&HMAC) hmac = nullptr;
  decltype(&RAND_bytes) rand_bytes = nullptr;
};

// Loads libcrypto (soname libcrypto.so.3) once per process; null with `error` set when it or one
// of its symbols is missing.
const LibCrypto* load_libcrypto(std::string& error);

}  // namespace tcg::api
