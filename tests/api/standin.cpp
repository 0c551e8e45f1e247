#include "standin.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "api/http.h"
#include "support/cli_runner.h"

namespace tcg::test {

std::string standin_node_modules(std::string* why) {
  std::string prefix = std::string(TCGUARD_BUILD_DIR) + "/standin-npm";
  std::string modules = prefix + "/node_modules";
  auto installed = [&] {
    return std::filesystem::exists(modules + "/hawk/package.json") &&
           std::filesystem::exists(modules + "/taskcluster-lib-scopes/package.json") &&
           std::filesystem::exists(modules + "/json-e/package.json") && std::filesystem::exists(modules + "/ajv/package.json");
  };
  if (installed()) return modules;
  std::filesystem::create_directories(prefix);
  // Test programs may run in parallel: one installs, the others wait on the lock.
  int lock = open((prefix + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
  if (lock >= 0) flock(lock, LOCK_EX);
  if (!installed()) {
    auto r = run({"npm", "install", "--no-audit", "--no-fund", "--prefix", prefix, "hawk", "taskcluster-lib-scopes@11",
                  "json-e@4.8.4", "ajv@8"});
    if (r.exit_code != 0 && why) *why = "npm install failed (registry unreachable?): " + r.err.substr(0, 500);
  }
  if (lock >= 0) {
    flock(lock, LOCK_UN);
    close(lock);
  }
  if (!installed()) {
    if (why && why->empty()) *why = "npm packages hawk/taskcluster-lib-scopes/json-e/ajv not installed";
    return "";
  }
  return modules;
}

std::unique_ptr<Standin> Standin::start(const nlohmann::json& fixture, std::string* why) {
  std::string modules = standin_node_modules(why);
  if (modules.empty()) return nullptr;
  std::unique_ptr<Standin> s(new Standin());
  char tmpl[] = "/tmp/tcguard-standin-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) {
    *why = "mkstemp failed";
    return nullptr;
  }
  close(fd);
  s->fixture_path_ = tmpl;
  std::ofstream(s->fixture_path_) << fixture.dump();

  int in_pipe[2], out_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0) return nullptr;
  std::string server = source_path("tests/standin/server.js");
  std::string node_path = "NODE_PATH=" + modules;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    for (int f : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]}) close(f);
    putenv(node_path.data());
    execlp("node", "node", server.c_str(), s->fixture_path_.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  s->pid_ = pid;
  s->stdin_fd_ = in_pipe[1];
  // Wait (bounded) for "PORT <n>".
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_pipe[0], POLLIN, 0};
    if (poll(&p, 1, 500) <= 0) continue;
    char buf[256];
    ssize_t n = read(out_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  if (line.rfind("PORT ", 0) != 0) {
    if (why) *why = "the stand-in did not start (node missing?)";
    return nullptr;  // the destructor reaps it
  }
  s->port_ = std::atoi(line.c_str() + 5);
  return s;
}

void Standin::stop() {
  if (stdin_fd_ >= 0) {
    close(stdin_fd_);
    stdin_fd_ = -1;
  }
  if (pid_ > 0) {
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
}

Standin::~Standin() {
  stop();
  if (!fixture_path_.empty()) std::filesystem::remove(fixture_path_);
}

nlohmann::json Standin::log() const {
  api::HttpRequest req;
  req.method = "GET";
  req.url = root_url() + "/__control/log";
  auto r = api::http_perform(req);
  return nlohmann::json::parse(r.body, nullptr, false);
}

nlohmann::json Standin::fired() const {
  api::HttpRequest req;
  req.method = "GET";
  req.url = root_url() + "/__control/fired";
  auto r = api::http_perform(req);
  return nlohmann::json::parse(r.body, nullptr, false);
}

void Standin::inject(const nlohmann::json& injection) const {
  api::HttpRequest req;
  req.method = "POST";
  req.url = root_url() + "/__control/inject";
  req.body = injection.dump();
  req.headers.emplace_back("Content-Type", "application/json");
  api::http_perform(req);
}

void Standin::refuse() const {
  api::HttpRequest req;
  req.method = "POST";
  req.url = root_url() + "/__control/refuse";
  req.body = "{}";
  api::http_perform(req);
}

}  // namespace tcg::test
