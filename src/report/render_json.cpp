// The JSON report of DESIGN.md ("version": 1), fields in the documented order. Written as it goes
// (JsonWriter), byte for byte what nlohmann's dump(2) of the same document printed.
#include <ostream>

#include "report/json_writer.h"
#include "report/render.h"

namespace tcg::report {
namespace {

// file/line/column are left out where there is no file; line/column also where there is no position.
void put_location(JsonWriter& w, const SourceLocation& where) {
  if (where.file.empty()) return;
  w.key("file");
  w.value(where.file);
  if (!where.has_position()) return;
  w.key("line");
  w.value(where.line);
  if (where.column > 0) {
    w.key("column");
    w.value(where.column);
  }
}

void write_finding(JsonWriter& w, const Finding& f) {
  w.begin_object();
  w.key("rule");
  w.value(f.rule);
  w.key("severity");
  w.value(severity_name(f.severity));
  w.key("message");
  w.value(f.message);
  w.key("help");
  w.value(f.help);
  put_location(w, f.where);
  w.key("context");
  w.value(f.context);
  w.key("request");
  if (f.request) w.value(static_cast<uint64_t>(*f.request));
  else w.null();
  // Places and folded findings of the same cause: {"rule": id or null, "severity", "message",
  // file/line/column as above}.
  w.key("related");
  w.begin_array();
  for (const auto& r : f.related) {
    w.begin_object();
    w.key("rule");
    if (r.rule.empty()) w.null();
    else w.value(r.rule);
    w.key("severity");
    w.value(severity_name(r.severity));
    w.key("message");
    w.value(r.message);
    put_location(w, r.where);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_request(JsonWriter& w, const SigninRequest& r) {
  w.begin_object();
  put_location(w, r.where);
  w.key("context");
  w.value(r.context);
  w.key("root_url");
  if (r.root_url) w.value(*r.root_url);
  else w.null();
  w.key("cluster");
  if (r.cluster.empty()) w.null();
  else w.value(r.cluster);
  w.key("production");
  w.value(r.production);
  w.key("scopes");
  w.begin_array();
  for (const auto& s : r.scopes) w.value(s);
  w.end_array();
  w.key("scopes_known");
  w.value(r.scopes_known);
  w.key("expires");
  w.value(r.expires);
  w.key("expires_seconds");
  if (r.expires_seconds) w.value(*r.expires_seconds);
  else w.null();
  w.key("expires_known");
  w.value(r.expires_known);
  w.end_object();
}

}  // namespace

void write_json(std::ostream& out, const Report& report) {
  size_t counts[3] = {0, 0, 0};  // by Severity, for the summary
  JsonWriter w(out);
  w.begin_object();
  w.key("version");
  w.value(1);
  w.key("findings");
  w.begin_array();
  for (const auto& f : report.findings) {
    auto s = static_cast<size_t>(f.severity);
    if (s < 3) ++counts[s];
    write_finding(w, f);
  }
  w.end_array();
  w.key("requests");
  w.begin_array();
  for (const auto& r : report.requests) write_request(w, r);
  w.end_array();
  w.key("summary");
  w.begin_object();
  w.key("error");
  w.value(static_cast<uint64_t>(counts[static_cast<size_t>(Severity::Error)]));
  w.key("warning");
  w.value(static_cast<uint64_t>(counts[static_cast<size_t>(Severity::Warning)]));
  w.key("note");
  w.value(static_cast<uint64_t>(counts[static_cast<size_t>(Severity::Note)]));
  w.end_object();
  // lint only (review and whoami read no files): what was checked, and what could not be.
  if (report.files) {
    w.key("files");
    w.begin_array();
    for (const auto& file : *report.files) w.value(file);
    w.end_array();
  }
  if (report.files || !report.problems.empty()) {
    w.key("problems");
    w.begin_array();
    for (const auto& p : report.problems) {
      w.begin_object();
      w.key("severity");
      w.value(severity_name(p.severity));
      w.key("message");
      w.value(p.message);
      if (!p.path.empty()) {
        w.key("path");
        w.value(p.path);
      }
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  w.raw("\n");
  w.flush();
}

}  // namespace tcg::report
