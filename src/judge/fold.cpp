#include "judge/fold.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tcg::judge {

namespace {

bool same_place(const SourceLocation& a, const SourceLocation& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column;
}

const SigninRequest* via_call(const std::vector<SigninRequest>& requests, const Finding& f) {
  if (!f.request || *f.request >= requests.size()) return nullptr;
  const SigninRequest& r = requests[*f.request];
  return r.written_at && same_place(f.where, r.where) ? &r : nullptr;
}

constexpr std::array<std::string_view, 4> kLifetimeRules = {"root-scope-expiry", "service-wildcard-expiry",
                                                             "wildcard-scope-expiry", "long-lived-credential"};

// Position in kLifetimeRules, or kLifetimeRules.size() for another rule.
size_t lifetime_rank(const std::string& rule) {
  return static_cast<size_t>(std::find(kLifetimeRules.begin(), kLifetimeRules.end(), rule) - kLifetimeRules.begin());
}

bool is_scope_rule(const std::string& rule) { return lifetime_rank(rule) < 3; }

RelatedLocation folded(const Finding& f) { return RelatedLocation{f.where, f.message, f.rule, f.severity}; }

}  // namespace

void relate_call_sites(const std::vector<SigninRequest>& requests, std::vector<Finding>& findings) {
  for (auto& f : findings)
    if (const SigninRequest* r = via_call(requests, f))
      f.related.push_back(RelatedLocation{*r->written_at, "the sign-in this call runs is written here", "", Severity::Note});
}

void merge_call_duplicates(const std::vector<SigninRequest>& requests, std::vector<Finding>& findings) {
  std::vector<bool> drop(findings.size(), false);
  for (size_t i = 0; i < findings.size(); ++i) {
    const SigninRequest* r = via_call(requests, findings[i]);
    if (!r) continue;
    for (size_t j = 0; j < findings.size(); ++j) {
      Finding& body = findings[j];
      if (j == i || drop[j] || body.rule != findings[i].rule || body.message != findings[i].message ||
          !same_place(body.where, *r->written_at))
        continue;
      std::string line = std::to_string(findings[i].where.line);
      bool noted = std::any_of(body.related.begin(), body.related.end(),
                               [&](const RelatedLocation& x) { return same_place(x.where, findings[i].where); });
      if (!noted) body.related.push_back(RelatedLocation{findings[i].where, "also run by the call at line " + line, "", Severity::Note});
      drop[i] = true;
      break;
    }
  }
  size_t k = 0;
  for (size_t i = 0; i < findings.size(); ++i)
    if (!drop[i]) {
      if (k != i) findings[k] = std::move(findings[i]);  // never onto itself: a self-move empties it
      ++k;
    }
  findings.resize(k);
}

void fold_causes(std::vector<Finding>& findings) {
  std::vector<bool> drop(findings.size(), false);
  for (size_t i = 0; i < findings.size(); ++i) {
    if (drop[i] || !findings[i].request || lifetime_rank(findings[i].rule) == kLifetimeRules.size()) continue;
    // The group: this request's findings at this place.
    std::vector<size_t> group;
    for (size_t j = 0; j < findings.size(); ++j)
      if (!drop[j] && findings[j].request == findings[i].request && same_place(findings[j].where, findings[i].where))
        group.push_back(j);
    size_t kept = kLifetimeRules.size();
    size_t kept_at = 0;
    for (size_t j : group) {
      size_t rank = lifetime_rank(findings[j].rule);
      if (rank == kLifetimeRules.size()) continue;
      if (kept == kLifetimeRules.size() || findings[j].severity > findings[kept_at].severity ||
          (findings[j].severity == findings[kept_at].severity && rank < kept)) {
        kept = rank;
        kept_at = j;
      }
    }
    Finding& keep = findings[kept_at];
    std::vector<RelatedLocation> notes;
    for (size_t j : group) {
      if (j == kept_at) continue;
      const Finding& other = findings[j];
      bool fold = lifetime_rank(other.rule) < kLifetimeRules.size() || other.rule == "signin-default-expiry" ||
                  (other.rule == "signin-default-scopes" && is_scope_rule(keep.rule));
      if (!fold) continue;
      notes.push_back(folded(other));
      for (const auto& r : other.related)
        if (r.rule.empty() && std::none_of(keep.related.begin(), keep.related.end(), [&](const RelatedLocation& x) {
              return x.rule.empty() && same_place(x.where, r.where);
            }))
          keep.related.push_back(r);
      drop[j] = true;
    }
    // The folded findings first, in the order of the list above; then the explanations.
    std::stable_sort(notes.begin(), notes.end(), [](const RelatedLocation& a, const RelatedLocation& b) {
      size_t ra = lifetime_rank(a.rule), rb = lifetime_rank(b.rule);
      return ra != rb ? ra < rb : a.rule < b.rule;  // the explanations by id: one order in every front end
    });
    keep.related.insert(keep.related.end(), notes.begin(), notes.end());
  }
  size_t k = 0;
  for (size_t i = 0; i < findings.size(); ++i)
    if (!drop[i]) {
      if (k != i) findings[k] = std::move(findings[i]);  // never onto itself: a self-move empties it
      ++k;
    }
  findings.resize(k);
}

}  // namespace tcg::judge
