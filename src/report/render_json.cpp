// The JSON report of DESIGN.md ("version": 1), fields in the documented order.
#include <nlohmann/json.hpp>
#include <ostream>

#include "report/render.h"

namespace tcg::report {
namespace {

using Json = nlohmann::ordered_json;

// file/line/column are left out where there is no file; line/column also where there is no position.
void put_location(Json& j, const SourceLocation& where) {
  if (where.file.empty()) return;
  j["file"] = where.file;
  if (!where.has_position()) return;
  j["line"] = where.line;
  if (where.column > 0) j["column"] = where.column;
}

Json finding_json(const Finding& f) {
  Json j;
  j["rule"] = f.rule;
  j["severity"] = severity_name(f.severity);
  j["message"] = f.message;
  j["help"] = f.help;
  put_location(j, f.where);
  j["context"] = f.context;
  j["request"] = f.request ? Json(*f.request) : Json(nullptr);
  return j;
}

Json request_json(const SigninRequest& r) {
  Json j;
  put_location(j, r.where);
  j["context"] = r.context;
  j["root_url"] = r.root_url ? Json(*r.root_url) : Json(nullptr);
  j["cluster"] = r.cluster.empty() ? Json(nullptr) : Json(r.cluster);
  j["production"] = r.production;
  j["scopes"] = r.scopes;
  j["scopes_known"] = r.scopes_known;
  j["expires"] = r.expires;
  j["expires_seconds"] = r.expires_seconds ? Json(*r.expires_seconds) : Json(nullptr);
  j["expires_known"] = r.expires_known;
  return j;
}

}  // namespace

void write_json(std::ostream& out, const Report& report) {
  Json doc;
  doc["version"] = 1;
  doc["findings"] = Json::array();
  for (const auto& f : report.findings) doc["findings"].push_back(finding_json(f));
  doc["requests"] = Json::array();
  for (const auto& r : report.requests) doc["requests"].push_back(request_json(r));
  doc["summary"] = {{"error", report.count(Severity::Error)},
                    {"warning", report.count(Severity::Warning)},
                    {"note", report.count(Severity::Note)}};
  // Shell files may hold any bytes: invalid UTF-8 becomes U+FFFD instead of an exception.
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace tcg::report
