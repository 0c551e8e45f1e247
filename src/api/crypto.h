#pragma once
// The few primitives Hawk and temporary credentials need: HMAC-SHA256, SHA-256, base64 (OpenSSL).
#include <optional>
#include <string>
#include <string_view>

namespace tcg::api {

std::string hmac_sha256(std::string_view key, std::string_view message);  // raw 32 bytes
std::string sha256(std::string_view data);                                 // raw 32 bytes
std::string base64(std::string_view raw);                                  // standard alphabet, padded
// URL-safe alphabet ('-', '_') without '=' padding, as temporary access tokens are written.
std::string base64url_nopad(std::string_view raw);
// Standard alphabet, padding optional; nullopt on any other character.
std::optional<std::string> base64_decode(std::string_view text);
// Random bytes from the OpenSSL CSPRNG, as URL-safe base64 of `bytes` bytes.
std::string random_token(size_t bytes);
// Constant-time comparison, for MACs.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace tcg::api
