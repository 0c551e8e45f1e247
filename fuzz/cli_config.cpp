// libFuzzer: the Taskcluster CLI's taskcluster.yml from untrusted text, through the one reader
// (api/cli_config.h). It must never crash or hang; errors name the file; a root URL that was read
// either normalizes or is refused, and normalizing is idempotent.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "api/cli_config.h"
#include "policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto config = tcg::api::parse_cli_config(text, "taskcluster.yml");
  if (!config) {
    if (config.error().where.file != "taskcluster.yml") std::abort();
    return 0;
  }
  if (config->root_url) {
    auto once = tcg::policy::normalize_root_url(*config->root_url);
    if (once) {
      auto twice = tcg::policy::normalize_root_url(*once);
      if (!twice || *twice != *once) std::abort();
    }
  }
  return 0;
}
