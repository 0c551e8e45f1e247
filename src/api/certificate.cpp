#include "api/certificate.h"

#include <nlohmann/json.hpp>

#include "api/crypto.h"

namespace tcg::api {

namespace {

Error cert_error(const std::string& what) { return Error{"invalid temporary-credentials certificate: " + what, {}}; }

bool printable_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

Result<int64_t> integral_ms(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return cert_error(std::string("missing '") + key + "'");
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number_float()) {
    double d = it->get<double>();
    // Whole numbers written with a fraction are still whole; anything else is not a time.
    if (d >= -9.0e15 && d <= 9.0e15 && d == static_cast<double>(static_cast<int64_t>(d)))
      return static_cast<int64_t>(d);
  }
  return cert_error(std::string("'") + key + "' must be an integer (ms since the epoch)");
}

}  // namespace

Result<Certificate> certificate_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return cert_error("not a JSON object");
  Certificate c;
  auto version = j.find("version");
  if (version == j.end() || !version->is_number_integer() || version->get<int64_t>() != 1)
    return cert_error("'version' must be 1");
  auto scopes = j.find("scopes");
  if (scopes == j.end() || !scopes->is_array()) return cert_error("'scopes' must be a list");
  for (const auto& s : *scopes) {
    if (!s.is_string() || !printable_ascii(s.get_ref<const std::string&>()))
      return cert_error("'scopes' must hold printable-ASCII strings");
    c.scopes.push_back(s.get<std::string>());
  }
  auto start = integral_ms(j, "start");
  if (!start) return start.error();
  auto expiry = integral_ms(j, "expiry");
  if (!expiry) return expiry.error();
  c.start_ms = *start;
  c.expiry_ms = *expiry;
  auto seed = j.find("seed");
  if (seed == j.end() || !seed->is_string() || seed->get_ref<const std::string&>().size() != 44)
    return cert_error("'seed' must be a 44-character string");
  c.seed = seed->get<std::string>();
  auto sig = j.find("signature");
  if (sig == j.end() || !sig->is_string() || sig->get_ref<const std::string&>().empty() ||
      !printable_ascii(sig->get_ref<const std::string&>()))
    return cert_error("'signature' must be a non-empty string");
  c.signature = sig->get<std::string>();
  if (auto issuer = j.find("issuer"); issuer != j.end()) {
    if (!issuer->is_string() || !printable_ascii(issuer->get_ref<const std::string&>()))
      return cert_error("'issuer' must be a string");
    c.issuer = issuer->get<std::string>();
  }
  return c;
}

Result<Certificate> parse_certificate(std::string_view json_text) {
  auto j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return cert_error("not valid JSON");
  return certificate_from_json(j);
}

nlohmann::json certificate_to_json(const Certificate& cert) {
  nlohmann::json j = {{"version", cert.version}, {"scopes", cert.scopes}, {"start", cert.start_ms},
                      {"expiry", cert.expiry_ms}, {"seed", cert.seed}, {"signature", cert.signature}};
  if (cert.issuer) j["issuer"] = *cert.issuer;
  return j;
}

std::string certificate_signed_text(const Certificate& cert, std::string_view client_id) {
  std::string s = "version:" + std::to_string(cert.version) + "\n";
  if (cert.issuer) {
    s += "clientId:";
    s.append(client_id);
    s += "\nissuer:" + *cert.issuer + "\n";
  }
  s += "seed:" + cert.seed + "\n";
  s += "start:" + std::to_string(cert.start_ms) + "\n";
  s += "expiry:" + std::to_string(cert.expiry_ms) + "\n";
  s += "scopes:\n";
  for (size_t i = 0; i < cert.scopes.size(); ++i) {
    if (i) s += "\n";
    s += cert.scopes[i];
  }
  return s;
}

std::string certificate_signature(const Certificate& cert, std::string_view client_id,
                                  std::string_view issuer_access_token) {
  return base64(hmac_sha256(issuer_access_token, certificate_signed_text(cert, client_id)));
}

std::string temporary_access_token(std::string_view issuer_access_token, std::string_view seed) {
  return base64url_nopad(hmac_sha256(issuer_access_token, seed));
}

Result<TemporaryCredentials> create_temporary_credentials(std::string_view issuer_client_id,
                                                          std::string_view issuer_access_token,
                                                          std::vector<std::string> scopes, int64_t start_ms,
                                                          int64_t expiry_ms, std::string_view client_id) {
  if (expiry_ms - start_ms > kMaxCertificateLifetimeMs)
    return Error{"temporary credentials cannot live longer than 31 days", {}};
  if (expiry_ms <= start_ms) return Error{"temporary credentials must expire after they start", {}};
  TemporaryCredentials t;
  t.certificate.scopes = std::move(scopes);
  t.certificate.start_ms = start_ms;
  t.certificate.expiry_ms = expiry_ms;
  // 33 random bytes are 44 base64url characters: the seed length the service expects.
  t.certificate.seed = random_token(33);
  if (!client_id.empty()) t.certificate.issuer = std::string(issuer_client_id);
  t.client_id = std::string(client_id.empty() ? issuer_client_id : client_id);
  t.certificate.signature = certificate_signature(t.certificate, t.client_id, issuer_access_token);
  t.access_token = temporary_access_token(issuer_access_token, t.certificate.seed);
  return t;
}

}  // namespace tcg::api
