#pragma once
// Temporary credentials (TASKCLUSTER.md §6): the certificate, its signature, the derived token.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/result.h"

namespace tcg::api {

struct Certificate {
  int version = 1;
  std::vector<std::string> scopes;
  int64_t start_ms = 0;             // ms since the epoch
  int64_t expiry_ms = 0;
  std::string seed;                 // 44 characters
  std::string signature;            // base64
  std::optional<std::string> issuer;  // named temporary credentials only

  int64_t lifetime_seconds() const { return (expiry_ms - start_ms) / 1000; }
};

// Longest lifetime the auth service accepts for temporary credentials.
inline constexpr int64_t kMaxCertificateLifetimeMs = 31LL * 24 * 3600 * 1000;

// Parses $TASKCLUSTER_CERTIFICATE (JSON text). Checks the shape only: version 1, printable-ASCII
// scopes, integral start/expiry, a 44-character seed, a signature; not the signature itself.
Result<Certificate> parse_certificate(std::string_view json_text);
Result<Certificate> certificate_from_json(const nlohmann::json& j);
// The object sent inside Hawk `ext` (absent issuer left out).
nlohmann::json certificate_to_json(const Certificate& cert);

// The text the issuer signs: "version:1\n" [+ "clientId:..\nissuer:..\n"] + "seed:..\nstart:..\n
// expiry:..\nscopes:\n" + scopes joined by "\n". `client_id` is used only for named credentials.
std::string certificate_signed_text(const Certificate& cert, std::string_view client_id);
std::string certificate_signature(const Certificate& cert, std::string_view client_id,
                                  std::string_view issuer_access_token);
// base64url-without-padding(HMAC-SHA256(issuer access token, seed)).
std::string temporary_access_token(std::string_view issuer_access_token, std::string_view seed);

// Issues temporary credentials the way the clients' createTemporaryCredentials does; for tests and
// for documentation of the format. `client_id` empty = unnamed (the issuer's own id is used).
struct TemporaryCredentials {
  std::string client_id;
  std::string access_token;
  Certificate certificate;
};
Result<TemporaryCredentials> create_temporary_credentials(std::string_view issuer_client_id,
                                                          std::string_view issuer_access_token,
                                                          std::vector<std::string> scopes, int64_t start_ms,
                                                          int64_t expiry_ms, std::string_view client_id = "");

}  // namespace tcg::api
