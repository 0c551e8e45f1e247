// The `taskcluster api` services and the methods known not to change state. Facts from
// client-shell apis/services.go (generated from the services' API references): the service
// command is the service's name with a lower-case first letter. GET methods that hand out
// credentials or secrets tokens (auth.awsS3Credentials, auth.gcpCredentials, auth.sentryDSN,
// auth.websocktunnelToken, auth.azure*SAS, hooks.getTriggerToken) are left out on purpose, as
// are all methods not listed: they count as state-changing.
#include <algorithm>
#include <array>
#include <string_view>

#include "tccli/command.h"

namespace tcg::tccli {

namespace {

constexpr std::array<std::string_view, 10> kServices = {
    "auth", "github", "hooks", "index", "notify", "object", "purgeCache", "queue", "secrets", "workerManager",
};

// Every service has these.
constexpr std::array<std::string_view, 4> kCommonReadOnly = {"ping", "lbheartbeat", "version", "heartbeat"};

struct ReadOnlyMethod {
  std::string_view service;
  std::string_view method;
};

// POST methods here (auth.expandScopes, queue.tasks, ...) only read; they use POST for a body.
constexpr ReadOnlyMethod kReadOnly[] = {
    {"auth", "listClients"}, {"auth", "client"}, {"auth", "listRoles"}, {"auth", "listRoles2"},
    {"auth", "listRoleIds"}, {"auth", "role"}, {"auth", "expandScopes"}, {"auth", "currentScopes"},
    {"auth", "testAuthenticate"}, {"auth", "testAuthenticateGet"}, {"auth", "authenticateHawk"},
    {"auth", "azureAccounts"}, {"auth", "azureTables"}, {"auth", "azureContainers"},
    {"github", "builds"}, {"github", "badge"}, {"github", "repository"}, {"github", "latest"},
    {"github", "renderTaskclusterYml"},
    {"hooks", "listHookGroups"}, {"hooks", "listHooks"}, {"hooks", "hook"}, {"hooks", "getHookStatus"},
    {"hooks", "listLastFires"},
    {"index", "findTask"}, {"index", "findTasksAtIndex"}, {"index", "listNamespaces"}, {"index", "listTasks"},
    {"index", "findArtifactFromTask"},
    {"notify", "listDenylist"},
    {"object", "object"}, {"object", "download"}, {"object", "startDownload"},
    {"purgeCache", "allPurgeRequests"}, {"purgeCache", "purgeRequests"},
    {"queue", "task"}, {"queue", "tasks"}, {"queue", "statuses"}, {"queue", "status"},
    {"queue", "listTaskGroup"}, {"queue", "getTaskGroup"}, {"queue", "listDependentTasks"},
    {"queue", "getArtifact"}, {"queue", "getLatestArtifact"}, {"queue", "listArtifacts"},
    {"queue", "listLatestArtifacts"}, {"queue", "artifactInfo"}, {"queue", "latestArtifactInfo"},
    {"queue", "artifact"}, {"queue", "latestArtifact"}, {"queue", "listProvisioners"},
    {"queue", "getProvisioner"}, {"queue", "pendingTasks"}, {"queue", "listPendingTasks"},
    {"queue", "listClaimedTasks"}, {"queue", "listWorkerTypes"}, {"queue", "getWorkerType"},
    {"queue", "listTaskQueues"}, {"queue", "getTaskQueue"}, {"queue", "listWorkers"}, {"queue", "getWorker"},
    {"secrets", "get"}, {"secrets", "list"},
    {"workerManager", "listProviders"}, {"workerManager", "workerPool"}, {"workerManager", "listWorkerPools"},
    {"workerManager", "workerPoolErrorStats"}, {"workerManager", "listWorkerPoolErrors"},
    {"workerManager", "listWorkersForWorkerGroup"}, {"workerManager", "worker"},
    {"workerManager", "listWorkersForWorkerPool"}, {"workerManager", "listWorkers"},
    {"workerManager", "getWorker"},
};

}  // namespace

bool is_known_api_service(std::string_view service) {
  return std::find(kServices.begin(), kServices.end(), service) != kServices.end();
}

bool is_read_only_api_method(std::string_view service, std::string_view method) {
  if (!is_known_api_service(service)) return false;
  if (std::find(kCommonReadOnly.begin(), kCommonReadOnly.end(), method) != kCommonReadOnly.end()) return true;
  for (const auto& m : kReadOnly)
    if (m.service == service && m.method == method) return true;
  return false;
}

}  // namespace tcg::tccli
