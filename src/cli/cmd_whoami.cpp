// `tcguard whoami`: the Taskcluster credentials in use (environment, then the CLI's config file),
// as the API sees them, judged by the policy's rules. The access token is never printed.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "api/answers.h"
#include "api/client.h"
#include "api/credentials.h"
#include "api/identity.h"
#include "cli/common.h"
#include "guard/credential/checks.h"
#include "judge/judge.h"
#include "model/finding.h"
#include "rules/credential/credential_facts.h"
#include "duration/duration.h"

namespace tcg::cli {

namespace {

struct WhoamiOptions {
  std::string fail_on = "error";
};

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// What whoami found out, whatever the output format.
struct WhoamiResult {
  bool has_credentials = false;
  std::optional<std::string> root_url;
  policy::ClusterMatch cluster;
  std::optional<api::Identity> identity;
  std::vector<std::string> judged_scopes;
  std::string credential_source;  // "TASKCLUSTER_CLIENT_ID" or the config file
  std::string client_id;          // as set locally; shown even when the API cannot be asked
  // What the certificate of temporary credentials says, read locally: shown (and in the JSON) when
  // the API cannot confirm it, so an offline whoami still tells expiry and scopes.
  std::optional<api::Certificate> certificate;
  Report report;
};

nlohmann::json optional_json(const std::optional<int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }
nlohmann::json optional_time(const std::optional<int64_t>& ms) {
  return ms ? nlohmann::json(api::format_iso8601_ms(*ms)) : nlohmann::json();
}

void write_json_result(std::ostream& out, const WhoamiResult& r) {
  // The findings and summary exactly as the JSON report writes them.
  std::ostringstream report_text;
  report::write_json(report_text, r.report);
  auto report_json = nlohmann::json::parse(report_text.str(), nullptr, false);
  nlohmann::json j = {{"version", 1}, {"credentials", r.has_credentials}};
  const auto* id = r.identity ? &*r.identity : nullptr;
  j["client_id"] = id                     ? nlohmann::json(id->client_id)
                   : r.client_id.empty() ? nlohmann::json()
                                         : nlohmann::json(r.client_id);
  const api::Certificate* cert = !id && r.certificate ? &*r.certificate : nullptr;
  // "api": what auth.currentScopes confirmed; "certificate": read locally, the API not reached.
  j["verified"] = id != nullptr;
  j["source"] = id ? nlohmann::json("api") : cert ? nlohmann::json("certificate") : nlohmann::json();
  j["temporary"] = id ? nlohmann::json(id->temporary)
                   : r.has_credentials ? nlohmann::json(r.certificate.has_value())
                                       : nlohmann::json();
  j["root_url"] = r.root_url ? nlohmann::json(*r.root_url) : nlohmann::json();
  j["cluster"] = r.cluster.known ? nlohmann::json(r.cluster.name) : nlohmann::json();
  j["production"] = r.cluster.production;
  j["scopes"] = id ? nlohmann::json(id->scopes) : cert ? nlohmann::json(cert->scopes) : nlohmann::json::array();
  j["judged_scopes"] = r.judged_scopes;
  j["start"] = id ? optional_time(id->start_ms) : cert ? optional_time(cert->start_ms) : nlohmann::json();
  j["expires"] = id ? optional_time(id->expires_ms) : cert ? optional_time(cert->expiry_ms) : nlohmann::json();
  j["lifetime_seconds"] = id ? optional_json(id->lifetime_seconds)
                          : cert ? nlohmann::json(cert->lifetime_seconds())
                                 : nlohmann::json();
  j["remaining_seconds"] = id ? optional_json(id->remaining_seconds)
                           : cert ? nlohmann::json((cert->expiry_ms - now_ms()) / 1000)
                                  : nlohmann::json();
  j["notes"] = id ? nlohmann::json(id->notes) : nlohmann::json::array();
  j["findings"] = report_json.is_object() ? report_json["findings"] : nlohmann::json::array();
  j["summary"] = report_json.is_object() ? report_json["summary"] : nlohmann::json::object();
  out << j.dump(2) << "\n";
}

void write_text_result(std::ostream& out, const WhoamiResult& r, const report::RenderOptions& options) {
  if (!r.has_credentials) {
    out << "No Taskcluster credentials in use (TASKCLUSTER_CLIENT_ID and TASKCLUSTER_ACCESS_TOKEN are unset, "
           "and the CLI's config file holds none): nothing to judge.\n";
    return;
  }
  std::string cluster = r.cluster.known ? r.cluster.name : "unknown cluster";
  out << "root URL:   " << r.root_url.value_or("(unset)") << " (" << cluster << ", "
      << (r.cluster.production ? "production" : "non-production") << ")\n";
  if (r.identity) {
    const auto& id = *r.identity;
    out << "client:     " << id.client_id << (id.temporary ? " (temporary credentials)" : " (permanent client)")
        << ", from " << r.credential_source << "\n";
    out << "token:      <redacted>\n";
    if (id.expires_ms) {
      out << "expires:    " << api::format_iso8601_ms(*id.expires_ms);
      if (id.remaining_seconds) {
        out << " (" << (*id.remaining_seconds > 0 ? format_duration(*id.remaining_seconds) + " left" : "expired")
            << ")";
      }
      out << "\n";
    }
    if (id.lifetime_seconds) out << "lifetime:   " << format_duration(*id.lifetime_seconds) << "\n";
    out << "scopes:     " << id.scopes.size() << " (auth.currentScopes)\n";
    for (const auto& s : id.scopes) out << "  " << s << "\n";
    for (const auto& n : id.notes) out << "note: " << n << "\n";
  } else {
    // Offline: what the environment and the certificate tell, before the error below says why the
    // API could not confirm it.
    out << "client:     " << r.client_id
        << (r.certificate ? " (temporary credentials)" : " (permanent client)") << ", from "
        << r.credential_source << " (not confirmed by the API)\n";
    out << "token:      <redacted>\n";
    if (r.certificate) {
      const auto& c = *r.certificate;
      int64_t remaining = (c.expiry_ms - now_ms()) / 1000;
      out << "expires:    " << api::format_iso8601_ms(c.expiry_ms) << " ("
          << (remaining > 0 ? format_duration(remaining) + " left" : "expired") << "; from the certificate)\n";
      out << "lifetime:   " << format_duration(c.lifetime_seconds()) << "\n";
      out << "scopes:     " << c.scopes.size() << " (the certificate's, before role expansion)\n";
      for (const auto& s : c.scopes) out << "  " << s << "\n";
    } else {
      out << "expires:    unknown without the API (a permanent client's expiry is in auth.client)\n";
    }
  }
  if (r.report.findings.empty()) {
    out << "No findings.\n";
  } else {
    out << "\n";
    report::write_text(out, r.report, options);
  }
}

int run_whoami(const Context& ctx, const WhoamiOptions& o) {
  auto policy = load_policy(ctx.global);
  if (!policy) return usage_error(policy.error());
  auto env = api::load_environment(api::process_getenv());
  if (!env) return usage_error(env.error());

  WhoamiResult r;
  r.has_credentials = env->credentials.has_value();
  r.root_url = env->root_url;
  r.cluster = policy::classify_root_url(*policy, env->root_url);
  if (r.has_credentials) {
    if (!env->root_url)
      return usage_error("Taskcluster credentials are set but no root URL: set TASKCLUSTER_ROOT_URL");
    const auto& cred = *env->credentials;
    r.credential_source = env->sources.client_id;
    r.client_id = cred.client_id;
    r.certificate = cred.certificate;

    api::ClientOptions options;
    options.root_url = *env->root_url;
    options.credentials = cred;
    api::Client client(options);
    options.credentials.reset();
    api::Client anonymous(options);

    // Resolving: what the API says the credentials hold; then judged like `run` judges them.
    rules::CredentialFacts facts;
    facts.context = "whoami";
    facts.production = r.cluster.production;
    facts.client_id = cred.client_id;
    facts.held.context = facts.context;
    facts.held.root_url = env->root_url;
    facts.held.cluster = r.cluster.known ? r.cluster.name : "";
    facts.held.production = r.cluster.production;
    auto identity = api::describe_identity(client, &anonymous, cred, now_ms());
    if (!identity) {
      const auto& e = identity.error();
      std::string what = e.permanent ? "the Taskcluster API at " + *env->root_url + " cannot be asked"
                         : e.network() ? "the Taskcluster API at " + *env->root_url + " could not be reached"
                                       : "the Taskcluster API at " + *env->root_url +
                                             " did not accept the credentials of " + cred.client_id;
      // A permanent failure is not the network's: trying again would fail the same way.
      std::string help = e.permanent ? "Check the root URL (https, the cluster's own host name) and the TLS set-up; "
                                       "trying again will not help."
                         : e.network() ? "Check the root URL and your network, then try again."
                                     : "Sign in again (`taskcluster signin`), and unset TASKCLUSTER_CERTIFICATE unless "
                                       "these are temporary credentials: a stale certificate breaks new credentials.";
      // The error text is built from the service's answer, redacted of the token by the client.
      facts.unverifiable.emplace(what + ": " + api::redact(e.str(), cred.access_token), help);
    } else {
      r.identity = *identity;
      r.judged_scopes = api::scopes_beyond_anonymous(*identity);
      guard::Target target;
      target.root_url = env->root_url;
      target.cluster = facts.held.cluster;
      target.known = r.cluster.known;
      target.production = r.cluster.production;
      // The same held request as `run`'s credential check (guard/credential/held_request.cpp).
      facts.held = guard::credential::held_request(*identity, target);
      facts.held.context = facts.context;
      facts.scopes = identity->scopes;
      facts.beyond_anonymous = r.judged_scopes;
    }
    judge::Subject subject;
    subject.credentials = &facts;
    r.report = judge::judge(*policy, subject).report;
  }

  auto format = output_format(ctx.global);
  auto options = render_options(ctx.global, &*policy, STDOUT_FILENO);
  if (format == report::Format::Json) write_json_result(std::cout, r);
  else if (format == report::Format::Text) write_text_result(std::cout, r, options);
  else report::write_report(std::cout, r.report, format, options);

  if (o.fail_on == "never") return kExitOk;
  Severity threshold = parse_severity(o.fail_on).value_or(Severity::Error);
  return r.report.any_at_or_above(threshold) ? kExitFindings : kExitOk;
}

}  // namespace

void add_whoami_command(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<WhoamiOptions>();
  auto* cmd = app.add_subcommand("whoami", "Show the Taskcluster credentials in use, judged by the policy");
  cmd->footer(
      "Reads TASKCLUSTER_ROOT_URL, TASKCLUSTER_CLIENT_ID, TASKCLUSTER_ACCESS_TOKEN and\n"
      "TASKCLUSTER_CERTIFICATE (non-empty ones override $XDG_CONFIG_HOME/taskcluster.yml), asks\n"
      "auth.currentScopes for the scopes and auth.client (or the certificate) for the lifetime, and\n"
      "applies the policy's rules to the scopes beyond what anonymous callers already have.\n"
      "The access token is never printed. When the API cannot be asked, the client id and what the\n"
      "certificate of temporary credentials says (expiry, scopes) are shown before the error\n"
      "(JSON: \"verified\": false, \"source\": \"certificate\"). 5xx and network errors are retried;\n"
      "a 4xx, plain http to a non-loopback host and a TLS certificate that does not verify are not.\n"
      "Exit codes: 0 fine or no credentials, 1 findings at or above --fail-on (including\n"
      "unverifiable-credentials when the API rejects the credentials or cannot be reached),\n"
      "2 usage, policy or config-file error.");
  cmd->add_option("--fail-on", options->fail_on, "Lowest severity that makes the exit code 1 (or never)")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  cmd->callback([&ctx, options] { ctx.exit_code = run_whoami(ctx, *options); });
}

}  // namespace tcg::cli
