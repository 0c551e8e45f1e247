#include "report/render.h"

namespace tcg::report {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::Text;
  if (name == "json") return Format::Json;
  if (name == "sarif") return Format::Sarif;
  if (name == "github") return Format::Github;
  return std::nullopt;
}

void write_report(std::ostream& out, const Report& report, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::Text: write_text(out, report, options); return;
    case Format::Json: write_json(out, report); return;
    case Format::Sarif: write_sarif(out, report, options); return;
    case Format::Github: write_github(out, report, options); return;
  }
}

}  // namespace tcg::report
