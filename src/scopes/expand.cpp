// Offline role expansion with the auth service's semantics (services/auth/src/trie.js,
// scoperesolver.js): `assume:R` grants role R's scopes, star roles match by prefix, `<..>` is
// replaced by the parameter, and the result is a fixed point. Roles are indexed by id so each
// lookup costs O(length of the scope), not O(number of roles).
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "scopes/scopes.h"

namespace tcg::scopes {

namespace {

constexpr std::string_view kAssume = "assume:";
constexpr std::string_view kParam = "<..>";
// Expansion stops with an error past this many scopes (a safety net for hostile role files).
constexpr size_t kMaxExpandedScopes = 1'000'000;

struct IndexedRole {
  const Role* role = nullptr;
  bool star = false;
  std::vector<std::string> plain;    // granted as they are
  std::vector<std::string> paramed;  // contain `<..>` (star roles only)
};

struct Grant {
  size_t role;
  std::string param;  // meaningful for star roles only
};

// What an `assume:`-like held scope asks the role table for: the text after `assume:`, or `*`
// (every role) for `*`, `a*`, `as*` ... `assume*`.
std::optional<std::string> assume_input(std::string_view scope) {
  if (scope.starts_with(kAssume)) return std::string(scope.substr(kAssume.size()));
  if (!scope.empty() && scope.back() == '*' && kAssume.starts_with(scope.substr(0, scope.size() - 1)))
    return std::string("*");
  return std::nullopt;
}

// `<..>` becomes the parameter; a parameter ending in `*` also swallows the rest of the scope.
std::string substitute(const std::string& scope, std::string_view param) {
  const size_t at = scope.find(kParam);
  if (!param.empty() && param.back() == '*') return scope.substr(0, at) + std::string(param);
  return scope.substr(0, at) + std::string(param) + scope.substr(at + kParam.size());
}

class RoleTable {
 public:
  static Result<RoleTable> build(const std::vector<Role>& roles) {
    RoleTable t;
    t.roles_.reserve(roles.size());
    for (const auto& role : roles) {
      IndexedRole r;
      r.role = &role;
      r.star = !role.role_id.empty() && role.role_id.back() == '*';
      for (const auto& s : role.scopes) {
        const size_t first = s.find(kParam);
        if (!r.star || first == std::string::npos) {
          r.plain.push_back(s);  // `<..>` is literal in a role that is not a star role
          continue;
        }
        if (s.find(kParam, first + kParam.size()) != std::string::npos)
          return Error{"role '" + role.role_id + "': parameterized scope '" + s + "' contains more than one '<..>'", {}};
        if (s.size() >= kParam.size() + 1 && s.ends_with("*<..>") && first == s.size() - kParam.size())
          return Error{"role '" + role.role_id + "': parameterized scope '" + s +
                           "' ends with '*<..>', which makes the '*' ambiguous",
                       {}};
        r.paramed.push_back(s);
      }
      const size_t index = t.roles_.size();
      const std::string key = r.star ? role.role_id.substr(0, role.role_id.size() - 1) : role.role_id;
      auto& slot = r.star ? t.star_ : t.exact_;
      if (!slot.emplace(key, index).second) return Error{"role '" + role.role_id + "' is defined twice", {}};
      t.keys_.emplace_back(key, index);
      t.roles_.push_back(std::move(r));
    }
    std::sort(t.keys_.begin(), t.keys_.end());
    return t;
  }

  const IndexedRole& role(size_t i) const { return roles_[i]; }
  size_t size() const { return roles_.size(); }

  // The roles an `assume:<input>` scope reaches, each with its parameter.
  std::vector<Grant> lookup(std::string_view input) const {
    std::vector<Grant> out;
    if (!input.empty() && input.back() == '*') {
      const std::string_view x = input.substr(0, input.size() - 1);
      // Every role whose id (without its star) starts with x; star roles get the parameter `*`.
      auto it = std::lower_bound(keys_.begin(), keys_.end(), x,
                                 [](const auto& k, std::string_view v) { return std::string_view(k.first) < v; });
      for (; it != keys_.end() && std::string_view(it->first).starts_with(x); ++it)
        out.push_back({it->second, "*"});
      // Star roles whose prefix is a proper prefix of x: the parameter is the rest, star included.
      for (size_t k = 0; k < x.size(); ++k)
        if (auto s = star_.find(std::string(x.substr(0, k))); s != star_.end())
          out.push_back({s->second, std::string(input.substr(k))});
    } else {
      if (auto e = exact_.find(std::string(input)); e != exact_.end()) out.push_back({e->second, ""});
      for (size_t k = 0; k <= input.size(); ++k)
        if (auto s = star_.find(std::string(input.substr(0, k))); s != star_.end())
          out.push_back({s->second, std::string(input.substr(k))});
    }
    return out;
  }

  std::vector<std::string> granted(const Grant& g) const {
    const IndexedRole& r = roles_[g.role];
    std::vector<std::string> out = r.plain;
    for (const auto& s : r.paramed) out.push_back(substitute(s, g.param));
    return out;
  }

 private:
  std::vector<IndexedRole> roles_;
  std::unordered_map<std::string, size_t> exact_;  // role id -> role
  std::unordered_map<std::string, size_t> star_;   // star role id without its star -> role
  std::vector<std::pair<std::string, size_t>> keys_;  // both of the above, sorted by key
};

// The service refuses role graphs with a cycle, judged pessimistically: every star role is taken
// to be assumed with the parameter `*`. (So a role that grants `*` or `assume:*` depends on itself.)
Status check_acyclic(const RoleTable& table) {
  const size_t n = table.size();
  std::vector<std::vector<size_t>> deps(n);
  for (size_t i = 0; i < n; ++i) {
    std::unordered_set<size_t> found;
    for (const auto& s : table.granted({i, "*"})) {
      auto input = assume_input(s);
      if (!input) continue;
      for (const auto& g : table.lookup(*input))
        if (found.insert(g.role).second) deps[i].push_back(g.role);
    }
  }
  enum class Mark { New, OnStack, Done };
  std::vector<Mark> mark(n, Mark::New);
  // Iterative depth-first search, so a long chain of roles cannot overflow the stack.
  for (size_t root = 0; root < n; ++root) {
    if (mark[root] != Mark::New) continue;
    std::vector<std::pair<size_t, size_t>> stack{{root, 0}};
    mark[root] = Mark::OnStack;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == deps[node].size()) {
        mark[node] = Mark::Done;
        stack.pop_back();
        continue;
      }
      const size_t dep = deps[node][next++];
      if (mark[dep] == Mark::OnStack) {
        std::string cycle;
        bool in_cycle = false;
        for (const auto& frame : stack) {
          if (frame.first == dep) in_cycle = true;
          if (in_cycle) cycle += "'assume:" + table.role(frame.first).role->role_id + "' -> ";
        }
        cycle += "'assume:" + table.role(dep).role->role_id + "'";
        return Error{"roles may not form a dependency cycle, found: " + cycle +
                         " (judged as the auth service does: every star role as if assumed with the parameter '*')",
                     {}};
      }
      if (mark[dep] == Mark::New) {
        mark[dep] = Mark::OnStack;
        stack.emplace_back(dep, 0);
      }
    }
  }
  return Ok{};
}

}  // namespace

Result<std::vector<std::string>> expand(const std::vector<Role>& roles, const std::vector<std::string>& scopes) {
  auto table = RoleTable::build(roles);
  if (!table) return table.error();
  if (auto acyclic = check_acyclic(*table); !acyclic) return acyclic.error();

  std::unordered_set<std::string> all(scopes.begin(), scopes.end());
  std::unordered_set<std::string> looked_up;  // assume inputs already expanded
  std::vector<std::string> work(scopes.begin(), scopes.end());
  while (!work.empty()) {
    const std::string scope = std::move(work.back());
    work.pop_back();
    auto input = assume_input(scope);
    if (!input || !looked_up.insert(*input).second) continue;
    for (const auto& grant : table->lookup(*input)) {
      for (auto& s : table->granted(grant)) {
        if (all.contains(s)) continue;
        if (all.size() >= kMaxExpandedScopes)
          return Error{"role expansion grew past " + std::to_string(kMaxExpandedScopes) + " scopes; giving up", {}};
        all.insert(s);
        work.push_back(std::move(s));
      }
    }
  }
  return normalize(std::vector<std::string>(all.begin(), all.end()));
}

}  // namespace tcg::scopes
