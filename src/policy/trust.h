#pragma once
// Which project policy files the user has trusted to loosen the guard, by exact content
// (`tcguard policy trust FILE`), as `direnv allow` does: editing a trusted file revokes the trust.
// The store is `$XDG_STATE_HOME/tcguard/trusted-policies` (else `~/.local/state/tcguard/...`),
// one `<sha256> <absolute path>` line per file.
#include <functional>
#include <optional>
#include <string>

#include "util/result.h"

namespace tcg::policy {

using Getenv = std::function<std::optional<std::string>(const std::string&)>;

// The store's path, or "" when neither XDG_STATE_HOME (absolute) nor HOME is set.
std::string trust_store_path(const Getenv& getenv);

// Whether `path` (absolute) with exactly `content` is in the store. A store that cannot be read
// trusts nothing.
bool is_trusted(const std::string& store, const std::string& path, std::string_view content);

// Records `path` with the sha256 of `content`, replacing an older record of the same path.
// Creates the folder (0700); the store is written whole to a new file and renamed into place.
Status record_trust(const std::string& store, const std::string& path, std::string_view content);

// Why the guard must not read `path` at all: not owned by the user, or writable by others
// ("" when it is fine). Checked on the open file, so a swap between check and read cannot pass.
std::string unsafe_policy_file_reason(int fd);

}  // namespace tcg::policy
