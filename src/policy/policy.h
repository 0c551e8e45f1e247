#pragma once
// The least-privilege policy: clusters, rules on sign-in requests, actions on CLI commands, and
// exceptions (DESIGN.md "Policy file"). Parsing is strict: every problem names file:line:column.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/finding.h"
#include "scopes/scopes.h"
#include "util/result.h"

namespace re2 { class RE2; }

namespace tcg::policy {

// `clusters:` filter of a rule or action: any | production | non-production | [names].
struct ClusterSelector {
  enum class Kind { Any, Production, NonProduction, Names };
  Kind kind = Kind::Any;
  std::vector<std::string> names;
  std::vector<SourceLocation> name_locations;  // where each name was written (for "not defined")
  // `cluster` is "" for a root URL that names no known cluster.
  bool matches(const std::string& cluster, bool production) const;
};

struct Cluster {
  std::string name;
  std::string root_url;
  std::vector<std::string> also;  // other root URLs of the same cluster
  bool production = true;
  std::string helper;             // shell-init's `tc-<helper>` switch ("" = the cluster's name)
  SourceLocation where;
};

// A named sign-in purpose (`profiles:`): what `tcguard signin NAME` asks for, and the helper
// `tc-NAME` that `tcguard shell-init` defines. Judged by the rules like any sign-in.
struct Profile {
  std::string name;
  std::string cluster;               // a cluster of the policy: its root URL is signed in to
  std::vector<std::string> scopes;   // one scope each
  std::string expires;               // as written ("1h"), passed to `taskcluster signin --expires`
  int64_t expires_seconds = 0;
  std::string description;
  SourceLocation where;
};

struct RuleCondition {
  std::optional<scopes::Expr> grants;     // the requested scopes satisfy this expression
  std::vector<std::string> grants_any;    // the requested scopes and these patterns intersect
  std::string scope_matches;              // RE2 pattern; some requested scope fully matches ("" = absent)
  std::shared_ptr<const re2::RE2> scope_regex;  // compiled scope_matches
  // Scope satisfaction (not regex): every requested scope is satisfied by one of these ...
  std::vector<std::string> scope_in;
  // ... or some requested scope is satisfied by none of these ("allow only queue:*").
  std::vector<std::string> scope_not_in;
  bool has_scope_condition() const {
    return grants || !grants_any.empty() || !scope_matches.empty() || !scope_in.empty() || !scope_not_in.empty();
  }
  bool empty() const { return !has_scope_condition(); }
};

// `max_expiry` / `min_expiry`: one duration for every cluster the rule applies to, or the
// per-cluster form `{firefoxci-staging: 30m, default: 15m}` (a limit per named cluster, `default`
// for the others and for root URLs that name no cluster).
struct ExpiryLimit {
  std::optional<int64_t> fallback;                          // seconds: the plain form, or `default:`
  std::vector<std::pair<std::string, int64_t>> clusters;    // the per-cluster form's named clusters
  std::vector<SourceLocation> cluster_locations;            // where each name was written
  bool per_cluster = false;                                 // written as a mapping
  // The limit on `cluster` ("" = a root URL no cluster names); nullopt = no limit there.
  std::optional<int64_t> for_cluster(const std::string& cluster) const;
  bool names(const std::string& cluster) const;
  bool set() const { return fallback.has_value() || !clusters.empty(); }
};

struct Rule {
  std::string id;
  std::string description;
  Severity severity = Severity::Error;
  ClusterSelector clusters;
  RuleCondition when;                  // all present conditions must hold; empty = always
  ExpiryLimit max_expiry;              // seconds: a longer lifetime is a finding
  ExpiryLimit min_expiry;              // seconds: a shorter lifetime is a finding (expired-on-arrival)
  bool deny = false;                   // any matching request is a finding
  std::string help;
  SourceLocation where;                // where the rule was defined ("<default>" for the embedded one)
};

// Judges a CLI command before it runs. `commands` entries are canonical command names as the
// command model prints them ("task rerun", "group cancel", "api queue.createTask", "signin");
// "*" matches every state-changing command; "api *" every state-changing api call.
struct Action {
  std::string id;                      // rule id reported in findings; defaults to "action-<n>"
  std::vector<std::string> commands;
  std::vector<std::string> flags;      // all must be present on the command line, e.g. ["--force"]
  ClusterSelector clusters;
  Severity severity = Severity::Warning;
  std::string message;
  std::string help;
  bool confirm = false;                // the cluster's name must be typed (or --confirm NAME)
  bool deny = false;                   // refuse outright
  // `task rerun|cancel|retrigger X` goes through the decision's in-tree action of that name
  // (`tcguard action NAME X`) instead of the CLI; no matching action refuses (never the CLI).
  bool via_action = false;
  SourceLocation where;
};

struct Exception {
  std::string rule;
  std::string path;                    // glob against the finding's file, relative to base_dir ("" = any)
  std::string context;                 // the finding's context, or a branch of it ("ctx/label") ("" = any)
  std::string reason;
  std::string until;                   // YYYY-MM-DD, inclusive
  int64_t until_days = 0;              // days since 1970-01-01
  SourceLocation where;
  // The folder of the policy file that declared it (absolute): `path` is relative to it, so a
  // repository's .tcguard.yaml means the same files wherever lint is started. "" (the embedded
  // default, or text parsed without a file) means the current folder.
  std::string base_dir;
};

// A part of an untrusted project policy that the guard left out (src/policy/tighten.h).
struct IgnoredPart {
  std::string what;      // "rule `root-scope-expiry`", "cluster `firefoxci`", "unknown_cluster", ...
  std::string why;       // "lowers the severity from error to note"
  SourceLocation where;  // where the file wrote it
};

// A rule that replaced an earlier one with the same id (merge) and is weaker on clusters the
// file did not name: `policy check` and `policy show` warn (rule id `rule-loosened`).
struct Loosening {
  std::string rule;
  SourceLocation where;                 // the replacing rule
  SourceLocation replaced;              // the rule it replaced
  std::vector<std::string> clusters;    // each cluster that lost protection, with how
  std::string message() const;
};

// What lookup did with one policy file, for `policy show`, `run --dry-run` and the warnings.
struct PolicySource {
  std::string file;
  std::string origin;    // "--policy" | "$TCGUARD_POLICY" | "user configuration" | "project"
  enum class Use { Full, Trusted, TighteningOnly, Ignored } use = Use::Full;
  std::string reason;                // why the whole file was ignored
  std::vector<IgnoredPart> ignored;  // TighteningOnly: the parts left out
};
std::string describe_use(const PolicySource& source);  // "applied in full", "ignored: ...", ...

struct Policy {
  std::vector<Cluster> clusters;
  bool unknown_is_production = true;   // unknown_cluster: production | ignore
  bool unknown_cluster_set = false;    // the file said unknown_cluster (merge keeps the base's otherwise)
  // audit_log: required (default) | best-effort. Required: a guarded command that cannot be
  // recorded is refused; best-effort: it runs after a warning. Only the user's own files may relax it.
  bool audit_required = true;
  bool audit_log_set = false;
  SourceLocation audit_log_where;
  std::vector<Rule> rules;
  std::vector<Action> actions;
  std::vector<Exception> exceptions;
  std::vector<Profile> profiles;       // by name, in the order first defined
  std::vector<std::string> sources;    // the files merged, in order ("<default>" first)
  std::vector<PolicySource> lookup;    // every file lookup found, applied or not, in order
  std::vector<Loosening> loosened;     // rules that merge let weaken where the file did not say so

  const Cluster* find_cluster(const std::string& name) const;
  const Rule* find_rule(const std::string& id) const;
  const Profile* find_profile(const std::string& name) const;
};

// KnownSingle: the embedded default, which a test checks holds one document; it is then parsed
// once instead of twice (the check for a second document is a second parse), at every start.
enum class PolicyDocuments { Check, KnownSingle };
Result<Policy> parse_policy(std::string_view yaml_text, const std::string& filename,
                            PolicyDocuments documents = PolicyDocuments::Check);
// The keys each section of a policy file accepts ("policy" is the top level, "rules[]" a rule,
// "clusters.NAME" a cluster): the parser's own tables, which reject every other key.
struct KeyTable {
  std::string_view section;
  const std::vector<std::string>& keys;
};
const std::vector<KeyTable>& accepted_keys();
// Later wins: rules and actions with the same id are replaced in place, clusters by name;
// exceptions are appended; profiles replaced by name; unknown_cluster taken from overlay when it sets it.
// A replacing rule weaker than the one it replaces is recorded in `loosened`.
Policy merge(Policy base, const Policy& overlay);
// Where `next` (replacing `current`) protects less under `policy`'s clusters: one entry per
// cluster, "firefoxci (no longer applies)"; "" names root URLs no cluster names. With
// `deliberate_ok`, clusters `next` names itself (in `clusters:` or a per-cluster limit) are left
// out: a file that names a cluster means the change there.
std::vector<std::string> rule_losses(const Rule& current, const Rule& next, const Policy& policy, bool deliberate_ok);
// Checks what only the merged policy can tell: every name in a `clusters:` list (and every
// profile's cluster) is a defined cluster, and every exception names a known rule (built-in,
// policy rule or action).
Status check_references(const Policy& policy);

// The embedded policies/default.yaml, parsed (it is tested to parse).
const Policy& default_policy();

struct LoadOptions {
  std::vector<std::string> explicit_files;  // --policy, in order
  bool no_default = false;                   // --no-default-policy
  std::string cwd;                           // where to start looking for .tcguard.yaml
  std::function<std::optional<std::string>(const std::string&)> getenv;  // defaults to ::getenv
  // How a project `.tcguard.yaml` applies. Guard (run, the masquerade, signin, review, whoami):
  // untrusted, so only what tightens, unless trusted by content (`policy trust`); a file not
  // owned by the user or writable by others is ignored. Full (lint, policy check): the
  // repository's own configuration, as .shellcheckrc is.
  enum class Project { Guard, Full } project = Project::Guard;
};
// DESIGN.md lookup, merged over the default: the user's own policy (--policy files, all of
// them, else $TCGUARD_POLICY, else $XDG_CONFIG_HOME/tcguard/policy.yaml), then a project policy
// .tcguard.yaml in cwd or a parent, applied as `options.project` says.
Result<Policy> load_effective_policy(const LoadOptions& options);
// The files that lookup picks (without reading them), user's first, then the project's;
// errors when $TCGUARD_POLICY names no file.
Result<std::vector<std::string>> policy_files_to_load(const LoadOptions& options);
// Reads and parses one policy file.
Result<Policy> load_policy_file(const std::string& path);

// Root URLs compare equal ignoring one trailing '/' and the case of scheme and host.
bool root_urls_equal(std::string_view a, std::string_view b);

// The one canonical form of a root URL the CLI would use: scheme and host lower-cased, a trailing
// '.' of the host, the default port (:443, :80), repeated and trailing '/' dropped. A URL the CLI
// would not use as a root URL (no http(s) scheme, no host, userinfo, a query or fragment, spaces or
// control characters) is an error; tcguard refuses it rather than guessing its cluster.
Result<std::string> normalize_root_url(std::string_view url);

struct ClusterMatch {
  std::string name;       // "" when unknown
  bool known = false;
  bool production = true;
};
// By normalized URL, else by scheme and host alone (a path moves the API, not the deployment).
// A URL that does not normalize is unknown and production.
ClusterMatch classify_root_url(const Policy& policy, const std::optional<std::string>& root_url);

// The policy rules applied to one request (its scopes, lifetime and cluster). Conditions on
// unknown scopes, or limits on an unknown lifetime, do not fire (dynamic-signin-request covers them).
std::vector<Finding> evaluate_rules(const Policy& policy, const SigninRequest& request);

// Drops findings covered by a live exception; appends an `expired-exception` finding for every
// exception whose `until` is before `today_days` (days since 1970-01-01) and that still matched.
// A finding's relative file is taken relative to the current folder. Returns the indices (into
// policy.exceptions, ascending) of the exceptions that covered at least one finding, live or lapsed.
std::vector<size_t> apply_exceptions(const Policy& policy, int64_t today_days, std::vector<Finding>& findings);
// The `unused-exception` notes of a lint run, at each exception's place: every exception whose
// index is not in `used` (by any file of the run), except those of actions and credential checks,
// which lint never reports, so it cannot tell whether they are used.
std::vector<Finding> unused_exception_findings(const Policy& policy, const std::vector<bool>& used);
int64_t today_days_utc();

}  // namespace tcg::policy
