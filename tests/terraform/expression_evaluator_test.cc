#include "terraform/expression_evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "polygraph/source_location.h"
#include "terraform/hcl_parser.h"
#include "tests/testing.h"

namespace polygraph::terraform {
namespace {

using ::polygraph::testing::ErrorAt;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Kind = TfValue::Kind;

SourceLocation At(int line, int column) {
  return SourceLocation{.file = "main.tf", .line = line, .column = column};
}

// Resolves "root.name" (one attribute step) or a bare root from `values`,
// counting calls and keeping warnings.
class TestScope : public Scope {
 public:
  TestScope() {
    functions_.module_dir = "/module";
    functions_.read_file =
        [](const std::string& path) -> absl::StatusOr<std::string> {
      if (path == "/module/present.txt") return std::string("hello");
      return absl::NotFoundError(path);
    };
  }

  absl::StatusOr<TfValue> Resolve(const std::string& root,
                                  const SourceLocation& location,
                                  absl::Span<const TraversalStep> steps,
                                  size_t* steps_used) override {
    ++resolve_calls;
    if (!steps.empty() && steps[0].kind == TraversalStep::Kind::kAttribute) {
      auto it = values.find(root + "." + steps[0].name);
      if (it != values.end()) {
        *steps_used = 1;
        return it->second;
      }
    }
    auto it = values.find(root);
    if (it != values.end()) {
      *steps_used = 0;
      return it->second;
    }
    return InputError(location, "Reference to undeclared name " + root);
  }
  const FunctionContext& functions() const override { return functions_; }
  void Warn(const SourceLocation& location, std::string message) override {
    warnings.push_back(location.ToString() + ": " + message);
  }

  std::map<std::string, TfValue> values;
  int resolve_calls = 0;
  std::vector<std::string> warnings;

 private:
  FunctionContext functions_;
};

TfValue Str(std::string text) { return TfValue::String(std::move(text), {}); }
TfValue Num(double number) { return TfValue::Number(number, {}); }

// A scope with the variables most tests use.
TestScope Variables() {
  TestScope scope;
  scope.values["var.n"] = Num(3);
  scope.values["var.text"] = Str("8");
  scope.values["var.flag"] = TfValue::Bool(true, {});
  scope.values["var.unknown"] = TfValue::Unknown("var.unknown", {});
  scope.values["var.nothing"] = TfValue::Null({});
  scope.values["var.list"] = TfValue::List({Num(1), Num(2), Num(3)}, {});
  scope.values["var.names"] = TfValue::List({Str("a"), Str("b")}, {});
  scope.values["var.map"] =
      TfValue::Object({"x", "y"}, {Str("1"), Str("2")}, {});
  scope.values["var.obj"] = TfValue::Object(
      {"a", "nested"}, {Str("A"), TfValue::Object({"b"}, {Num(7)}, {})}, {});
  scope.values["var.objs"] =
      TfValue::List({TfValue::Object({"id"}, {Str("i-1")}, {}),
                     TfValue::Object({"id"}, {Str("i-2")}, {})},
                    {});
  TfValue vpc = TfValue::Object(
      {"cidr_block", "tags"},
      {Str("10.0.0.0/16"), TfValue::Object({"Name"}, {Str("main")}, {})}, {});
  vpc.resource_address = "aws_vpc.main";
  scope.values["aws_vpc.main"] = vpc;
  return scope;
}

absl::StatusOr<TfValue> Eval(std::string_view text, Scope& scope) {
  absl::StatusOr<ExpressionPtr> expression = ParseHclExpression(text, At(1, 1));
  if (!expression.ok()) return expression.status();
  return Evaluate(**expression, scope);
}

// Evaluates `text` against Variables(); fails the test on an error.
TfValue Ok(std::string_view text) {
  TestScope scope = Variables();
  absl::StatusOr<TfValue> value = Eval(text, scope);
  EXPECT_TRUE(value.ok()) << text << ": " << value.status();
  return value.ok() ? *std::move(value) : TfValue::Unknown("error", {});
}

// The error of evaluating `text` as "line:col: reason".
std::string Error(std::string_view text) {
  TestScope scope = Variables();
  absl::StatusOr<TfValue> value = Eval(text, scope);
  if (value.ok()) return "ok: " + Describe(*value);
  return ErrorAt(value) + ": " + ErrorReason(value.status());
}

TEST(ExpressionEvaluatorTest, Literals) {
  TfValue number = Ok("42");
  EXPECT_EQ(number.kind, Kind::kNumber);
  EXPECT_EQ(number.number, 42);
  EXPECT_EQ(number.location, At(1, 1));
  EXPECT_EQ(Ok("1.5").number, 1.5);
  EXPECT_EQ(Ok("1e3").number, 1000);
  EXPECT_EQ(Ok("\"hi\""), Str("hi"));
  EXPECT_EQ(Ok("\"\""), Str(""));
  EXPECT_EQ(Ok("true"), TfValue::Bool(true, {}));
  EXPECT_TRUE(Ok("null").is_null());
  EXPECT_EQ(Ok("[1, \"a\", false]"),
            TfValue::List({Num(1), Str("a"), TfValue::Bool(false, {})}, {}));
  TfValue object = Ok("{ b = 1, \"a\" = 2, (var.text) = 3 }");
  EXPECT_THAT(object.keys, ElementsAre("8", "a", "b"));
  EXPECT_EQ(object.items[1], Num(2));
}

TEST(ExpressionEvaluatorTest, ObjectKeyErrors) {
  EXPECT_EQ(Error("{ (var.list) = 1 }"),
            "1:3: Invalid object key: a string is required, got list");
  TfValue unknown = Ok("{ (var.unknown) = 1 }");
  EXPECT_FALSE(unknown.is_known());
}

TEST(ExpressionEvaluatorTest, ArithmeticConvertsNumericStrings) {
  EXPECT_EQ(Ok("1 + 2 * 3"), Num(7));
  EXPECT_EQ(Ok("(1 + 2) * 3"), Num(9));
  EXPECT_EQ(Ok("var.text + 2"), Num(10));
  EXPECT_EQ(Ok("\"1.5\" * 2"), Num(3));
  EXPECT_EQ(Ok("7 / 2"), Num(3.5));
  EXPECT_EQ(Ok("10 % 3"), Num(1));
  EXPECT_EQ(Ok("-var.n"), Num(-3));
  EXPECT_EQ(Ok("-\"4\""), Num(-4));
  EXPECT_EQ(Ok("var.n - 5").text, "-2");
  EXPECT_EQ(Error("1 + \"abc\""),
            "1:5: Invalid operand: a number is required, got string \"abc\"");
  EXPECT_EQ(Error("[1] + 1"),
            "1:1: Invalid operand: a number is required, got list [1]");
  EXPECT_EQ(Error("1 / 0"), "1:1: Error in division: divide by zero");
  EXPECT_EQ(Error("1 % 0"), "1:1: Error in modulo: divide by zero");
  // Only a whole decimal number converts.
  EXPECT_EQ(Error("\"+-1\" + 0"),
            "1:1: Invalid operand: a number is required, got string \"+-1\"");
  EXPECT_EQ(Error("\"nan\" + 0"),
            "1:1: Invalid operand: a number is required, got string \"nan\"");
  EXPECT_EQ(Error("\" 8\" + 0"),
            "1:1: Invalid operand: a number is required, got string \" 8\"");
  EXPECT_EQ(Ok("\"+8\" + 0"), Num(8));
  EXPECT_EQ(Error("null + 1"),
            "1:1: Invalid operand: a number is required, got null");
  EXPECT_EQ(Error("-true"),
            "1:1: Invalid operand: a number is required, got bool true");
}

TEST(ExpressionEvaluatorTest, Comparisons) {
  EXPECT_EQ(Ok("var.text > 3"), TfValue::Bool(true, {}));
  EXPECT_EQ(Ok("\"10\" < 9"), TfValue::Bool(false, {}));
  EXPECT_EQ(Ok("2 <= 2"), TfValue::Bool(true, {}));
  EXPECT_EQ(Ok("1 >= 2"), TfValue::Bool(false, {}));
  EXPECT_EQ(Error("\"a\" < 1"),
            "1:1: Invalid operand: a number is required, got string \"a\"");
  EXPECT_FALSE(Ok("var.unknown > 1").is_known());
}

TEST(ExpressionEvaluatorTest, LogicWithUnknowns) {
  EXPECT_EQ(Ok("true && false"), TfValue::Bool(false, {}));
  EXPECT_EQ(Ok("false || true"), TfValue::Bool(true, {}));
  EXPECT_EQ(Ok("!var.flag"), TfValue::Bool(false, {}));
  // A known operand that settles the result settles it on either side.
  EXPECT_EQ(Ok("false && var.unknown"), TfValue::Bool(false, {}));
  EXPECT_EQ(Ok("var.unknown && false"), TfValue::Bool(false, {}));
  EXPECT_EQ(Ok("true || var.unknown"), TfValue::Bool(true, {}));
  EXPECT_EQ(Ok("var.unknown || true"), TfValue::Bool(true, {}));
  // Otherwise the result waits for the unknown.
  EXPECT_FALSE(Ok("true && var.unknown").is_known());
  EXPECT_FALSE(Ok("var.unknown || false").is_known());
  EXPECT_FALSE(Ok("!var.unknown").is_known());
  EXPECT_EQ(Error("1 && true"),
            "1:1: Invalid operand: a bool is required, got number 1");
  EXPECT_EQ(Error("true || \"x\""),
            "1:9: Invalid operand: a bool is required, got string \"x\"");
  EXPECT_EQ(Error("null || true"),
            "1:1: Invalid operand: a bool is required, got null");
  EXPECT_EQ(Error("!\"x\""),
            "1:1: Invalid operand: a bool is required, got string \"x\"");
}

TEST(ExpressionEvaluatorTest, Equality) {
  EXPECT_EQ(Ok("1 == 1"), TfValue::Bool(true, {}));
  EXPECT_EQ(Ok("var.n == 3"), TfValue::Bool(true, {}));
  // Terraform does not convert for equality: 1 and "1" differ.
  EXPECT_EQ(Ok("1 == \"1\""), TfValue::Bool(false, {}));
  EXPECT_EQ(Ok("null == null"), TfValue::Bool(true, {}));
  EXPECT_EQ(Ok("var.nothing == null"), TfValue::Bool(true, {}));
  EXPECT_EQ(Ok("\"\" == null"), TfValue::Bool(false, {}));
  EXPECT_EQ(Ok("[1, 2] == [1, 2]"), TfValue::Bool(true, {}));
  EXPECT_EQ(Ok("{a = 1} != {a = 2}"), TfValue::Bool(true, {}));
  EXPECT_FALSE(Ok("var.unknown == 1").is_known());
  EXPECT_FALSE(Ok("[var.unknown] != [1]").is_known());
}

TEST(ExpressionEvaluatorTest, Conditionals) {
  EXPECT_EQ(Ok("var.flag ? \"yes\" : \"no\""), Str("yes"));
  EXPECT_EQ(Ok("var.n > 5 ? 1 : 2"), Num(2));
  EXPECT_EQ(Ok("\"true\" ? 1 : 2"), Num(1));
  TfValue unknown = Ok("var.unknown ? 1 : 2");
  EXPECT_FALSE(unknown.is_known());
  EXPECT_EQ(unknown.location, At(1, 1));
  // Only the chosen branch is evaluated.
  EXPECT_EQ(Ok("true ? 1 : var.undeclared"), Num(1));
  EXPECT_EQ(Error("1 ? 1 : 2"),
            "1:1: Invalid operand: a bool is required, got number 1");
}

TEST(ExpressionEvaluatorTest, SingleInterpolationKeepsItsType) {
  TfValue number = Ok("\"${var.n}\"");
  EXPECT_EQ(number.kind, Kind::kNumber);
  EXPECT_EQ(number.location, At(1, 1));
  EXPECT_EQ(Ok("\"${var.list}\"").kind, Kind::kList);
  EXPECT_EQ(Ok("\"n=${var.n}, ${true}\""), Str("n=3, true"));
}

TEST(ExpressionEvaluatorTest, TemplateWithUnknownKeepsParts) {
  TfValue value = Ok("\"a-${var.unknown}-${var.n}\"");
  ASSERT_EQ(value.kind, Kind::kUnknown);
  EXPECT_EQ(value.text, "");
  ASSERT_THAT(value.items, SizeIs(3));
  EXPECT_EQ(value.items[0], Str("a-"));
  EXPECT_EQ(value.items[1].kind, Kind::kUnknown);
  EXPECT_EQ(value.items[1].text, "var.unknown");
  EXPECT_EQ(value.items[2], Str("-3"));
}

TEST(ExpressionEvaluatorTest, TemplateDirectives) {
  EXPECT_EQ(Ok("\"%{if var.flag}on%{else}off%{endif}\""), Str("on"));
  EXPECT_EQ(Ok("\"%{if var.n > 5}big%{else}small%{endif}\""), Str("small"));
  EXPECT_EQ(Ok("\"%{for x in var.list}${x};%{endfor}\""), Str("1;2;3;"));
  EXPECT_EQ(Ok("\"%{for k, v in var.map}${k}=${v} %{endfor}\""),
            Str("x=1 y=2 "));
  EXPECT_EQ(Ok("\"%{for i, v in var.names}${i}${v}%{endfor}\""), Str("0a1b"));
  TfValue unknown = Ok("\"<%{if var.unknown}x%{endif}>\"");
  ASSERT_EQ(unknown.kind, Kind::kUnknown);
  ASSERT_THAT(unknown.items, SizeIs(3));
  EXPECT_EQ(unknown.items[0], Str("<"));
  EXPECT_EQ(unknown.items[2], Str(">"));
  EXPECT_FALSE(Ok("\"%{for x in var.unknown}${x}%{endfor}!\"").is_known());
  EXPECT_EQ(Error("\"%{for x in 5}${x}%{endfor}\""),
            "1:13: Iteration over non-iterable value: got number");
}

TEST(ExpressionEvaluatorTest, TemplateInterpolationErrors) {
  EXPECT_EQ(Error("\"x${null}\""),
            "1:5: Invalid template interpolation value: the value is null");
  EXPECT_EQ(Error("\"x${var.list}\""),
            "1:5: Invalid template interpolation value: a string is "
            "required, got list");
}

TEST(ExpressionEvaluatorTest, EvaluateTemplateOfBareTemplate) {
  ASSERT_OK_AND_ASSIGN(std::vector<TemplatePart> parts,
                       ParseHclTemplate("Hello \"${var.text}\"!", "t.tpl"));
  TestScope scope = Variables();
  const SourceLocation where = At(9, 3);
  ASSERT_OK_AND_ASSIGN(TfValue value, EvaluateTemplate(parts, scope, where));
  EXPECT_EQ(value, Str("Hello \"8\"!"));
  EXPECT_EQ(value.location, where);
}

TEST(ExpressionEvaluatorTest, ForExpressions) {
  EXPECT_EQ(Ok("[for x in var.list : x * 2]"),
            TfValue::List({Num(2), Num(4), Num(6)}, {}));
  EXPECT_EQ(Ok("[for i, x in var.names : \"${i}:${x}\"]"),
            TfValue::List({Str("0:a"), Str("1:b")}, {}));
  EXPECT_EQ(Ok("[for x in var.list : x if x > 1]"),
            TfValue::List({Num(2), Num(3)}, {}));
  EXPECT_EQ(Ok("{for k, v in var.map : v => k}"),
            TfValue::Object({"1", "2"}, {Str("x"), Str("y")}, {}));
  EXPECT_EQ(Ok("{for v in var.names : v => upper(v)}"),
            TfValue::Object({"a", "b"}, {Str("A"), Str("B")}, {}));
  // The iteration names shadow the scope's only inside the expression.
  EXPECT_EQ(Ok("[for var in [1] : var]"), TfValue::List({Num(1)}, {}));
  EXPECT_FALSE(Ok("[for x in var.unknown : x]").is_known());
  EXPECT_FALSE(Ok("[for x in [var.unknown] : x if x]").is_known());
  EXPECT_EQ(Error("[for x in 5 : x]"),
            "1:11: Iteration over non-iterable value: a for expression needs "
            "a list, set, map or object, got number");
  EXPECT_EQ(Error("[for x in var.list : x if x]"),
            "1:27: Invalid operand: a bool is required, got number 1");
}

TEST(ExpressionEvaluatorTest, ForObjectGroupingAndDuplicates) {
  EXPECT_EQ(Ok("{for s in [\"apple\", \"avocado\", \"bean\"] : substr(s, 0, 1) "
               "=> s...}"),
            TfValue::Object({"a", "b"},
                            {TfValue::List({Str("apple"), Str("avocado")}, {}),
                             TfValue::List({Str("bean")}, {})},
                            {}));
  EXPECT_EQ(Error("{for s in [\"a\", \"b\", \"a\"] : s => 1}"),
            "1:29: Duplicate object key: two elements produce the key \"a\"; "
            "add an ellipsis (...) after the value to group them");
  EXPECT_EQ(Error("{for s in var.names : [s] => 1}"),
            "1:23: Invalid object key: a string is required, got list");
}

TEST(ExpressionEvaluatorTest, Splats) {
  EXPECT_EQ(Ok("var.objs[*].id"), TfValue::List({Str("i-1"), Str("i-2")}, {}));
  EXPECT_EQ(Ok("var.objs.*.id"), TfValue::List({Str("i-1"), Str("i-2")}, {}));
  EXPECT_EQ(Ok("var.list[*]"), Ok("var.list"));
  // Null gives no elements; a single value is one element.
  EXPECT_EQ(Ok("var.nothing[*]"), TfValue::List({}, {}));
  EXPECT_EQ(Ok("var.obj[*].a"), TfValue::List({Str("A")}, {}));
  EXPECT_EQ(Ok("var.n[*]"), TfValue::List({Num(3)}, {}));
  TfValue unknown = Ok("var.unknown[*].id");
  EXPECT_FALSE(unknown.is_known());
  EXPECT_THAT(unknown.text, HasSubstr("var.unknown[*]"));
  EXPECT_EQ(Error("var.objs[*].name"),
            "1:9: Unsupported attribute: this object does not have an "
            "attribute named \"name\"");
}

TEST(ExpressionEvaluatorTest, IndexAndAttributeSteps) {
  EXPECT_EQ(Ok("var.list[1]"), Num(2));
  EXPECT_EQ(Ok("var.list[\"2\"]"), Num(3));
  EXPECT_EQ(Ok("var.list.0"), Num(1));
  EXPECT_EQ(Ok("var.map[\"y\"]"), Str("2"));
  EXPECT_EQ(Ok("var.obj.nested.b"), Num(7));
  EXPECT_EQ(Ok("var.obj[\"nested\"][\"b\"]"), Num(7));
  EXPECT_EQ(Ok("[[1, 2], [3]][1][0]"), Num(3));
}

TEST(ExpressionEvaluatorTest, StepErrorsAreLocated) {
  // A step node is located where its traversal starts (hcl_syntax.h).
  EXPECT_EQ(Error("var.list[3]"),
            "1:1: Invalid index: the collection has 3 elements; index 3 is "
            "out of range");
  EXPECT_EQ(Error("var.list[-1]"),
            "1:1: Invalid index: the collection has 3 elements; index -1 is "
            "out of range");
  EXPECT_EQ(Error("var.list[0.5]"),
            "1:1: Invalid index: the collection has 3 elements; index 0.5 is "
            "out of range");
  EXPECT_EQ(Error("var.obj.missing"),
            "1:1: Unsupported attribute: this object does not have an "
            "attribute named \"missing\"");
  EXPECT_EQ(Error("var.map[\"z\"]"),
            "1:1: Invalid index: the given key \"z\" does not identify an "
            "element in this collection");
  EXPECT_EQ(Error("var.list.name"),
            "1:1: Unsupported attribute: can't access attribute \"name\" on "
            "a list; use an index or a splat ([*])");
  EXPECT_EQ(Error("var.nothing.a"),
            "1:1: Attempt to get attribute from null value");
  EXPECT_EQ(Error("var.n.a"), "1:1: Unsupported attribute: a number has none");
  EXPECT_EQ(Error("var.undeclared"), "1:1: Reference to undeclared name var");
}

TEST(ExpressionEvaluatorTest, OneResolvePerTraversal) {
  TestScope scope = Variables();
  ASSERT_OK_AND_ASSIGN(TfValue value, Eval("var.obj.nested.b", scope));
  EXPECT_EQ(value, Num(7));
  EXPECT_EQ(scope.resolve_calls, 1);
  scope.resolve_calls = 0;
  ASSERT_OK_AND_ASSIGN(value, Eval("var.list[var.n - 2]", scope));
  EXPECT_EQ(value, Num(2));
  EXPECT_EQ(scope.resolve_calls, 2);
  scope.resolve_calls = 0;
  ASSERT_OK_AND_ASSIGN(value, Eval("var.objs[*].id", scope));
  EXPECT_EQ(scope.resolve_calls, 1);
}

TEST(ExpressionEvaluatorTest, ResourceInstanceAttributes) {
  TfValue id = Ok("aws_vpc.main.id");
  ASSERT_EQ(id.kind, Kind::kUnknown);
  EXPECT_EQ(id.text, "aws_vpc.main.id");
  EXPECT_EQ(id.resource_address, "aws_vpc.main");
  EXPECT_EQ(id.attribute, "id");

  TfValue cidr = Ok("aws_vpc.main.cidr_block");
  EXPECT_EQ(cidr.kind, Kind::kString);
  EXPECT_EQ(cidr.text, "10.0.0.0/16");
  EXPECT_EQ(cidr.resource_address, "aws_vpc.main");
  EXPECT_EQ(cidr.attribute, "cidr_block");

  // A configured non-string member is returned as configured.
  TfValue tags = Ok("aws_vpc.main.tags");
  EXPECT_EQ(tags.kind, Kind::kObject);
  EXPECT_EQ(Ok("aws_vpc.main.tags.Name"), Str("main"));
}

TEST(ExpressionEvaluatorTest, ApplyStepDirectly) {
  TfValue instance = TfValue::Object({"name"}, {Str("db")}, {});
  instance.resource_address = "aws_db_subnet_group.private";
  TraversalStep step{.kind = TraversalStep::Kind::kAttribute,
                     .name = "arn",
                     .key = TfValue(),
                     .location = At(2, 5)};
  ASSERT_OK_AND_ASSIGN(TfValue arn, ApplyStep(instance, step));
  EXPECT_EQ(arn, TfValue::ResourceAttribute("aws_db_subnet_group.private",
                                            "arn", {}));
  EXPECT_EQ(arn.location, At(2, 5));
  step.name = "name";
  ASSERT_OK_AND_ASSIGN(TfValue name, ApplyStep(instance, step));
  EXPECT_EQ(name.text, "db");
  EXPECT_EQ(name.resource_address, "aws_db_subnet_group.private");
  EXPECT_EQ(name.attribute, "name");

  TraversalStep index{.kind = TraversalStep::Kind::kIndex,
                      .name = "",
                      .key = Num(0),
                      .location = At(3, 1)};
  absl::StatusOr<TfValue> bad = ApplyStep(Str("x"), index);
  EXPECT_EQ(ErrorLocation(bad.status()), At(3, 1));
  EXPECT_EQ(ErrorReason(bad.status()), "Unsupported index: a string has none");
  index.key = TfValue::Unknown("var.i", {});
  ASSERT_OK_AND_ASSIGN(TfValue unknown,
                       ApplyStep(TfValue::List({Num(1)}, {}), index));
  EXPECT_FALSE(unknown.is_known());
}

TEST(ExpressionEvaluatorTest, UnknownsPropagateThroughSteps) {
  TfValue value = Ok("var.unknown.a[0][\"k\"]");
  ASSERT_EQ(value.kind, Kind::kUnknown);
  EXPECT_EQ(value.text, "var.unknown.a[0][\"k\"]");
  EXPECT_EQ(value.resource_address, "");

  TestScope scope = Variables();
  scope.values["aws_subnet.a"] =
      TfValue::ResourceAttribute("aws_subnet.a", "", {});
  ASSERT_OK_AND_ASSIGN(TfValue tag, Eval("aws_subnet.a.tags.Name", scope));
  EXPECT_EQ(tag.text, "aws_subnet.a.tags.Name");
  EXPECT_EQ(tag.resource_address, "aws_subnet.a");
  EXPECT_EQ(tag.attribute, "tags.Name");
}

TEST(ExpressionEvaluatorTest, FunctionCalls) {
  EXPECT_EQ(Ok("upper(\"abc\")"), Str("ABC"));
  EXPECT_EQ(Ok("max(var.list...)"), Num(3));
  EXPECT_EQ(Ok("max(0, var.list...)"), Num(3));
  EXPECT_EQ(Ok("length(var.names)"), Num(2));
  EXPECT_FALSE(Ok("max(var.unknown...)").is_known());
  EXPECT_FALSE(Ok("upper(var.unknown)").is_known());
  EXPECT_EQ(Error("max(var.n...)"),
            "1:5: Invalid expanding argument value: the final argument of "
            "max must be a list, got number");
  EXPECT_EQ(Error("nosuchfunction(1)"),
            "1:1: Call to unknown function: nosuchfunction");
  EXPECT_EQ(Error("upper(\"a\", \"b\")"),
            "1:1: Too many function arguments: upper takes 1, got 2");
  // An error inside an argument keeps its own location.
  EXPECT_EQ(Error("upper(var.obj.zzz)"),
            "1:7: Unsupported attribute: this object does not have an "
            "attribute named \"zzz\"");
}

TEST(ExpressionEvaluatorTest, TryAndCan) {
  EXPECT_EQ(Ok("try(var.obj.missing, \"fallback\")"), Str("fallback"));
  EXPECT_EQ(Ok("try(var.obj.a, \"fallback\")"), Str("A"));
  EXPECT_EQ(Ok("try(var.list[7], var.list[0])"), Num(1));
  EXPECT_EQ(Error("try(var.obj.missing)"),
            "1:1: Error in function call: try: no expression succeeded; the "
            "last failed with: Unsupported attribute: this object does not "
            "have an attribute named \"missing\"");
  EXPECT_EQ(Error("try()"),
            "1:1: Invalid function arguments: try needs at least one argument");
  // The first argument that succeeds decides, even an unknown one.
  EXPECT_FALSE(Ok("try(var.unknown, 1)").is_known());
  EXPECT_EQ(Ok("can(var.obj.a)"), TfValue::Bool(true, {}));
  EXPECT_EQ(Ok("can(var.obj.missing)"), TfValue::Bool(false, {}));
  EXPECT_EQ(Ok("can(var.list[9])"), TfValue::Bool(false, {}));
  EXPECT_FALSE(Ok("can(var.unknown)").is_known());
  EXPECT_EQ(Error("can(1, 2)"),
            "1:1: Invalid function arguments: can takes 1 argument");
}

TEST(ExpressionEvaluatorTest, MissingFileStaysSymbolicWithWarning) {
  TestScope scope = Variables();
  ASSERT_OK_AND_ASSIGN(TfValue present, Eval("file(\"present.txt\")", scope));
  EXPECT_EQ(present, Str("hello"));
  EXPECT_THAT(scope.warnings, IsEmpty());

  ASSERT_OK_AND_ASSIGN(TfValue missing, Eval("file(\"lambda.zip\")", scope));
  EXPECT_FALSE(missing.is_known());
  EXPECT_EQ(missing.location, At(1, 1));
  ASSERT_THAT(scope.warnings, SizeIs(1));
  EXPECT_TRUE(absl::StartsWith(scope.warnings[0], "main.tf:1:1: "))
      << scope.warnings[0];
  EXPECT_THAT(scope.warnings[0], HasSubstr("lambda.zip"));
}

TEST(ExpressionEvaluatorTest, NestedScopeAddsNames) {
  TestScope parent = Variables();
  NestedScope scope(parent);
  scope.Set("each", TfValue::Object({"key", "value"}, {Str("k"), Num(5)}, {}));
  ASSERT_OK_AND_ASSIGN(TfValue value, Eval("each.value + var.n", scope));
  EXPECT_EQ(value, Num(8));
  EXPECT_EQ(parent.resolve_calls, 1);  // var.n; each is the nested scope's
  scope.Warn(At(4, 2), "note");
  EXPECT_THAT(parent.warnings, ElementsAre("main.tf:4:2: note"));
  EXPECT_EQ(&scope.functions(), &parent.functions());
}

TEST(ExpressionEvaluatorTest, ConvertToString) {
  ASSERT_OK_AND_ASSIGN(TfValue text, ConvertToString(Num(2.5)));
  EXPECT_EQ(text, Str("2.5"));
  ASSERT_OK_AND_ASSIGN(text, ConvertToString(TfValue::Bool(false, {})));
  EXPECT_EQ(text, Str("false"));
  ASSERT_OK_AND_ASSIGN(text, ConvertToString(Str("s")));
  EXPECT_EQ(text, Str("s"));
  ASSERT_OK_AND_ASSIGN(text, ConvertToString(TfValue::Unknown("var.x", {})));
  EXPECT_FALSE(text.is_known());
  EXPECT_FALSE(ConvertToString(TfValue::Null({})).ok());
  EXPECT_FALSE(ConvertToString(TfValue::List({}, {})).ok());
  EXPECT_FALSE(ConvertToString(TfValue::Object({}, {}, {})).ok());
}

}  // namespace
}  // namespace polygraph::terraform
