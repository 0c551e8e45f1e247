// Fuzzes $TASKCLUSTER_CERTIFICATE parsing and the text its signature covers, and the CLI's config
// file reader (src/api/certificate.h, src/api/credentials.h).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "api/certificate.h"
#include "api/credentials.h"
#include "api/crypto.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (auto cert = tcg::api::parse_certificate(text); cert.ok()) {
    (void)tcg::api::certificate_signature(*cert, "client", "token");
    (void)cert->lifetime_seconds();
  }
  (void)tcg::api::base64_decode(text);
  auto getenv = [&](const std::string& name) -> std::optional<std::string> {
    if (name == "TASKCLUSTER_CLIENT_ID") return std::string("c");
    if (name == "TASKCLUSTER_ACCESS_TOKEN") return std::string("t");
    return std::nullopt;
  };
  (void)tcg::api::load_environment(getenv, text, "taskcluster.yml");
  return 0;
}
