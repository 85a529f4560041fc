#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "terraform/functions.h"
#include "tests/terraform/functions_testing.h"

namespace polygraph::terraform {
namespace {

using function_testing::B;
using function_testing::Eval;
using function_testing::J;
using function_testing::L;
using function_testing::N;
using function_testing::Null;
using function_testing::S;
using function_testing::U;

TEST(FunctionsCollectionsTest, Length) {
  EXPECT_EQ(Eval("length", {J(R"(["a", "b", "c"])")}), "3");
  EXPECT_EQ(Eval("length", {J(R"({"a": 1, "b": 2})")}), "2");
  EXPECT_EQ(Eval("length", {S("héllo")}), "5");
  // Terraform knows the length of a list whose elements are unknown.
  EXPECT_EQ(Eval("length", {L({U("aws_subnet.a.id"), U("aws_subnet.b.id")})}),
            "2");
  EXPECT_EQ(Eval("length", {U("var.list")}), "?length(...)");
  EXPECT_EQ(Eval("length", {Null()}),
            "error: Invalid function argument: length: argument must not be "
            "null");
}

TEST(FunctionsCollectionsTest, ConcatKeepsUnknownElements) {
  EXPECT_EQ(Eval("concat", {J(R"(["a"])"), J("[]"), J(R"(["b", 1])")}),
            "[\"a\", \"b\", 1]");
  EXPECT_EQ(Eval("concat", {J(R"(["a"])"), L({U("var.x")})}),
            "[\"a\", ?var.x]");
  EXPECT_EQ(Eval("concat", {J(R"(["a"])"), U("var.list")}), "?concat(...)");
  EXPECT_EQ(Eval("concat", {J(R"(["a"])"), S("b")}),
            "error: Invalid function argument: concat: argument 2 must be a "
            "list, got string \"b\"");
}

TEST(FunctionsCollectionsTest, FlattenIsRecursive) {
  EXPECT_EQ(Eval("flatten", {J(R"([["a", "b"], [], ["c", ["d", [[]]]]])")}),
            "[\"a\", \"b\", \"c\", \"d\"]");
  // A string template is known to be a string and is kept.
  TfValue name = TfValue::Concatenation({S("web-"), U("var.env")}, {});
  EXPECT_EQ(Eval("flatten", {L({L({name}), S("y")})}),
            "[?(\"web-\", ?var.env), \"y\"]");
  // Any other unknown element might itself be a list, as deep as it is.
  EXPECT_EQ(Eval("flatten", {L({U("var.x"), S("y")})}), "?flatten(...)");
  EXPECT_EQ(Eval("flatten", {L({L({U("var.x")})})}), "?flatten(...)");
}

TEST(FunctionsCollectionsTest, MergeLaterWinsAndNullsAreIgnored) {
  EXPECT_EQ(Eval("merge",
                 {J(R"({"a": 1, "b": 2})"), Null(), J(R"({"b": 3, "c": 4})")}),
            "{a = 1, b = 3, c = 4}");
  EXPECT_EQ(Eval("merge", {}), "{}");
  EXPECT_EQ(Eval("merge",
                 {J(R"({"a": 1})"), TfValue::Object({"b"}, {U("var.b")}, {})}),
            "{a = 1, b = ?var.b}");
  EXPECT_EQ(Eval("merge", {J(R"({"a": 1})"), U("var.tags")}), "?merge(...)");
  EXPECT_EQ(Eval("merge", {J("[1]")}),
            "error: Invalid function argument: merge: arguments must be maps "
            "or objects, got list [1]");
}

TEST(FunctionsCollectionsTest, LookupWithDefault) {
  TfValue map = J(R"({"a": "x", "b": "y"})");
  EXPECT_EQ(Eval("lookup", {map, S("b")}), "\"y\"");
  EXPECT_EQ(Eval("lookup", {map, S("c"), S("z")}), "\"z\"");
  EXPECT_EQ(Eval("lookup", {map, S("c")}),
            "error: Invalid function argument: lookup: lookup failed to find "
            "key \"c\"");
  EXPECT_EQ(Eval("lookup", {map, U("var.key"), S("z")}), "?lookup(...)");
  EXPECT_EQ(
      Eval("lookup",
           {TfValue::Object({"a", "b"}, {U("var.a"), S("known")}, {}), S("b")}),
      "\"known\"");
}

TEST(FunctionsCollectionsTest, ElementWrapsAround) {
  TfValue list = J(R"(["a", "b"])");
  EXPECT_EQ(Eval("element", {list, N(0)}), "\"a\"");
  EXPECT_EQ(Eval("element", {list, N(3)}), "\"b\"");
  EXPECT_EQ(Eval("element", {list, S("4")}), "\"a\"");
  EXPECT_EQ(Eval("element", {J("[]"), N(0)}),
            "error: Invalid function argument: element: cannot use element "
            "function with an empty list");
  EXPECT_EQ(Eval("element", {list, N(-1)}),
            "error: Invalid function argument: element: cannot use element "
            "function with a negative index");
  EXPECT_EQ(Eval("element", {L({U("var.a"), S("b")}), N(1)}), "\"b\"");
  EXPECT_EQ(Eval("element", {list, U("count.index")}), "?element(...)");
}

TEST(FunctionsCollectionsTest, KeysValuesZipmapInKeyOrder) {
  TfValue map = J(R"({"b": 2, "a": 1, "c": 3})");
  EXPECT_EQ(Eval("keys", {map}), "[\"a\", \"b\", \"c\"]");
  EXPECT_EQ(Eval("values", {map}), "[1, 2, 3]");
  EXPECT_EQ(Eval("keys", {TfValue::Object({"k"}, {U("var.v")}, {})}),
            "[\"k\"]");
  EXPECT_EQ(Eval("zipmap", {J(R"(["b", "a"])"), J("[1, 2]")}),
            "{a = 2, b = 1}");
  EXPECT_EQ(Eval("zipmap", {J(R"(["a"])"), J("[1, 2]")}),
            "error: Invalid function argument: zipmap: number of keys (1) "
            "does not match number of values (2)");
  EXPECT_EQ(Eval("zipmap", {J(R"(["a"])"), L({U("var.v")})}), "{a = ?var.v}");
  EXPECT_EQ(Eval("zipmap", {L({U("var.k")}), J("[1]")}), "?zipmap(...)");
}

TEST(FunctionsCollectionsTest, DistinctContainsIndex) {
  EXPECT_EQ(Eval("distinct", {J(R"(["b", "a", "b", "c", "a"])")}),
            "[\"b\", \"a\", \"c\"]");
  EXPECT_EQ(Eval("contains", {J(R"(["a", "b"])"), S("b")}), "true");
  EXPECT_EQ(Eval("contains", {J(R"(["a", "b"])"), S("c")}), "false");
  EXPECT_EQ(Eval("contains", {J(R"(["1", "2"])"), N(2)}), "true");
  EXPECT_EQ(Eval("index", {J(R"(["a", "b", "c"])"), S("b")}), "1");
  EXPECT_EQ(Eval("index", {J(R"(["a"])"), S("z")}),
            "error: Invalid function argument: index: item not found");
  EXPECT_EQ(Eval("contains", {L({U("var.a")}), S("a")}), "?contains(...)");
}

TEST(FunctionsCollectionsTest, Range) {
  EXPECT_EQ(Eval("range", {N(3)}), "[0, 1, 2]");
  EXPECT_EQ(Eval("range", {N(1), N(4)}), "[1, 2, 3]");
  EXPECT_EQ(Eval("range", {N(4), N(1)}), "[4, 3, 2]");
  EXPECT_EQ(Eval("range", {N(0), N(10), N(4)}), "[0, 4, 8]");
  EXPECT_EQ(Eval("range", {N(1), N(0), N(-0.25)}), "[1, 0.75, 0.5, 0.25]");
  EXPECT_EQ(Eval("range", {N(0)}), "[]");
  EXPECT_EQ(Eval("range", {N(0), N(4), N(0)}),
            "error: Invalid function argument: range: step must not be zero");
  EXPECT_EQ(Eval("range", {N(0), N(4), N(-1)}),
            "error: Invalid function argument: range: limit must be less than "
            "start when step is negative");
  EXPECT_EQ(Eval("range", {N(4), N(0), N(1)}),
            "error: Invalid function argument: range: limit must be greater "
            "than start when step is positive");
  EXPECT_THAT(Eval("range", {N(2000)}),
              ::testing::HasSubstr("more than 1024 values were generated"));
}

TEST(FunctionsCollectionsTest, CoalesceAndCoalescelist) {
  EXPECT_EQ(Eval("coalesce", {Null(), S(""), S("b"), S("c")}), "\"b\"");
  EXPECT_EQ(Eval("coalesce", {Null(), N(1)}), "1");
  EXPECT_EQ(Eval("coalesce", {Null(), S("")}),
            "error: Invalid function argument: coalesce: no non-null, "
            "non-empty-string arguments");
  EXPECT_EQ(Eval("coalesce", {S("a"), U("var.b")}), "\"a\"");
  EXPECT_EQ(Eval("coalesce", {U("var.a"), S("b")}), "?coalesce(...)");
  EXPECT_EQ(Eval("coalescelist", {J("[]"), J(R"(["x"])"), J(R"(["y"])")}),
            "[\"x\"]");
  EXPECT_EQ(Eval("coalescelist", {J("[]")}),
            "error: Invalid function argument: coalescelist: no non-null "
            "arguments");
}

TEST(FunctionsCollectionsTest, CompactSliceReverseSort) {
  EXPECT_EQ(Eval("compact", {L({S("a"), S(""), Null(), S("b")})}),
            "[\"a\", \"b\"]");
  TfValue list = J(R"(["a", "b", "c", "d"])");
  EXPECT_EQ(Eval("slice", {list, N(1), N(3)}), "[\"b\", \"c\"]");
  EXPECT_EQ(Eval("slice", {list, N(1), N(5)}),
            "error: Invalid function argument: slice: to index must be less "
            "than or equal to the length of the list");
  EXPECT_EQ(Eval("slice", {list, N(3), N(1)}),
            "error: Invalid function argument: slice: from index must be less "
            "than or equal to index");
  EXPECT_EQ(Eval("reverse", {J("[1, 2, 3]")}), "[3, 2, 1]");
  EXPECT_EQ(Eval("sort", {J(R"(["e", "d", "a", "x", "10", "9"])")}),
            "[\"10\", \"9\", \"a\", \"d\", \"e\", \"x\"]");
  EXPECT_EQ(Eval("sort", {L({S("a"), Null()})}),
            "error: Invalid function argument: sort: given list element 1 is "
            "null; a null string cannot be sorted");
}

TEST(FunctionsCollectionsTest, SetFunctions) {
  EXPECT_EQ(Eval("setunion", {J(R"(["b", "a"])"), J(R"(["c", "b"])")}),
            "[\"a\", \"b\", \"c\"]");
  EXPECT_EQ(Eval("setintersection",
                 {J(R"(["a", "b", "c"])"), J(R"(["c", "b", "d"])")}),
            "[\"b\", \"c\"]");
  EXPECT_EQ(Eval("setproduct", {J(R"(["a", "b"])"), J("[1, 2]")}),
            "[[\"a\", 1], [\"a\", 2], [\"b\", 1], [\"b\", 2]]");
  EXPECT_EQ(Eval("setproduct", {J(R"(["a"])"), J("[]")}), "[]");
}

TEST(FunctionsCollectionsTest, ChunklistOneTransposeSum) {
  EXPECT_EQ(Eval("chunklist", {J(R"(["a", "b", "c"])"), N(2)}),
            "[[\"a\", \"b\"], [\"c\"]]");
  EXPECT_EQ(Eval("chunklist", {J("[1, 2]"), N(0)}), "[[1, 2]]");
  EXPECT_EQ(Eval("one", {J("[]")}), "null");
  EXPECT_EQ(Eval("one", {J(R"(["x"])")}), "\"x\"");
  EXPECT_EQ(Eval("one", {J("[1, 2]")}),
            "error: Invalid function argument: one: must be a list, set, or "
            "tuple value with either zero or one elements");
  EXPECT_EQ(Eval("transpose", {J(R"({"a": ["1", "2"], "b": ["2", "3"]})")}),
            "{1 = [\"a\"], 2 = [\"a\", \"b\"], 3 = [\"b\"]}");
  EXPECT_EQ(Eval("sum", {J(R"([1, 2.5, "3"])")}), "6.5");
  EXPECT_EQ(Eval("sum", {J("[]")}),
            "error: Invalid function argument: sum: cannot sum an empty list");
}

TEST(FunctionsCollectionsTest, AllTrueAnyTrue) {
  EXPECT_EQ(Eval("alltrue", {J("[]")}), "true");
  EXPECT_EQ(Eval("alltrue", {J(R"([true, "true"])")}), "true");
  EXPECT_EQ(Eval("alltrue", {J("[true, false]")}), "false");
  EXPECT_EQ(Eval("anytrue", {J("[]")}), "false");
  EXPECT_EQ(Eval("anytrue", {J("[false, true]")}), "true");
}

TEST(FunctionsCollectionsTest, TypeConversions) {
  EXPECT_EQ(Eval("toset", {J(R"(["c", "a", "c", "b"])")}),
            "[\"a\", \"b\", \"c\"]");
  EXPECT_EQ(Eval("tolist", {J(R"(["b", "a"])")}), "[\"b\", \"a\"]");
  EXPECT_EQ(Eval("tolist", {L({U("var.a")})}), "[?var.a]");
  EXPECT_EQ(Eval("tomap", {J(R"({"a": 1, "b": "x"})")}),
            "{a = \"1\", b = \"x\"}");
  EXPECT_EQ(Eval("tomap", {J(R"({"a": 1, "b": 2})")}), "{a = 1, b = 2}");
  EXPECT_EQ(Eval("tomap", {J("[1]")}),
            "error: Invalid function argument: tomap: argument 1 must be a "
            "map or object, got list [1]");
  EXPECT_EQ(Eval("toset", {L({U("var.a")})}), "?toset(...)");
}

}  // namespace
}  // namespace polygraph::terraform
