// The command model against the real CLI's command tree and pflag/cobra parsing rules.
#include <gtest/gtest.h>

#include "tccli/command.h"

namespace tcg::tccli {
namespace {

Command parse(std::initializer_list<std::string> words) { return parse_command(std::vector<std::string>(words)); }

TEST(CommandModel, ReadOnlyTaskCommands) {
  for (const char* sub : {"status", "name", "def", "group", "artifacts", "log"}) {
    Command c = parse({"task", sub, "fQ7RkAcgSBeZ4B8GQNcDhA"});
    EXPECT_EQ(c.name, std::string("task ") + sub);
    EXPECT_TRUE(c.known);
    EXPECT_FALSE(c.state_changing) << sub;
    EXPECT_EQ(c.target_id, "fQ7RkAcgSBeZ4B8GQNcDhA");
  }
}

TEST(CommandModel, StateChangingTaskCommands) {
  for (const char* sub : {"rerun", "cancel", "retrigger", "complete"}) {
    Command c = parse({"task", sub, "fQ7RkAcgSBeZ4B8GQNcDhA"});
    EXPECT_EQ(c.name, std::string("task ") + sub);
    EXPECT_TRUE(c.state_changing) << sub;
    EXPECT_EQ(c.target_id, "fQ7RkAcgSBeZ4B8GQNcDhA");
  }
  Command run = parse({"task", "run", "--provisioner", "p", "--worker-type", "w", "ubuntu", "echo", "hi"});
  EXPECT_EQ(run.name, "task run");
  EXPECT_TRUE(run.state_changing);
  EXPECT_EQ(run.flag_values.at("--worker-type"), "w");
  EXPECT_EQ(run.positionals, (std::vector<std::string>{"ubuntu", "echo", "hi"}));
  EXPECT_EQ(run.target_id, "");
}

TEST(CommandModel, GlobalVerboseAnywhere) {
  Command a = parse({"-v", "task", "rerun", "T1"});
  Command b = parse({"task", "-v", "rerun", "T1"});
  Command c = parse({"task", "rerun", "T1", "--verbose"});
  for (const auto& cmd : {a, b, c}) {
    EXPECT_EQ(cmd.name, "task rerun");
    EXPECT_EQ(cmd.target_id, "T1");
    EXPECT_TRUE(cmd.has_flag("--verbose"));
    EXPECT_TRUE(cmd.problems.empty());
  }
}

TEST(CommandModel, FlagForms) {
  Command c = parse({"task", "rerun", "-f", "T1"});
  EXPECT_TRUE(c.has_flag("--force"));
  EXPECT_TRUE(c.has_flag("-f"));
  EXPECT_EQ(c.target_id, "T1");
  EXPECT_TRUE(parse({"task", "rerun", "T1", "--force"}).has_flag("--force"));
  EXPECT_TRUE(parse({"task", "rerun", "--force=true", "T1"}).has_flag("--force"));
  EXPECT_FALSE(parse({"task", "rerun", "--force=false", "T1"}).has_flag("--force"));
  Command combined = parse({"task", "rerun", "-vf", "T1"});
  EXPECT_TRUE(combined.has_flag("--force"));
  EXPECT_TRUE(combined.has_flag("--verbose"));
  EXPECT_FALSE(parse({"task", "rerun", "T1"}).has_flag("--force"));
  EXPECT_TRUE(parse({"task", "retrigger", "-e", "T1"}).has_flag("--exact"));
}

TEST(CommandModel, ValueFlagsInAllForms) {
  for (auto words : std::vector<std::vector<std::string>>{
           {"group", "cancel", "-w", "b-linux", "G1"},
           {"group", "cancel", "-wb-linux", "G1"},
           {"group", "cancel", "-w=b-linux", "G1"},
           {"group", "cancel", "--worker-type", "b-linux", "G1"},
           {"group", "cancel", "--worker-type=b-linux", "G1"},
           {"group", "cancel", "G1", "-fw", "b-linux"},
       }) {
    Command c = parse_command(words);
    EXPECT_EQ(c.name, "group cancel");
    EXPECT_TRUE(c.state_changing);
    EXPECT_EQ(c.target_id, "G1") << words[2];
    EXPECT_EQ(c.flag_values.at("--worker-type"), "b-linux") << words[2];
  }
}

TEST(CommandModel, DoubleDashEndsFlags) {
  // The seed's own spelling: `taskcluster task retrigger -- TASKID`.
  Command c = parse({"task", "retrigger", "--", "-dashy-taskid"});
  EXPECT_EQ(c.name, "task retrigger");
  EXPECT_EQ(c.target_id, "-dashy-taskid");
  EXPECT_TRUE(c.problems.empty());
  Command d = parse({"task", "rerun", "--", "T1", "--force"});
  EXPECT_FALSE(d.has_flag("--force"));
  EXPECT_EQ(d.positionals, (std::vector<std::string>{"T1", "--force"}));
}

TEST(CommandModel, NoopAndHelpRunNothing) {
  EXPECT_FALSE(parse({"task", "rerun", "--noop", "T1"}).state_changing);
  EXPECT_FALSE(parse({"task", "cancel", "-n", "T1"}).state_changing);
  EXPECT_FALSE(parse({"task", "rerun", "T1", "--help"}).state_changing);
  EXPECT_FALSE(parse({"group", "cancel", "-h", "G1"}).state_changing);
  EXPECT_TRUE(parse({"task", "rerun", "--help=false", "T1"}).state_changing);
  EXPECT_FALSE(parse({}).state_changing);
  EXPECT_FALSE(parse({"task"}).state_changing);
}

TEST(CommandModel, GroupCommands) {
  EXPECT_TRUE(parse({"group", "cancel", "G1"}).state_changing);
  EXPECT_FALSE(parse({"group", "status", "G1"}).state_changing);
  Command list = parse({"group", "list", "-f", "G1"});  // -f is --failed here, not --force
  EXPECT_FALSE(list.state_changing);
  EXPECT_TRUE(list.has_flag("--failed"));
  EXPECT_FALSE(list.has_flag("--force"));
}

TEST(CommandModel, ApiMethods) {
  Command create = parse({"api", "queue", "createTask", "T1", "{}"});
  EXPECT_EQ(create.name, "api queue.createTask");
  EXPECT_TRUE(create.state_changing);
  EXPECT_EQ(create.target_id, "T1");
  Command status = parse({"api", "queue", "status", "T1"});
  EXPECT_EQ(status.name, "api queue.status");
  EXPECT_FALSE(status.state_changing);
  Command list = parse({"api", "queue", "listTaskGroup", "--limit", "10", "G1"});
  EXPECT_FALSE(list.state_changing);
  EXPECT_EQ(list.flag_values.at("--limit"), "10");
  EXPECT_EQ(list.target_id, "G1");
  EXPECT_TRUE(parse({"api", "hooks", "triggerHook", "a", "b"}).state_changing);
  EXPECT_TRUE(parse({"api", "queue", "cancelTaskGroup", "G1"}).state_changing);
  EXPECT_TRUE(parse({"api", "auth", "gcpCredentials", "p", "s"}).state_changing);
  EXPECT_FALSE(parse({"api", "auth", "currentScopes"}).state_changing);
  EXPECT_FALSE(parse({"api", "auth", "expandScopes"}).state_changing);
  EXPECT_TRUE(parse({"api", "queue", "someFutureMethod"}).state_changing);
  EXPECT_FALSE(parse({"api", "queue"}).state_changing);
  EXPECT_FALSE(parse({"api"}).state_changing);
  Command output = parse({"api", "-o", "out.json", "queue", "cancelTask", "T1"});
  EXPECT_EQ(output.name, "api queue.cancelTask");
  EXPECT_EQ(output.target_id, "T1");
  Command unknown_service = parse({"api", "nosuch", "thing"});
  EXPECT_FALSE(unknown_service.known);
  EXPECT_TRUE(unknown_service.state_changing);
}

TEST(CommandModel, SigninKeepsItsArguments) {
  Command c = parse({"-v", "signin", "--expires", "15m", "-s", "queue:rerun-task:*", "-v"});
  EXPECT_EQ(c.name, "signin");
  EXPECT_TRUE(c.state_changing);
  EXPECT_EQ(c.signin_args, (std::vector<std::string>{"--expires", "15m", "-s", "queue:rerun-task:*"}));
}

TEST(CommandModel, ConfigCommands) {
  EXPECT_FALSE(parse({"config"}).state_changing);
  EXPECT_FALSE(parse({"config", "get", "config.rootUrl"}).state_changing);
  EXPECT_FALSE(parse({"config", "config.rootUrl"}).state_changing);
  Command set = parse({"config", "set", "config.rootUrl", "https://x/"});
  EXPECT_EQ(set.name, "config set");
  EXPECT_TRUE(set.state_changing);
  EXPECT_TRUE(set.local_only);
  EXPECT_TRUE(parse({"config", "reset"}).local_only);
}

TEST(CommandModel, ReadOnlyTopLevelCommands) {
  for (const char* top : {"download", "from-now", "slugid", "version", "completions", "validate-json", "d2g", "help"}) {
    Command c = parse({top, "whatever", "--flag"});
    EXPECT_FALSE(c.state_changing) << top;
    EXPECT_TRUE(c.known) << top;
  }
}

TEST(CommandModel, UnknownCommandsAreStateChanging) {
  Command top = parse({"frobnicate", "x"});
  EXPECT_EQ(top.name, "frobnicate");
  EXPECT_FALSE(top.known);
  EXPECT_TRUE(top.state_changing);
  Command sub = parse({"task", "explode", "T1"});
  EXPECT_EQ(sub.name, "task explode");
  EXPECT_FALSE(sub.known);
  EXPECT_TRUE(sub.state_changing);
  // cobra: an unknown flag before the command swallows the next word, so `task` is taken as its
  // value and `rerun` is looked up at the top: unknown, state-changing.
  Command swallowed = parse({"--bogus", "task", "rerun", "T1"});
  EXPECT_TRUE(swallowed.state_changing);
  EXPECT_FALSE(swallowed.known);
}

TEST(CommandModel, ProblemsAreRecorded) {
  EXPECT_FALSE(parse({"task", "rerun", "--nosuch", "T1"}).problems.empty());
  EXPECT_FALSE(parse({"group", "cancel", "G1", "-w"}).problems.empty());
  EXPECT_FALSE(parse({"task", "rerun", "--force=maybe", "T1"}).problems.empty());
  EXPECT_TRUE(parse({"task", "rerun", "--force", "T1"}).problems.empty());
}

}  // namespace
}  // namespace tcg::tccli
