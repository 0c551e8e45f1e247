// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=RULE::message`.
#include <optional>
#include <ostream>

#include "report/render.h"
#include "report/render_paths.h"

namespace tcg::report {
namespace {

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view command_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "notice";
  }
  return "error";
}

void write_annotations(std::ostream& out, const Report& report, const std::string* base_dir) {
  std::optional<PathsFromBase> paths;
  if (base_dir) paths.emplace(*base_dir);
  for (const auto& f : report.findings) {
    std::string props;
    if (!f.where.file.empty()) {
      std::string file = paths ? (*paths)(f.where.file).path : f.where.file;
      props += "file=" + github_escape_property(file);
      if (f.where.line > 0) {
        props += ",line=" + std::to_string(f.where.line);
        if (f.where.column > 0) props += ",col=" + std::to_string(f.where.column);
      }
      props += ",";
    }
    props += "title=" + github_escape_property(f.rule);
    // The annotation shows one message: the finding, then how to fix it on the next line.
    std::string message = f.message;
    if (f.where.file.empty() && !f.context.empty()) message = f.context + ": " + message;
    for (const auto& r : f.related)
      message += "\nnote: " + (r.rule.empty() ? r.where.str() + ": " : "also " + r.rule + ": ") + r.message;
    if (!f.help.empty()) message += "\nhelp: " + f.help;
    out << "::" << command_name(f.severity) << " " << props << "::" << github_escape_data(message) << "\n";
  }
  // A path that could not be checked: an annotation without a file, since it may not exist.
  for (const auto& p : report.problems) {
    std::string message = p.path.empty() ? p.message : p.path + ": " + p.message;
    out << "::" << command_name(p.severity) << " title=tcguard::" << github_escape_data(message) << "\n";
  }
}

}  // namespace

std::string github_escape_data(std::string_view text) { return escape(text, false); }
std::string github_escape_property(std::string_view text) { return escape(text, true); }

void write_github(std::ostream& out, const Report& report) { write_annotations(out, report, nullptr); }

void write_github(std::ostream& out, const Report& report, const RenderOptions& options) {
  write_annotations(out, report, options.base_dir.empty() ? nullptr : &options.base_dir);
}

}  // namespace tcg::report
