#pragma once
// Hawk request signing, header form, as the Taskcluster clients use it (TASKCLUSTER.md §6).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tcg::api {

// What the MAC covers: everything the server can recompute from the request it received.
struct HawkArtifacts {
  int64_t ts = 0;                 // unix seconds
  std::string nonce;
  std::string method;             // upper-case, e.g. "GET"
  std::string resource;           // path plus "?query", as sent
  std::string host;               // lower-cased when normalized
  int port = 443;
  std::string payload_hash;       // "" = no hash
  std::string ext;                // "" = no ext
};

// "hawk.1.header\n<ts>\n<nonce>\n<METHOD>\n<resource>\n<host>\n<port>\n<hash>\n<ext>\n"
std::string hawk_normalized_string(const HawkArtifacts& a);
// base64(HMAC-SHA256(key, normalized string)).
std::string hawk_mac(std::string_view key, const HawkArtifacts& a);
// base64(SHA-256("hawk.1.payload\n<content type>\n<payload>\n")); the content type is lower-cased
// and stripped of parameters (";charset=..."), as the Hawk reference implementation does.
std::string hawk_payload_hash(std::string_view content_type, std::string_view payload);
// The Authorization header value: Hawk id="..", ts="..", nonce="..", [hash=".."], [ext=".."], mac="..".
// This string is a secret-equivalent for replay: never print or log it.
std::string hawk_header(std::string_view id, std::string_view key, const HawkArtifacts& a);

}  // namespace tcg::api
