#pragma once
// The symbolic evaluator (internal to src/shell): runs the syntax tree over sets of paths.
#include <map>
#include <optional>
#include <tuple>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shell/analysis.h"
#include "shell/body_shape.h"
#include "shell/eval_state.h"
#include "shell/parser.h"
#include "shell/unneeded_calls.h"

namespace tcg::shell {

using States = std::vector<State>;

// The zsh options of a path that a function with `setopt localoptions` / `emulate -L` puts back.
struct ZshOptions {
  ZshOption sh_word_split = ZshOption::Off;
  ZshOption ksh_arrays = ZshOption::Off;
  bool local_options = false;
};
ZshOptions zsh_options_of(const State& st);
void restore_zsh_options(State& st, const ZshOptions& caller);

// What zsh gives for one parameter expansion (expand_zsh.cpp); expand_word adds it to the fields.
struct ZshExpansion {
  bool known = true;
  std::string display;             // unknown: how it is shown
  std::vector<std::string> words;  // a scalar is words[0]
  bool array = false;              // the words are separate fields
  bool keep_empty = false;         // "${a[@]}", "${(@)a}": empty elements make fields
  bool split_ifs = false;          // unquoted, split on IFS ($=x, SH_WORD_SPLIT)
  std::vector<int> outputs;
};

// One path. (Not `States{std::move(st)}`: a braced list copies its elements.)
inline States one_path(State st) {
  States out;
  out.push_back(std::move(st));
  return out;
}

// "$name": how a variable whose value is unknown is shown.
std::string dollar(std::string_view name);

class Evaluator {
 public:
  Evaluator(std::string_view text, Analysis& out, Dialect dialect = Dialect::Bash);
  // False when a skipped call could have changed a value the run then read (see
  // shell/unneeded_calls.h): the caller evaluates again with `follow_every_call`.
  bool run(bool follow_every_call = false);

  // Paths kept at any point; beyond this, extra paths are dropped (their earlier calls stay).
  static constexpr size_t kMaxStates = 24;
  static constexpr int kMaxCallDepth = 12;
  // Commands being evaluated one inside another, across calls and evals.
  static constexpr int kMaxNesting = 400;

 private:
  // What is being evaluated: a function, an alias body, the file's top level.
  struct Frame {
    std::string name;       // "" for the top level
    int call_line = 0;      // >0: a call of `name` at this line
    size_t label_base = 0;  // labels before this frame do not belong to its context
    bool alias = false;
    Pos call_pos{};         // call_line > 0: the called name's word
  };

  struct FunctionDef {
    const Command* body = nullptr;
    std::string_view source;  // the text its words' offsets refer to
  };
  struct AliasDef {
    std::string body;
    Pos origin;  // where the body starts in the file
  };
  struct AliasBody {
    std::string name;
    const Script* script = nullptr;  // owned by Analysis::scripts
    BodyShape shape;
  };

  Dialect dialect_ = Dialect::Bash;
  std::string_view text_;
  std::string_view src_;        // the text being evaluated (file, alias body, eval'd string)
  Analysis& out_;
  std::map<std::string, FunctionDef, std::less<>> functions_;
  std::map<std::string, AliasDef, std::less<>> aliases_;
  std::map<std::pair<int, int>, std::vector<AliasBody>> alias_bodies_;  // by where they are defined
  std::vector<Frame> frames_;
  std::set<int> evaluated_outputs_;
  LabelTable labels_;
  int next_sub_id_ = 1;
  long budget_ = 0;
  int nesting_ = 0;
  int text_depth_ = 0;          // eval'd strings and alias bodies being evaluated, one in another
  // Which functions can find something when run (see body_shape.h), for the definitions as they
  // were when definitions_changed_ last had the value finders_computed_at_.
  long definitions_changed_ = 0;
  long finders_computed_at_ = -1;
  std::set<std::string, std::less<>> finders_;
  std::map<const Command*, BodyShape> function_shapes_;  // by body
  // Calls not followed (shell/unneeded_calls.h): the bodies judged unneeded before the run, and
  // which of them may be skipped (or run quietly) by the definitions and aliases as they were
  // when definitions_changed_ had the value skips_checked_at_.
  UnneededCalls unneeded_;
  const Script* file_script_ = nullptr;  // owned by out_.scripts
  bool follow_every_call_ = false;
  bool unneeded_known_ = false;
  long skips_checked_at_ = -1;
  std::map<const Command*, bool> skips_;
  std::map<const Command*, bool> quiet_;
  std::set<const Command*> writes_noted_;  // bodies whose calls' writes are in skipped_writes_
  std::set<std::string, std::less<>> skipped_writes_;  // variables a skipped call could have set
  mutable bool skip_misjudged_ = false;  // code the pre-pass did not see may have met a skip's effect
  bool eval_command_ = false;   // evaluating the words of `eval ...` as code
  Pos eval_pos_;                // where that eval's words are

  // commands
  States eval(const Command& c, States states);
  States eval_seq(const Command& c, States states);
  void eval_simple(const Command& c, States& paths);
  States eval_case(const Command& c, States states);
  States eval_if(const Command& c, States states);
  States eval_loop(const Command& c, States states);
  States eval_function_call(const std::string& name, const FunctionDef& def, std::span<const Field> args,
                            State st, Pos call_at);
  States eval_text(std::string_view code, Pos origin, State st);
  void define_alias(const std::string& name, const Word& word, const std::string& body, size_t eq_offset,
                    const State& st);
  void record_signin(const std::vector<Field>& fields, const std::vector<size_t>& word_of, size_t signin_at,
                     const Command& c, size_t tc_field, const std::vector<std::pair<std::string, Value>>& env,
                     const State& st);
  void apply_assignment(const Assignment& a, State& st, bool local);
  // State-changing commands and credentials written to files (cli_calls.cpp).
  void record_cli_call(std::span<const Field> args, SourceLocation at, const std::vector<std::pair<std::string, Value>>& env,
                       const State& st, std::string via, std::optional<std::string> confirm, bool confirm_given);
  bool run_through_runner(const std::vector<Field>& fields, const std::vector<size_t>& word_of, size_t k,
                          const Command& c, const std::vector<std::pair<std::string, Value>>& env, State& st);
  void note_credential_redirect(const Command& c, State& st);
  void note_tee(const Command& tee, size_t signins_before, State st);
  void note_file_command(const std::string& name, std::span<const Field> args, const Command& c,
                         const std::vector<size_t>& word_of, size_t k, const State& st);
  std::pair<std::string, bool> file_key(const Word& w, State& st);
  long seq_ = 0;         // order in which files are written, removed, sourced
  long in_trap_ = 0;     // >0: evaluating the handler of the EXIT trap set at this seq


  // expansion
  std::vector<Field> expand_words(Span<Word> words, State& st, std::vector<size_t>* word_of = nullptr);
  Value param_value(const WordPart& p, State& st);
  ZshExpansion zsh_param(const WordPart& p, State& st);
  // setopt/unsetopt/set -o/emulate: the zsh options that change expansion (zsh_options.cpp).
  void zsh_option_command(std::string_view name, std::span<const Field> args, State& st);
  ParseOptions parse_options(Pos origin, bool keep_comments) const;
  // zsh: the item `a[i]=v` writes (1-based), nullopt when not modelled; bash: nothing.
  std::optional<size_t> zsh_assignment_slot(std::string_view index, const State& st) const;
  // zsh: `typeset -a NAME` / `local -a NAME` without a value is an empty array.
  void zsh_declare_arrays(const Command& c, std::span<const Field> args, State& st, bool local);
  void expand_word(const Word& w, State& st, std::vector<Field>& out, bool split);
  Field expand_scalar(const Word& w, State& st);
  Value lookup(std::string_view name, const State& st) const;
  Value command_substitution(const WordPart& part, State& st);
  std::string_view ifs(const State& st) const;

  // helpers
  std::string context(const State& st) const;
  SourceLocation where(Pos p) const;
  void dedupe(States& states);
  static void park_ended(States& states, States& ended);
  bool spend();
  bool out_of_budget();
  bool can_find_something(const BodyShape& shape);
  void find_finders();
  const BodyShape& shape_of(const Command& body);  // of a function body, kept
  bool skippable_call(const Command& body, int depth);
  bool quiet_call(const Command& body, int depth);
  template <class Names, class Test>
  bool callees_pass(const Names& names, Test&& test);
  void refresh_skip_memo();
  void note_skipped_writes(const Command& body);
  // Every read of a variable's value goes through here (for the check above).
  const Value* read_var(const State& st, std::string_view name) const;
  // Evaluating text assembled at run time (eval, an alias body: not the file's own text, which
  // the pre-pass saw) after a call was skipped.
  bool run_time_text_after_a_skip() const { return !skipped_writes_.empty() && src_.data() != text_.data(); }
};

}  // namespace tcg::shell
