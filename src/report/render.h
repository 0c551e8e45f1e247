#pragma once
// Printing a Report: text (gcc-style), JSON (DESIGN.md "JSON report"), SARIF 2.1.0 and GitHub
// Actions workflow commands. Tokens never reach here unredacted: findings carry no secrets.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"

namespace tcg::report {

enum class Format { Text, Json, Sarif, Github };
std::optional<Format> parse_format(std::string_view name);

struct RuleDescription {  // for SARIF `rules`: the built-in registry plus the policy's own rules
  std::string id;
  Severity severity = Severity::Error;
  std::string short_description;
  std::string full_description;
  std::string help;
  // Members with a default, so the five-member braced form stays warning-free.
  std::string help_uri = {};      // the rule's page (model/rule.h rule_doc_url); "" for a policy's own rule
  std::string help_markdown = {}; // the whole page; "" to use `help`
  std::string security_severity = {};  // GitHub code scanning's "0.0".."10.0"; "" for rules that are not security
};

struct RenderOptions {
  bool color = false;                 // ANSI colour in text output
  std::string base_dir;               // SARIF uris are relative to this (normally the cwd)
  std::vector<RuleDescription> rules; // rules SARIF lists; findings whose rule is missing get one added
  bool text_show_requests = false;    // text: also print each resolved request (lint -v, review)
  bool text_list_files = false;       // text: also list the files checked (lint -v)
};

void write_text(std::ostream& out, const Report& report, const RenderOptions& options);
void write_json(std::ostream& out, const Report& report);
void write_sarif(std::ostream& out, const Report& report, const RenderOptions& options);
void write_github(std::ostream& out, const Report& report);
void write_report(std::ostream& out, const Report& report, Format format, const RenderOptions& options);

// The registry's built-in rules plus `extra` (e.g. policy rules), as SARIF rule descriptions.
std::vector<RuleDescription> describe_rules(const std::vector<RuleDescription>& extra = {});

// --- Added by the renderers; the declarations above are the contract. ---

// GitHub annotations with file paths made relative to options.base_dir (write_report uses this).
void write_github(std::ostream& out, const Report& report, const RenderOptions& options);

// GitHub workflow-command escaping: data escapes %, \r, \n; a property value also escapes : and ,.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

// A file as a SARIF artifact uri: relative to base_dir and percent-encoded (RFC 3986) when the file
// is inside base_dir (or relative and base_dir is empty); otherwise an absolute file:// uri.
struct ArtifactUri {
  std::string uri;
  bool relative = false;  // true: resolve against the %SRCROOT% uriBaseId
};
ArtifactUri sarif_artifact_uri(std::string_view file, std::string_view base_dir);
// base_dir as an absolute file:// uri ending in '/', for originalUriBaseIds; "" when base_dir is "".
std::string sarif_base_uri(std::string_view base_dir);

}  // namespace tcg::report
