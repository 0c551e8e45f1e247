#include "actions/client.h"

#include <algorithm>

#include "api/auth.h"
#include "api/http.h"
#include "api/queue.h"
#include "jsone/jsone.h"
#include "scopes/scopes.h"

namespace tcg::actions {

namespace {

api::HttpResponse get_with_retries(const api::ClientOptions& o, const std::string& url) {
  api::HttpRequest req;
  req.method = "GET";
  req.url = url;
  req.headers.emplace_back("Accept", "application/json");  // and never Authorization
  req.connect_timeout = o.connect_timeout;
  req.total_timeout = o.total_timeout;
  api::HttpTransport transport = o.transport ? o.transport : api::http_perform;
  api::HttpResponse r;
  for (int attempt = 0; attempt < 3; ++attempt) {
    r = transport(req);
    if (!((r.status == 0 && !r.permanent) || r.status >= 500)) break;
  }
  return r;
}

std::string trimmed_root(std::string root) {
  while (!root.empty() && root.back() == '/') root.pop_back();
  return root;
}

}  // namespace

Result<std::string> fetch_public_artifact(const api::ClientOptions& options, const std::string& task_id,
                                          const std::string& name, bool* not_found) {
  const std::string root = trimmed_root(options.root_url);
  api::UrlParts root_parts = api::split_url(root + "/");
  if (!root_parts.ok) return Error{"the root URL '" + root + "' is not an http(s) URL", {}};
  const bool loopback_root = api::is_loopback_host(root_parts.host);
  std::string url = root + "/api/queue/v1/task/" + api::encode_path_segment(task_id) + "/artifacts/" +
                    api::encode_path_segment(name);
  const std::string what = name + " of task " + task_id;
  for (int hop = 0;; ++hop) {
    api::HttpResponse r = get_with_retries(options, url);
    if (r.status >= 200 && r.status < 300) return r.body;
    if (r.status >= 300 && r.status < 400) {
      if (hop >= kMaxRedirects)
        return Error{"fetching " + what + ": more than " + std::to_string(kMaxRedirects) + " redirects; not followed", {}};
      api::UrlParts next = api::split_url(r.location);
      if (r.location.empty() || !next.ok)
        return Error{"fetching " + what + ": HTTP " + std::to_string(r.status) + " without a usable Location", {}};
      bool allowed = next.scheme == "https" || (loopback_root && api::is_loopback_host(next.host));
      if (!allowed)
        return Error{"fetching " + what + ": refusing a redirect to " + next.scheme + "://" + next.host +
                         " (artifacts are fetched over https only)", {}};
      url = r.location;
      continue;
    }
    if (r.status == 404 && not_found) *not_found = true;
    if (r.status == 0) return Error{"fetching " + what + ": no answer: " + r.network_error, {}};
    std::string code, message;
    api::parse_error_body(r.body, code, message);
    return Error{"fetching " + what + ": HTTP " + std::to_string(r.status) + (code.empty() ? "" : " " + code) +
                     (message.empty() ? "" : ": " + message), {}};
  }
}

Result<Lookup> look_up(const api::ClientOptions& anonymous, const std::string& id, bool group) {
  api::ClientOptions o = anonymous;
  o.credentials.reset();  // reading is anonymous: these calls need no scopes a user could lack
  api::Client client(o);
  Lookup l;
  if (group) {
    l.decision_id = id;
  } else {
    auto task = api::queue::task(client, id);
    if (!task) {
      if (task.error().status == 404)
        return Error{"task " + id + " does not exist on " + o.root_url + " (expired, or another cluster?)", {}};
      return task.error().to_error();
    }
    l.task_id = id;
    l.task = task->definition;
    l.decision_id = task->summary.task_group_id;
    l.tags = task_tags(l.task);
  }
  auto decision = api::queue::task(client, l.decision_id);
  if (!decision) {
    if (decision.error().status == 404)
      return Error{"the decision task " + l.decision_id + (group ? " of this group" : " (the task's taskGroupId)") +
                       " is gone, so its actions cannot be found; act on a task of a newer push", {}};
    return decision.error().to_error();
  }
  l.decision_task = decision->definition;
  bool missing = false;
  auto text = fetch_public_artifact(o, l.decision_id, "public/actions.json", &missing);
  if (!text) {
    if (missing)
      return Error{"the decision task " + l.decision_id +
                       " published no public/actions.json (expired, or not a decision task): no actions are "
                       "available; act on a task of a newer push", {}};
    return text.error();
  }
  auto file = parse_actions_json(*text, "actions.json of " + l.decision_id);
  if (!file) return file.error();
  l.file = std::move(*file);
  return l;
}

std::string not_available_message(const Lookup& lookup, const std::string& name) {
  std::string names;
  for (const Action* a : applicable(lookup.file, lookup.tags)) names += (names.empty() ? "" : ", ") + a->name;
  std::string subject = lookup.tags ? "task " + lookup.task_id : "task group " + lookup.decision_id;
  std::string text = "'" + name + "' action is not available for " + subject + ".  Available: " +
                     (names.empty() ? "(none)" : names);
  if (lookup.tags) {
    // A group action asked for on a task (or the reverse) is the usual slip.
    for (const auto& a : lookup.file.actions)
      if (a.name == name && applies_to_group(a)) {
        text += ". `" + name + "` is a group action: `tcguard action " + name + " --group " + lookup.decision_id + "`";
        break;
      }
  }
  return text;
}

Result<bool> decision_may_trigger(const api::ClientOptions& anonymous, const Lookup& lookup, const Action& action) {
  api::ClientOptions o = anonymous;
  o.credentials.reset();
  api::Client client(o);
  std::vector<std::string> given;
  if (auto s = lookup.decision_task.find("scopes"); s != lookup.decision_task.end() && s->is_array())
    for (const auto& v : *s)
      if (v.is_string()) given.push_back(v.get<std::string>());
  auto expanded = api::auth::expand_scopes(client, given);
  if (!expanded) return expanded.error().to_error();
  scopes::ScopeSet held(*expanded);
  return held.satisfies(action.in_tree_scope());
}

Result<Json> render_payload(const Lookup& lookup, const Action& action, const Json& input) {
  Json context = Json::object();
  for (const auto& [k, v] : lookup.file.variables.items()) context[k] = v;
  context["taskGroupId"] = lookup.decision_id;
  context["taskId"] = lookup.tags ? Json(lookup.task_id) : Json(nullptr);
  context["input"] = input;
  Json tmpl = action.hook_payload;
  std::optional<Json> decision;
  if (tmpl.is_object() && tmpl.contains("decision")) {
    decision = tmpl["decision"];
    tmpl.erase("decision");
  }
  auto rendered = jsone::render(tmpl, context);
  if (!rendered) return Error{"the hookPayload of `" + action.name + "` does not render: " + rendered.error().message, {}};
  Json out = *rendered;
  if (decision) {
    if (!out.is_object()) return Error{"the hookPayload of `" + action.name + "` does not render to an object", {}};
    // Back in its place, first, as in the file: Chain of Trust compares it with actions.json.
    Json ordered = Json::object();
    ordered["decision"] = *decision;
    for (const auto& [k, v] : out.items()) ordered[k] = v;
    out = std::move(ordered);
  }
  return out;
}

api::ApiResult<std::string> trigger_hook(const api::Client& client, const Action& action, const Json& payload) {
  std::string route = "/hooks/" + api::encode_path_segment(action.hook_group_id) + "/" +
                      api::encode_path_segment(action.hook_id) + "/trigger";
  auto answer = client.call("hooks", "triggerHook", "POST", route, nlohmann::json::parse(payload.dump()));
  if (!answer) return answer.error();
  const auto& j = *answer;
  if (j.contains("taskId") && j["taskId"].is_string()) return j["taskId"].get<std::string>();
  if (j.contains("status") && j["status"].is_object() && j["status"].contains("taskId") && j["status"]["taskId"].is_string())
    return j["status"]["taskId"].get<std::string>();
  api::ApiError e;
  e.method = "hooks.triggerHook";
  e.status = 200;
  e.message = "the answer names no action task (the hook rendered no task)";
  return e;
}

std::string explain_trigger_error(const api::ApiError& error, const Action& action) {
  std::string text = error.str();
  const std::string hook = action.hook_group_id + "/" + action.hook_id;
  if (error.status == 403) {
    int level = hook_level(action.hook_id);
    std::string perm = hook_permission(action.hook_id);
    text += "\n  the credentials lack " + action.trigger_scope();
    if (level > 0)
      text += " (a level-" + std::to_string(level) + " `" + perm + "` action: commit access level " +
              std::to_string(level) + ", or sheriff for level 3)";
    text += ".\n  Sign in with it: `tcguard signin --for 'action " + action.name + " ...'` or `-s '" +
            action.trigger_scope() + "'`";
  } else if (error.status == 404) {
    text += "\n  the hook " + hook +
            " no longer exists: the decision's .taskcluster.yml hash has expired (hooks are kept 60 days after "
            "their last use). Retrigger from a task of a newer push";
  } else if (error.status == 400) {
    text += "\n  the hook refused the payload: the input failed the hook's trigger schema. Check --input against "
            "`tcguard action list` and the action's schema";
  }
  return text;
}

}  // namespace tcg::actions
