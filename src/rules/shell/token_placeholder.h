#pragma once
// Is a literal value written for TASKCLUSTER_ACCESS_TOKEN a placeholder a doc or template shows
// (`..`, `xxxxxxxx`, `<your token>`, `your-access-token`, `${TOKEN}`, `changeme`, `REDACTED`,
// `***`) rather than a secret? A real Taskcluster access token is 44 random base64url characters;
// temporary credentials are JSON/certificate text: neither is ever taken for a placeholder.
#include <string_view>

namespace tcg::rules {

bool is_token_placeholder(std::string_view value);

}  // namespace tcg::rules
