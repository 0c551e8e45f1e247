// Unit tests of the JSON-e engine: each operator, built-in and error class, with the reference's
// exact results and messages (npm json-e@4.8.4), plus `tcguard jsone` through the built binary.
#include <gtest/gtest.h>

#include <string>

#include "jsone/jsone.h"
#include "support/cli_runner.h"

namespace tcg::jsone {
namespace {

const char* kNow = "2017-01-19T16:27:20.974Z";

// Renders JSON texts; the result as one-line JSON, or the error text.
std::string R(const std::string& tmpl, const std::string& ctx = "{}") {
  auto c = Json::parse(ctx);
  c["now"] = kNow;
  auto r = render(Json::parse(tmpl), c);
  return r ? to_json_text(*r) : r.error().message;
}

TEST(JsoneEval, ExpressionsAndLiterals) {
  EXPECT_EQ(R(R"J({"$eval":"1 + 2 * 3"})J"), "7");
  EXPECT_EQ(R(R"J({"$eval":"2 ** 3 ** 2"})J"), "512");
  EXPECT_EQ(R(R"J({"$eval":"(1 + 2) / 4"})J"), "0.75");
  EXPECT_EQ(R(R"J({"$eval":"'a' + \"b\""})J"), "\"ab\"");
  EXPECT_EQ(R(R"J({"$eval":"[1, 'x', null, true, {a: 1, 'b c': false}]"})J"), R"J([1,"x",null,true,{"a":1,"b c":false}])J");
  EXPECT_EQ(R(R"J({"$eval":"1 < 2 && 'b' >= 'a' || x"})J"), "true");
  EXPECT_EQ(R(R"J({"$eval":"!0 && !''"})J"), "true");
  EXPECT_EQ(R(R"J({"$eval":"[1, [2]] == [1, [2]] && {a: 1} != {a: 2}"})J"), "true");
  EXPECT_EQ(R(R"J({"$eval":"'b' in 'abc' && 2 in [1, 2] && 'k' in {k: 0}"})J"), "true");
  EXPECT_EQ(R(R"J({"$eval":"1e21"})J"), "SyntaxError: Found: e21 token, expected one of: !=, &&, (, *, **, +, -, ., /, <, <=, ==, >, >=, [, in, ||");
  EXPECT_EQ(R(R"J({"$eval":"-(-3)"})J"), "3");
  EXPECT_EQ(R(R"J({"$eval":"x"})J", R"J({"x": {"y": [5]}})J"), R"J({"y":[5]})J");
}

TEST(JsoneEval, IndexingSlicingAndProperties) {
  const std::string ctx = R"J({"a": [1, 2, 3, 4], "s": "hello", "o": {"k": "v", "1": 2}})J";
  EXPECT_EQ(R(R"J({"$eval":"a[-1]"})J", ctx), "4");
  EXPECT_EQ(R(R"J({"$eval":"a[-10]"})J", ctx), "1");  // the reference clamps to 0
  EXPECT_EQ(R(R"J({"$eval":"a[1:-1]"})J", ctx), "[2,3]");
  EXPECT_EQ(R(R"J({"$eval":"a[:2]"})J", ctx), "[1,2]");
  EXPECT_EQ(R(R"J({"$eval":"s[1:3] + s[-1]"})J", ctx), "\"elo\"");
  EXPECT_EQ(R(R"J({"$eval":"o.k + o['k']"})J", ctx), "\"vv\"");
  EXPECT_EQ(R(R"J({"$eval":"o['missing']"})J", ctx), "null");
  EXPECT_EQ(R(R"J({"$eval":"a[4]"})J", ctx), "InterpreterError: index out of bounds");
  EXPECT_EQ(R(R"J({"$eval":"a[1.5]"})J", ctx), "InterpreterError: should only use integers to access arrays or strings");
  EXPECT_EQ(R(R"J({"$eval":"o.missing"})J", ctx), "InterpreterError: object has no property \"missing\"");
  EXPECT_EQ(R(R"J({"$eval":"a.x"})J", ctx), "InterpreterError: infix: . expects objects");
  EXPECT_EQ(R(R"J({"$eval":"o[1]"})J", ctx), "InterpreterError: object keys must be strings");
}

TEST(JsoneEval, TypeErrors) {
  EXPECT_EQ(R(R"J({"$eval":"1 + 'a'"})J"), "InterpreterError: infix: + expects numbers/strings + numbers/strings");
  EXPECT_EQ(R(R"J({"$eval":"1 - 'a'"})J"), "InterpreterError: infix: - expects number - number");
  EXPECT_EQ(R(R"J({"$eval":"1 < 'a'"})J"), "InterpreterError: infix: < expects numbers/strings < numbers/strings");
  EXPECT_EQ(R(R"J({"$eval":"1 / 0"})J"), "InterpreterError: division by zero");
  EXPECT_EQ(R(R"J({"$eval":"-'a'"})J"), "InterpreterError: unary - expects number");
  EXPECT_EQ(R(R"J({"$eval":"1 in 'abc'"})J"), "InterpreterError: Infix: in-string expects string on left side");
  EXPECT_EQ(R(R"J({"$eval":"q"})J"), "InterpreterError: unknown context value q");
  EXPECT_EQ(R(R"J({"$eval":"3(1)"})J"), "InterpreterError: 3 is not callable");
  EXPECT_EQ(R(R"J({"$eval":"1 = 2"})J"), "SyntaxError: Unexpected input for '1 = 2' at '= 2'");
  EXPECT_EQ(R(R"J({"$eval":"(1"})J"), "SyntaxError: Unexpected end of input");
  EXPECT_EQ(R(R"J({"$eval":"true || (*2)"})J"), "true");  // the missing node is never evaluated
}

TEST(JsoneBuiltins, EachBuiltin) {
  EXPECT_EQ(R(R"J({"$eval":"[min(3, 1, 2), max(3, 1, 2), sqrt(16), ceil(1.2), floor(1.8), abs(-2)]"})J"), "[1,3,4,2,1,2]");
  EXPECT_EQ(R(R"J({"$eval":"[lowercase('AbC'), uppercase('aBc'), strip('  x '), lstrip(' x '), rstrip(' x ')]"})J"),
            R"J(["abc","ABC","x","x "," x"])J");
  EXPECT_EQ(R(R"J({"$eval":"[len('héllo'), len([1, 2]), str(1.5), str(null), str(true), number('0x10'), number('')]"})J"),
            R"J([5,2,"1.5","null","true",16,0])J");
  EXPECT_EQ(R(R"J({"$eval":"[split('a,b,,c', ','), split('ab', ''), join([1, null, 'x'], '-'), join(['a'], 2)]"})J"),
            R"J([["a","b","","c"],["a","b"],"1--x","a"])J");
  EXPECT_EQ(R(R"J({"$eval":"[range(0, 3), range(5, 0, -2), range(3, 1)]"})J"), "[[0,1,2],[5,3,1],[]]");
  EXPECT_EQ(R(R"J({"$eval":"[typeof(1), typeof('s'), typeof(null), typeof([]), typeof({}), typeof(min), typeof(true)]"})J"),
            R"J(["number","string","null","array","object","function","boolean"])J");
  EXPECT_EQ(R(R"J({"$eval":"[defined('x'), defined('y'), defined('min')]"})J", R"J({"x": 1})J"), "[true,false,true]");
  EXPECT_EQ(R(R"J({"$eval":"fromNow('1 hour')"})J"), "\"2017-01-19T17:27:20.974Z\"");
  EXPECT_EQ(R(R"J({"$eval":"fromNow('-2 days 3h', '2020-01-01T00:00:00Z')"})J"), "\"2019-12-29T21:00:00.000Z\"");
  EXPECT_EQ(R(R"J({"$eval":"min()"})J"), "BuiltinError: invalid arguments to builtin: min: expected at least 1 arguments");
  EXPECT_EQ(R(R"J({"$eval":"abs('x')"})J"), "BuiltinError: invalid arguments to builtin: abs");
  EXPECT_EQ(R(R"J({"$eval":"split('x')"})J"), "BuiltinError: invalid arguments to builtin: split");
  EXPECT_EQ(R(R"J({"$eval":"fromNow('soon')"})J"), "TemplateError: String: 'soon' isn't a time expression");
  EXPECT_EQ(R(R"J({"$eval":"min"})J"), "TemplateError: evaluated template contained uncalled functions");
}

TEST(JsoneOperators, IfLetJsonFlatten) {
  EXPECT_EQ(R(R"J({"$if":"x > 1","then":"big","else":"small"})J", R"J({"x": 2})J"), "\"big\"");
  EXPECT_EQ(R(R"J([{"$if":"false","then":1}, 2])J"), "[2]");
  EXPECT_EQ(R(R"J({"a":{"$if":"false","then":1},"b":2})J"), R"J({"b":2})J");
  EXPECT_EQ(R(R"J({"$if":"true","$then":1})J"), "TemplateError: $if Syntax error: $then: should be spelled then: (no $)");
  EXPECT_EQ(R(R"J({"$if":1,"then":1})J"), "TemplateError: $if can evaluate string expressions only");
  EXPECT_EQ(R(R"J({"$let":{"a":1,"b":{"$eval":"a0 + 1"}},"in":"${a}-${b}"})J", R"J({"a0": 5})J"), "\"1-6\"");
  EXPECT_EQ(R(R"J({"$let":{"a-b":1},"in":1})J"), "TemplateError: top level keys of $let must follow /[a-zA-Z_][a-zA-Z0-9_]*/");
  EXPECT_EQ(R(R"J({"$let":{"a":1}})J"), "TemplateError: $let operator requires an `in` clause");
  EXPECT_EQ(R(R"J({"$json":{"b":[1,2.5,"x"],"a":null}})J"), R"J("{\"a\":null,\"b\":[1,2.5,\"x\"]}")J");
  EXPECT_EQ(R(R"J({"$flatten":[1,[2,[3]],[]]})J"), "[1,2,[3]]");
  EXPECT_EQ(R(R"J({"$flattenDeep":[1,[2,[3,[4]]]]})J"), "[1,2,3,4]");
  EXPECT_EQ(R(R"J({"$flatten":1})J"), "TemplateError: $flatten value must evaluate to an array");
  EXPECT_EQ(R(R"J({"$eval":"1","x":2})J"), "TemplateError: $eval has undefined properties: x");
  EXPECT_EQ(R(R"J({"$eval":"1","$if":"2"})J"), "TemplateError: only one operator allowed");
}

TEST(JsoneOperators, MapReduceFind) {
  EXPECT_EQ(R(R"J({"$map":[1,2],"each(x)":{"$eval":"x * 2"}})J"), "[2,4]");
  EXPECT_EQ(R(R"J({"$map":[5,6],"each(x,i)":"${i}:${x}"})J"), R"J(["0:5","1:6"])J");
  EXPECT_EQ(R(R"J({"$map":{"a":1,"b":2},"each(v,k)":{"${k}${k}":"${v}"}})J"), R"J({"aa":"1","bb":"2"})J");
  EXPECT_EQ(R(R"J({"$map":{"a":1},"each(y)":{"${y.key}":{"$eval":"y.val + 1"}}})J"), R"J({"a":2})J");
  EXPECT_EQ(R(R"J({"$map":{"a":1},"each(y)":1})J"), "TemplateError: $map on objects expects each(y) to evaluate to an object");
  EXPECT_EQ(R(R"J({"$map":[1],"each x":1})J"), "TemplateError: $map has undefined properties: each x");
  EXPECT_EQ(R(R"J({"$map":1,"each(x)":1})J"), "TemplateError: $map value must evaluate to an array or object");
  EXPECT_EQ(R(R"J({"$reduce":[1,2,3],"initial":10,"each(acc,x)":{"$eval":"acc + x"}})J"), "16");
  EXPECT_EQ(R(R"J({"$reduce":[1,2],"initial":[],"each(acc,x,i)":{"$eval":"acc + [i]"}})J"),
            "InterpreterError: infix: + expects numbers/strings + numbers/strings");
  EXPECT_EQ(R(R"J({"$find":[1,5,7],"each(x)":"x > 4"})J"), "5");
  EXPECT_EQ(R(R"J({"$find":[1,5,7],"each(x,i)":"i == 2"})J"), "7");
  EXPECT_EQ(R(R"J([{"$find":[1],"each(x)":"x > 4"}])J"), "[]");
  EXPECT_EQ(R(R"J({"$find":[1],"each(x)":1})J"), "TemplateError: each can evaluate string expressions only");
}

TEST(JsoneOperators, MatchSwitchMergeSortReverse) {
  EXPECT_EQ(R(R"J({"$match":{"x == 1":"a","true":"b","false":"c"}})J", R"J({"x": 1})J"), R"J(["b","a"])J");
  EXPECT_EQ(R(R"J({"$switch":{"x == 1":"a","x == 2":"b"}})J", R"J({"x": 2})J"), "\"b\"");
  EXPECT_EQ(R(R"J({"$switch":{"false":"a","$default":"d"}})J"), "\"d\"");
  EXPECT_EQ(R(R"J({"$switch":{"true":"a","1":"b"}})J"), "TemplateError: $switch can only have one truthy condition");
  EXPECT_EQ(R(R"J({"$merge":[{"a":1,"b":1},{"b":2}]})J"), R"J({"a":1,"b":2})J");
  EXPECT_EQ(R(R"J({"$merge":[1]})J"), "TemplateError: $merge value must evaluate to an array of objects");
  EXPECT_EQ(R(R"J({"$mergeDeep":[{"a":{"b":1,"l":[1]}},{"a":{"c":2,"l":[2]}}]})J"), R"J({"a":{"b":1,"l":[1,2],"c":2}})J");
  EXPECT_EQ(R(R"J({"$sort":[3,1,2]})J"), "[1,2,3]");
  EXPECT_EQ(R(R"J({"$sort":["b","a"]})J"), R"J(["a","b"])J");
  EXPECT_EQ(R(R"J({"$sort":[{"k":2},{"k":1}],"by(x)":"x.k"})J"), R"J([{"k":1},{"k":2}])J");
  EXPECT_EQ(R(R"J({"$sort":[1,"a"]})J"), "TemplateError: $sorted values to be sorted must have the same type");
  EXPECT_EQ(R(R"J({"$reverse":[1,2,3]})J"), "[3,2,1]");
  // As in the reference, $reverse reverses the context's array itself.
  EXPECT_EQ(R(R"J([{"$reverse":{"$eval":"a"}},{"$eval":"a"}])J", R"J({"a": [1, 2]})J"), "[[2,1],[2,1]]");
}

TEST(JsoneOperators, FromNow) {
  EXPECT_EQ(R(R"J({"$fromNow":"1 week 2 days"})J"), "\"2017-01-28T16:27:20.974Z\"");
  EXPECT_EQ(R(R"J({"$fromNow":"2 minutes","from":"2000-01-01T00:00:00.000Z"})J"), "\"2000-01-01T00:02:00.000Z\"");
  EXPECT_EQ(R(R"J({"$fromNow":"1 yr 1 mo"})J"), "\"2018-02-18T16:27:20.974Z\"");
  EXPECT_EQ(R(R"J({"$fromNow":1})J"), "TemplateError: $fromNow expects a string");
}

TEST(JsoneStrings, InterpolationEscapingAndLocations) {
  EXPECT_EQ(R(R"J("a${x}b${null}c${1.5}${true}")J", R"J({"x": "X"})J"), "\"aXbc1.5true\"");
  EXPECT_EQ(R(R"J("$${x} and $$${x}")J", R"J({"x": 1})J"), "\"${x} and $${x}\"");
  EXPECT_EQ(R(R"J({"k${x}":1,"$$eval":2,"$$$x":3})J", R"J({"x": "1"})J"), R"J({"k1":1,"$eval":2,"$$x":3})J");
  EXPECT_EQ(R(R"J({"$foo":1})J"), "TemplateError: $<identifier> is reserved; use $$<identifier>");
  EXPECT_EQ(R(R"J({"message":"${k}"})J", R"J({"k": [1]})J"), "TemplateError at template.message: interpolation of 'k' produced an array or object");
  EXPECT_EQ(R(R"J({"a":[0,{"b c":{"$eval":"q"}}]})J"), "InterpreterError at template.a[1][\"b c\"]: unknown context value q");
  EXPECT_EQ(R(R"J("${1")J"), "SyntaxError: unterminated ${..} expression");
  EXPECT_EQ(R(R"J("${1 2}")J"), "SyntaxError: Found: 2 token, expected one of: !=, &&, (, *, **, +, -, ., /, <, <=, ==, >, >=, [, in, ||");
}

TEST(JsoneContext, ContextRules) {
  EXPECT_EQ(to_json_text(*render(Json::parse(R"J({"$eval":"min"})J"), Json::parse(R"J({"min": 3})J"))), "3");
  auto bad = render(Json(1), Json::parse(R"J({"a-b": 1})J"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "TemplateError: top level keys of context must follow /[a-zA-Z_][a-zA-Z0-9_]*/");
  EXPECT_EQ(error_class(bad.error()), "TemplateError");
  EXPECT_FALSE(render(Json(1), Json::array()));
  auto now = render(Json::parse(R"J({"$eval":"now"})J"), Json::object(), {std::string("2001-02-03T04:05:06Z")});
  ASSERT_TRUE(now);
  EXPECT_EQ(to_json_text(*now), "\"2001-02-03T04:05:06.000Z\"");
}

TEST(JsoneLimits, HostileTemplatesFailCleanly) {
  std::string deep_expr(100000, '(');
  EXPECT_EQ(error_class(render(Json{{"$eval", deep_expr}}, Json::object()).error()), "SyntaxError");
  std::string unary(100000, '!');
  EXPECT_FALSE(render(Json{{"$eval", unary + "1"}}, Json::object()));
  std::string chain = "1";
  for (int i = 0; i < 50000; ++i) chain += "+1";
  EXPECT_FALSE(render(Json{{"$eval", chain}}, Json::object()));
  // Parsed, not built by nesting copies: copying a 5000-deep value recurses in the test's own
  // code, which is compiled -O0 and overflows the stack under AddressSanitizer.
  Json deep = Json::parse(std::string(5000, '[') + "1" + std::string(5000, ']'));
  EXPECT_FALSE(render(deep, Json::object()));
  // Exponential growth stops at the work limit instead of exhausting memory.
  auto doubling = Json::parse(R"J({"$reduce":{"$eval":"range(0, 64)"},"initial":"ab","each(a,x)":{"$eval":"a + a"}})J");
  EXPECT_FALSE(render(doubling, Json::object()));
  auto nesting = Json::parse(R"J({"$reduce":{"$eval":"range(0, 100000)"},"initial":[],"each(a,x)":{"$eval":"[a]"}})J");
  EXPECT_FALSE(render(nesting, Json::object()));
}

TEST(JsoneCli, RendersAndReportsErrors) {
  auto ok = test::run_tcguard({"jsone", "--context", "{\"x\": 2}", "--now", kNow, "{\"a\": {\"$eval\": \"x * 2\"}, \"t\": {\"$fromNow\": \"1 day\"}}"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(Json::parse(ok.out), Json::parse(R"J({"a": 4, "t": "2017-01-20T16:27:20.974Z"})J"));
  test::RunOptions stdin_yaml;
  stdin_yaml.stdin_text = "r:\n  $map: {$eval: x}\n  each(i): ${i}!\n";
  auto yaml = test::run_tcguard({"jsone", "--context", "x: [1, 2]", "-"}, stdin_yaml);
  EXPECT_EQ(yaml.exit_code, 0) << yaml.err;
  EXPECT_EQ(Json::parse(yaml.out), Json::parse(R"J({"r": ["1!", "2!"]})J"));
  auto err = test::run_tcguard({"jsone", "{\"a\": [{\"$eval\": \"nope\"}]}"});
  EXPECT_EQ(err.exit_code, 1);
  EXPECT_EQ(err.out, "");
  EXPECT_NE(err.err.find("InterpreterError at template.a[0]: unknown context value nope"), std::string::npos) << err.err;
  EXPECT_EQ(test::run_tcguard({"jsone", "@/nonexistent/template.json"}).exit_code, 2);
  EXPECT_EQ(test::run_tcguard({"jsone", "--now", "yesterday", "1"}).exit_code, 2);
  EXPECT_EQ(test::run_tcguard({"jsone"}).exit_code, 2);
  EXPECT_EQ(test::run_tcguard({"jsone", "--context", "[1]", "1"}).exit_code, 2);
}

}  // namespace
}  // namespace tcg::jsone
