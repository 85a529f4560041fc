#include "terraform/functions.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/terraform/functions_testing.h"

namespace polygraph::terraform {
namespace {

using function_testing::B;
using function_testing::Eval;
using function_testing::J;
using function_testing::N;
using function_testing::Null;
using function_testing::S;
using function_testing::U;

TEST(FunctionsTest, KnowsTerraformsFunctionsOnly) {
  for (const char* name :
       {"cidrsubnet",   "cidrsubnets",   "cidrhost",     "cidrnetmask",
        "concat",       "flatten",       "merge",        "lookup",
        "element",      "length",        "keys",         "values",
        "zipmap",       "distinct",      "contains",     "range",
        "coalesce",     "coalescelist",  "compact",      "slice",
        "reverse",      "sort",          "setunion",     "setintersection",
        "setproduct",   "chunklist",     "one",          "index",
        "transpose",    "sum",           "alltrue",      "anytrue",
        "format",       "formatlist",    "join",         "split",
        "replace",      "lower",         "upper",        "title",
        "trimspace",    "trim",          "trimprefix",   "trimsuffix",
        "substr",       "startswith",    "endswith",     "strcontains",
        "regex",        "regexall",      "min",          "max",
        "abs",          "ceil",          "floor",        "pow",
        "parseint",     "signum",        "jsonencode",   "jsondecode",
        "yamlencode",   "base64encode",  "base64decode", "urlencode",
        "tolist",       "toset",         "tomap",        "tostring",
        "tonumber",     "tobool",        "file",         "fileexists",
        "templatefile", "basename",      "dirname",      "md5",
        "sha1",         "sha256",        "base64sha256", "filemd5",
        "filesha1",     "filesha256",    "filebase64",   "filebase64sha256",
        "chomp",        "indent",        "strrev",       "log",
        "timestamp",    "plantimestamp", "uuid",         "sensitive",
        "nonsensitive", "timeadd",       "formatdate",   "yamldecode",
        "fileset"}) {
    EXPECT_TRUE(IsKnownFunction(name)) << name;
  }
  EXPECT_FALSE(IsKnownFunction("foo"));
  EXPECT_FALSE(IsKnownFunction("try"));  // The evaluator's own.
  EXPECT_FALSE(IsKnownFunction("Upper"));
}

TEST(FunctionsTest, UnknownFunctionIsAnError) {
  EXPECT_EQ(Eval("foo", {S("x")}), "error: Call to unknown function: foo");
}

TEST(FunctionsTest, ArityErrorsNameTheFunctionAndCounts) {
  EXPECT_EQ(Eval("lookup", {J(R"({"a": 1})")}),
            "error: Not enough function arguments: lookup takes 2 or 3, got 1");
  EXPECT_EQ(Eval("upper", {S("a"), S("b")}),
            "error: Too many function arguments: upper takes 1, got 2");
  EXPECT_EQ(Eval("cidrsubnet", {S("10.0.0.0/16")}),
            "error: Not enough function arguments: cidrsubnet takes 3, got 1");
  EXPECT_EQ(Eval("range", {}),
            "error: Not enough function arguments: range takes 1 to 3, got 0");
  EXPECT_EQ(Eval("cidrsubnets", {}),
            "error: Not enough function arguments: cidrsubnets takes at least "
            "1, got 0");
}

TEST(FunctionsTest, CidrFunctionsGiveTerraformsResults) {
  EXPECT_EQ(Eval("cidrsubnet", {S("10.0.0.0/16"), N(8), N(2)}),
            "\"10.0.2.0/24\"");
  EXPECT_EQ(Eval("cidrsubnet", {S("172.16.0.0/12"), N(4), N(2)}),
            "\"172.18.0.0/16\"");
  // Numbers given as strings are converted, as Terraform does.
  EXPECT_EQ(Eval("cidrsubnet", {S("10.0.0.0/16"), S("8"), S("255")}),
            "\"10.0.255.0/24\"");
  EXPECT_EQ(Eval("cidrhost", {S("10.12.112.0/20"), N(268)}),
            "\"10.12.113.12\"");
  EXPECT_EQ(Eval("cidrhost", {S("10.0.0.0/24"), N(-1)}), "\"10.0.0.255\"");
  EXPECT_EQ(Eval("cidrnetmask", {S("172.16.0.0/12")}), "\"255.240.0.0\"");
  EXPECT_EQ(Eval("cidrsubnets", {S("10.1.0.0/16"), N(4), N(4), N(8), N(4)}),
            "[\"10.1.0.0/20\", \"10.1.16.0/20\", \"10.1.32.0/24\", "
            "\"10.1.48.0/20\"]");
}

TEST(FunctionsTest, CidrErrorsAreTerraformsTexts) {
  EXPECT_EQ(Eval("cidrsubnet", {S("10.0.0.0/30"), N(4), N(0)}),
            "error: Invalid function argument: cidrsubnet: insufficient "
            "address space to extend prefix of 30 by 4");
  EXPECT_EQ(Eval("cidrsubnet", {S("10.0.0.0/16"), N(2000), N(0)}),
            "error: Invalid function argument: cidrsubnet: insufficient "
            "address space to extend prefix of 16 by 2000");
  EXPECT_THAT(Eval("cidrsubnets", {S("10.0.0.0/16"), N(40)}),
              ::testing::HasSubstr("may not extend prefix by more than 32"));
  EXPECT_EQ(Eval("cidrsubnet", {S("10.0.0.0/16"), N(8), N(256)}),
            "error: Invalid function argument: cidrsubnet: prefix extension "
            "of 8 does not accommodate a subnet numbered 256");
  EXPECT_EQ(Eval("cidrsubnet", {S("nonsense"), N(8), N(1)}),
            "error: Invalid function argument: cidrsubnet: invalid CIDR "
            "expression: invalid CIDR address: nonsense");
  EXPECT_EQ(Eval("cidrsubnet", {N(1), S("eight"), N(1)}),
            "error: Invalid function argument: cidrsubnet: argument 2 must "
            "be a number, got string \"eight\"");
  EXPECT_EQ(Eval("cidrsubnet", {J("[]"), N(8), N(1)}),
            "error: Invalid function argument: cidrsubnet: argument 1 must "
            "be a string, got list []");
  EXPECT_EQ(Eval("cidrsubnet", {Null(), N(8), N(1)}),
            "error: Invalid function argument: cidrsubnet: argument 1 must "
            "not be null");
  EXPECT_EQ(Eval("cidrhost", {S("10.0.0.0/16"), N(1.5)}),
            "error: Invalid function argument: cidrhost: argument 2 must be "
            "a whole number, got number 1.5");
  EXPECT_EQ(Eval("cidrnetmask", {S("fd00::/8")}),
            "error: Invalid function argument: cidrnetmask: IPv6 addresses "
            "cannot have a netmask: fd00::/8");
}

TEST(FunctionsTest, UnknownArgumentsGiveUnknownsNamedAfterTheCall) {
  EXPECT_EQ(Eval("cidrsubnet", {U("var.cidr"), N(8), N(1)}),
            "?cidrsubnet(...)");
  EXPECT_EQ(Eval("upper", {U("aws_vpc.main.id")}), "?upper(...)");
  // Unknowns deep inside an argument count too.
  EXPECT_EQ(Eval("jsonencode", {function_testing::L({S("a"), U("var.b")})}),
            "?jsonencode(...)");
  // Arity is still checked first.
  EXPECT_EQ(Eval("upper", {U("x"), U("y")}),
            "error: Too many function arguments: upper takes 1, got 2");
}

TEST(FunctionsTest, ResultsAreLocatedAtTheCall) {
  // Eval checks the location of every result; a returned argument too.
  TfValue map = J(R"({"a": "x"})");
  EXPECT_EQ(Eval("lookup", {map, S("a")}), "\"x\"");
  EXPECT_EQ(Eval("tolist", {J("[1]")}), "[1]");
  EXPECT_EQ(Eval("coalesce", {Null(), B(true)}), "true");
}

TEST(FunctionsTest, PathFunctionsFollowGo) {
  EXPECT_EQ(Eval("basename", {S("foo/bar/baz.txt")}), "\"baz.txt\"");
  EXPECT_EQ(Eval("basename", {S("foo/bar/")}), "\"bar\"");
  EXPECT_EQ(Eval("basename", {S("/")}), "\"/\"");
  EXPECT_EQ(Eval("basename", {S("")}), "\".\"");
  EXPECT_EQ(Eval("basename", {S("/work/corpus/examples/complete")}),
            "\"complete\"");
  EXPECT_EQ(Eval("dirname", {S("foo/bar/baz.txt")}), "\"foo/bar\"");
  EXPECT_EQ(Eval("dirname", {S("baz.txt")}), "\".\"");
  EXPECT_EQ(Eval("dirname", {S("/baz.txt")}), "\"/\"");
  EXPECT_EQ(Eval("dirname", {S("a//b/../c/d")}), "\"a/c\"");
  EXPECT_EQ(Eval("basename", {U("path.cwd")}), "?basename(...)");
}

TEST(FunctionsTest, RunTimeValuesAreUnknownAndSensitivityIsIgnored) {
  EXPECT_EQ(Eval("timestamp", {}), "?timestamp(...)");
  EXPECT_EQ(Eval("uuid", {}), "?uuid(...)");
  EXPECT_EQ(Eval("plantimestamp", {}), "?plantimestamp(...)");
  EXPECT_EQ(Eval("fileset", {S("."), S("*.json")}), "?fileset(...)");
  EXPECT_EQ(Eval("fileset", {S("."), S("*.json")}), "?fileset(...)");
  EXPECT_EQ(Eval("sensitive", {S("secret")}), "\"secret\"");
  EXPECT_EQ(Eval("nonsensitive", {U("var.password")}), "?var.password");
}

TEST(FunctionsTest, FileReadsThroughTheContextFromTheModuleFolder) {
  std::vector<std::string> paths;
  FunctionContext context;
  context.module_dir = "/src/modules/vpc";
  context.read_file =
      [&paths](const std::string& path) -> absl::StatusOr<std::string> {
    paths.push_back(path);
    if (path.ends_with("missing.txt")) return absl::NotFoundError("gone");
    if (path.ends_with("folder"))
      return absl::InvalidArgumentError("is a folder");
    return "text of " + path;
  };
  EXPECT_EQ(Eval("file", {S("policy.json")}, context),
            "\"text of /src/modules/vpc/policy.json\"");
  EXPECT_EQ(Eval("file", {S("/etc/abs.txt")}, context),
            "\"text of /etc/abs.txt\"");
  EXPECT_EQ(Eval("file", {S("missing.txt")}, context),
            "error: file: no file exists at \"missing.txt\"");
  EXPECT_EQ(Eval("fileexists", {S("policy.json")}, context), "true");
  EXPECT_EQ(Eval("fileexists", {S("missing.txt")}, context), "false");
  EXPECT_EQ(Eval("fileexists", {S("folder")}, context),
            "error: Invalid function argument: fileexists: is a folder");
  EXPECT_EQ(paths.front(), "/src/modules/vpc/policy.json");
  // Without a reader the result is unknown, never a guess.
  EXPECT_EQ(Eval("file", {S("policy.json")}), "?file(...)");
  EXPECT_EQ(Eval("fileexists", {S("policy.json")}), "?fileexists(...)");
}

TEST(FunctionsTest, TemplateFileRendersThroughTheContext) {
  FunctionContext context;
  context.module_dir = "mod";
  context.read_file =
      [](const std::string& path) -> absl::StatusOr<std::string> {
    return "hello ${name} from " + path;
  };
  context.render_template =
      [](const std::string& text, const std::string& path,
         const TfValue& variables) -> absl::StatusOr<TfValue> {
    const TfValue* name = variables.Find("name");
    if (name == nullptr) return absl::InvalidArgumentError("no name");
    return TfValue::Concatenation({TfValue::String(path + ": ", {}), *name},
                                  {});
  };
  EXPECT_EQ(Eval("templatefile", {S("t.tpl"), J(R"({"name": "x"})")}, context),
            "\"mod/t.tpl: x\"");
  // Unknown variables are the renderer's to carry.
  EXPECT_EQ(
      Eval("templatefile",
           {S("t.tpl"), TfValue::Object({"name"}, {U("var.n")}, {})}, context),
      "?(\"mod/t.tpl: \", ?var.n)");
  EXPECT_EQ(Eval("templatefile", {S("t.tpl"), J("{}")}, context),
            "error: no name");
  EXPECT_EQ(Eval("templatefile", {S("t.tpl"), J("[1]")}, context),
            "error: Invalid function argument: templatefile: argument 2 must "
            "be a map or object, got list [1]");
  EXPECT_EQ(Eval("templatefile", {U("var.path"), J("{}")}, context),
            "?templatefile(...)");
  FunctionContext no_renderer = context;
  no_renderer.render_template = nullptr;
  EXPECT_EQ(Eval("templatefile", {S("t.tpl"), J("{}")}, no_renderer),
            "?templatefile(...)");
}

}  // namespace
}  // namespace polygraph::terraform
