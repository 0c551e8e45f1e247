#include "api/hawk.h"

#include <algorithm>
#include <cctype>

#include "api/crypto.h"

namespace tcg::api {

std::string hawk_normalized_string(const HawkArtifacts& a) {
  std::string host = a.host;
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string s = "hawk.1.header\n";
  s += std::to_string(a.ts) + "\n";
  s += a.nonce + "\n";
  s += a.method + "\n";
  s += a.resource + "\n";
  s += host + "\n";
  s += std::to_string(a.port) + "\n";
  s += a.payload_hash + "\n";
  // The reference implementation escapes backslashes and newlines in ext; base64 ext has neither,
  // but a caller-provided ext might.
  std::string ext;
  for (char c : a.ext) {
    if (c == '\\') ext += "\\\\";
    else if (c == '\n') ext += "\\n";
    else ext += c;
  }
  s += ext + "\n";
  return s;
}

std::string hawk_mac(std::string_view key, const HawkArtifacts& a) {
  return base64(hmac_sha256(key, hawk_normalized_string(a)));
}

std::string hawk_payload_hash(std::string_view content_type, std::string_view payload) {
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  while (!type.empty() && type.front() == ' ') type.erase(type.begin());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string s = "hawk.1.payload\n" + type + "\n";
  s.append(payload);
  s += "\n";
  return base64(sha256(s));
}

std::string hawk_header(std::string_view id, std::string_view key, const HawkArtifacts& a) {
  std::string h = "Hawk id=\"";
  h.append(id);
  h += "\", ts=\"" + std::to_string(a.ts) + "\", nonce=\"" + a.nonce + "\"";
  if (!a.payload_hash.empty()) h += ", hash=\"" + a.payload_hash + "\"";
  if (!a.ext.empty()) h += ", ext=\"" + a.ext + "\"";
  h += ", mac=\"" + hawk_mac(key, a) + "\"";
  return h;
}

}  // namespace tcg::api
