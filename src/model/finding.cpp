#include "model/finding.h"

#include <algorithm>

namespace tcg {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note") return Severity::Note;
  if (text == "warning") return Severity::Warning;
  if (text == "error") return Severity::Error;
  return std::nullopt;
}

size_t Report::count(Severity s) const {
  return static_cast<size_t>(
      std::count_if(findings.begin(), findings.end(), [s](const Finding& f) { return f.severity == s; }));
}

bool Report::any_at_or_above(Severity threshold) const {
  return std::any_of(findings.begin(), findings.end(),
                     [threshold](const Finding& f) { return f.severity >= threshold; });
}

bool Report::any_input_error() const {
  return std::any_of(problems.begin(), problems.end(),
                     [](const InputProblem& p) { return p.severity == Severity::Error; });
}

}  // namespace tcg
