#include "shell/builtins.h"

#include <array>
#include <cstdint>

namespace tcg::shell {

namespace {

constexpr std::array kBuiltins = {
    Builtin{"command", BuiltinKind::Wrapper, true},  Builtin{"builtin", BuiltinKind::Wrapper, true},
    Builtin{"exec", BuiltinKind::Wrapper, true},     Builtin{"nohup", BuiltinKind::Wrapper, true},
    Builtin{"time", BuiltinKind::Wrapper, true},     Builtin{"env", BuiltinKind::Env, true},
    Builtin{"export", BuiltinKind::Declare, false},  Builtin{"local", BuiltinKind::Declare, false},
    Builtin{"declare", BuiltinKind::Declare, false}, Builtin{"typeset", BuiltinKind::Declare, false},
    Builtin{"readonly", BuiltinKind::Declare, false}, Builtin{"unset", BuiltinKind::Unset, true},
    Builtin{"eval", BuiltinKind::Eval, true},        Builtin{"source", BuiltinKind::Source, true},
    Builtin{".", BuiltinKind::Source, true},         Builtin{"alias", BuiltinKind::Alias, true},
    Builtin{"unalias", BuiltinKind::Unalias, true},  Builtin{"echo", BuiltinKind::Output, false},
    Builtin{"printf", BuiltinKind::Output, false},   Builtin{"return", BuiltinKind::End, false},
    Builtin{"exit", BuiltinKind::End, false},        Builtin{"set", BuiltinKind::Set, false},
    Builtin{"shift", BuiltinKind::Shift, false},     Builtin{"read", BuiltinKind::Read, false},
    Builtin{"mapfile", BuiltinKind::Read, false},    Builtin{"readarray", BuiltinKind::Read, false},
    Builtin{"getopts", BuiltinKind::Read, false},    Builtin{":", BuiltinKind::NoOp, false},
    Builtin{"true", BuiltinKind::NoOp, false},       Builtin{"false", BuiltinKind::NoOp, false},
    Builtin{"cd", BuiltinKind::NoOp, false},         Builtin{"[", BuiltinKind::NoOp, false},
    Builtin{"[[", BuiltinKind::NoOp, false},         Builtin{"test", BuiltinKind::NoOp, false},
    Builtin{"shopt", BuiltinKind::NoOp, false},      Builtin{"setopt", BuiltinKind::NoOp, false},
    Builtin{"unsetopt", BuiltinKind::NoOp, false},   Builtin{"trap", BuiltinKind::NoOp, false},
};

// The builtins by first character, as a set of indexes into kBuiltins: every simple command the
// evaluator runs asks, and most command names are no builtin.
static_assert(kBuiltins.size() <= 64);
constexpr auto kByFirstChar = [] {
  std::array<uint64_t, 256> by{};
  for (size_t i = 0; i < kBuiltins.size(); ++i)
    by[static_cast<unsigned char>(kBuiltins[i].name[0])] |= uint64_t{1} << i;
  return by;
}();

}  // namespace

const Builtin* find_builtin(std::string_view name) {
  if (name.empty()) return nullptr;
  for (uint64_t set = kByFirstChar[static_cast<unsigned char>(name[0])]; set != 0; set &= set - 1) {
    const Builtin& b = kBuiltins[static_cast<size_t>(__builtin_ctzll(set))];
    if (b.name == name) return &b;
  }
  return nullptr;
}

std::string_view basename_of(std::string_view command) {
  auto slash = command.rfind('/');
  return slash == std::string_view::npos ? command : command.substr(slash + 1);
}

NamedProgram named_program(std::string_view command) {
  std::string_view b = basename_of(command);
  if (b == "xargs" || b == "parallel" || b == "tcguard") return NamedProgram::Runner;
  if (b == "rm" || b == "shred" || b == "unlink") return NamedProgram::Remove;
  if (b == "source" || b == ".") return NamedProgram::Source;
  if (b == "trap") return NamedProgram::Trap;
  return NamedProgram::None;
}

}  // namespace tcg::shell
