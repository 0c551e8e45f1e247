#pragma once
// Runs the loopback Taskcluster stand-in (tests/standin/server.js) for one test. Its npm
// dependencies are installed into the build folder on first use.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace tcg::test {

class Standin {
 public:
  // Starts the server with `fixture`; nullptr (and `why`) when node or its npm packages are missing.
  static std::unique_ptr<Standin> start(const nlohmann::json& fixture, std::string* why);
  ~Standin();  // closes the server's stdin (it exits), then reaps it
  Standin(const Standin&) = delete;
  Standin& operator=(const Standin&) = delete;

  int port() const { return port_; }
  std::string root_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The requests the server saw: [{method, url, clientId, status}] (control calls excluded).
  nlohmann::json log() const;
  // The hooks triggered: [{hook, payload, clientId, taskId, task}] (server.js "fired").
  nlohmann::json fired() const;
  void inject(const nlohmann::json& injection) const;  // see server.js "inject"
  void refuse() const;  // the server stops listening: later connections are refused
  void stop();          // ends the server now (its port then refuses)

 private:
  Standin() = default;
  int pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
  std::string fixture_path_;
};

// The npm folder with `hawk`, `taskcluster-lib-scopes`, `json-e` and `ajv` (installed if needed); "" + why on failure.
std::string standin_node_modules(std::string* why);

}  // namespace tcg::test

// Skips the test loudly when the stand-in cannot run (npm registry unreachable).
#define TCG_START_STANDIN(var, fixture)                                                        \
  std::string var##_why;                                                                       \
  auto var = ::tcg::test::Standin::start(fixture, &var##_why);                                 \
  if (!var) GTEST_SKIP() << "!!! STAND-IN UNAVAILABLE, TEST NOT RUN: " << var##_why << " !!!"
