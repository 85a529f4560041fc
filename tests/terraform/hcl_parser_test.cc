#include "terraform/hcl_parser.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/source_location.h"
#include "terraform/hcl_syntax.h"
#include "tests/terraform/hcl_testing.h"
#include "tests/testing.h"

namespace polygraph::terraform {
namespace {

using ::polygraph::testing::ErrorAt;
using ::testing::HasSubstr;
using Kind = Expression::Kind;

std::string At(const SourceLocation& location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The value of attribute `name` in the file's top-level body.
const Expression& Attr(const HclFile& file, const std::string& name) {
  const Body::Attribute* attribute = file.body.Find(name);
  EXPECT_NE(attribute, nullptr) << name;
  static const Expression kEmpty;
  return attribute == nullptr ? kEmpty : *attribute->expression;
}

absl::StatusOr<ExpressionPtr> Expr(std::string_view text) {
  SourceLocation start;
  start.file = "x.tf";
  start.line = 1;
  start.column = 1;
  return ParseHclExpression(text, start);
}

// The S-expression of a whole expression, or "error L:C: message".
std::string P(std::string_view text) {
  absl::StatusOr<ExpressionPtr> expression = Expr(text);
  if (!expression.ok()) {
    return "error " + ErrorAt(expression) + ": " +
           ErrorReason(expression.status());
  }
  return testing::Sexp(**expression);
}

// "L:C: message" of a failed file parse, or "ok".
std::string FileError(std::string_view text) {
  absl::StatusOr<HclFile> file = ParseHclFile(text, "main.tf");
  if (file.ok()) return "ok";
  return ErrorAt(file) + ": " + ErrorReason(file.status());
}

TEST(HclParserTest, AttributesAndBlocksWithLocations) {
  ASSERT_OK_AND_ASSIGN(HclFile file, ParseHclFile(R"(# a comment
region = "us-east-1"

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port = 22
  }
}
  locals { a = 1 }
terraform {}
)",
                                                  "main.tf"));
  EXPECT_EQ(file.path, "main.tf");
  EXPECT_EQ(At(file.body.location), "1:1");
  ASSERT_EQ(file.body.attributes.size(), 1u);
  EXPECT_EQ(file.body.attributes[0].name, "region");
  EXPECT_EQ(At(file.body.attributes[0].location), "2:1");
  EXPECT_EQ(file.body.attributes[0].location.file, "main.tf");
  EXPECT_EQ(testing::Sexp(Attr(file, "region")), "(tpl \"us-east-1\")");
  EXPECT_EQ(At(Attr(file, "region").location), "2:10");
  ASSERT_EQ(file.body.blocks.size(), 3u);
  const Block& resource = file.body.blocks[0];
  EXPECT_EQ(resource.type, "resource");
  EXPECT_THAT(resource.labels,
              ::testing::ElementsAre("aws_security_group", "web"));
  EXPECT_EQ(At(resource.location), "4:1");
  EXPECT_EQ(At(resource.label_locations[1]), "4:31");
  EXPECT_EQ(At(resource.body.location), "4:37");
  EXPECT_EQ(resource.body.attributes[0].name, "name");
  ASSERT_EQ(resource.body.blocks.size(), 1u);
  const Block& ingress = resource.body.blocks[0];
  EXPECT_EQ(At(ingress.location), "6:3");
  EXPECT_EQ(ingress.body.attributes[0].expression->literal.text, "22");
  EXPECT_EQ(At(ingress.body.attributes[0].expression->location), "7:17");
  const Block& locals = file.body.blocks[1];
  EXPECT_EQ(At(locals.location), "10:3");
  EXPECT_EQ(locals.body.attributes[0].name, "a");
  EXPECT_TRUE(file.body.blocks[2].body.attributes.empty());
}

TEST(HclParserTest, IdentifierLabelsAndEscapedLabels) {
  ASSERT_OK_AND_ASSIGN(HclFile file,
                       ParseHclFile("b x \"y\\tz\" {\n}\n", "main.tf"));
  EXPECT_THAT(file.body.blocks[0].labels, ::testing::ElementsAre("x", "y\tz"));
  EXPECT_EQ(FileError("b \"${x}\" {\n}\n"),
            "1:3: a block label must be a plain string, without interpolation "
            "or directives");
}

TEST(HclParserTest, Literals) {
  ASSERT_OK_AND_ASSIGN(ExpressionPtr number, Expr("1e3"));
  EXPECT_EQ(number->kind, Kind::kLiteral);
  EXPECT_EQ(number->literal.kind, Value::Kind::kNumber);
  EXPECT_EQ(number->literal.text, "1e3");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr half, Expr("0.5"));
  EXPECT_EQ(half->literal.text, "0.5");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr yes, Expr("true"));
  EXPECT_EQ(yes->literal.kind, Value::Kind::kBool);
  EXPECT_TRUE(yes->literal.boolean);
  ASSERT_OK_AND_ASSIGN(ExpressionPtr no, Expr("false"));
  EXPECT_EQ(no->literal.kind, Value::Kind::kBool);
  EXPECT_FALSE(no->literal.boolean);
  ASSERT_OK_AND_ASSIGN(ExpressionPtr null, Expr("null"));
  EXPECT_EQ(null->literal.kind, Value::Kind::kNull);
  ASSERT_OK_AND_ASSIGN(ExpressionPtr empty, Expr("\"\""));
  EXPECT_EQ(empty->kind, Kind::kTemplate);
  EXPECT_TRUE(empty->template_parts.empty());
}

TEST(HclParserTest, OperatorPrecedenceAndAssociativity) {
  EXPECT_EQ(P("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(P("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(P("a / b % c * d"), "(* (% (/ a b) c) d)");
  EXPECT_EQ(P("a || b && c == d + e * -f"),
            "(|| a (&& b (== c (+ d (* e (neg f))))))");
  EXPECT_EQ(P("a < b == c >= d"), "(== (< a b) (>= c d))");
  EXPECT_EQ(P("!a && b != c"), "(&& (! a) (!= b c))");
  EXPECT_EQ(P("a <= b || c > d"), "(|| (<= a b) (> c d))");
  EXPECT_EQ(P("-a.b"), "(neg (. a b))");
  EXPECT_EQ(P("!!a"), "(! (! a))");
  EXPECT_EQ(P("(a + b) * c"), "(* (paren (+ a b)) c)");
  EXPECT_EQ(P("a ? b : c ? d : e"), "(? a b (? c d e))");
  EXPECT_EQ(P("a == 1 ? b + 1 : c"), "(? (== a 1) (+ b 1) c)");
}

TEST(HclParserTest, OperatorLocationsAreWhereTheExpressionStarts) {
  ASSERT_OK_AND_ASSIGN(ExpressionPtr sum, Expr("  a +\n b"));
  EXPECT_EQ(At(sum->location), "1:3");
  EXPECT_EQ(At(sum->operands[1]->location), "2:2");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr negate, Expr("x - -y"));
  EXPECT_EQ(At(negate->operands[1]->location), "1:5");
}

TEST(HclParserTest, TraversalsAndLegacyIndexes) {
  EXPECT_EQ(P("var.list[0].name"), "(. ([] (. var list) 0) name)");
  EXPECT_EQ(P("aws_instance.web.0.id"), "(. ([] (. aws_instance web) 0) id)");
  EXPECT_EQ(P("a.0.1"), "([] ([] a 0) 1)");
  EXPECT_EQ(P("a[\"k\"][b + 1]"), "([] ([] a (tpl \"k\")) (+ b 1))");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr legacy, Expr("abc.12"));
  EXPECT_EQ(legacy->kind, Kind::kIndex);
  EXPECT_EQ(legacy->operands[1]->literal.kind, Value::Kind::kNumber);
  EXPECT_EQ(At(legacy->operands[1]->location), "1:5");
  EXPECT_EQ(P("a.1e3"),
            "error 1:3: expected an attribute name or index after \".\", found "
            "number \"1e3\"");
}

TEST(HclParserTest, Splats) {
  EXPECT_EQ(P("a[*].id"), "(splat[*] a (. @ id))");
  EXPECT_EQ(P("a[*].b[0].c"), "(splat[*] a (. ([] (. @ b) 0) c))");
  EXPECT_EQ(P("a.*.b.c"), "(splat.* a (. (. @ b) c))");
  EXPECT_EQ(P("a.*.b[0]"), "([] (splat.* a (. @ b)) 0)");
  EXPECT_EQ(P("a.*.b.0"), "(splat.* a ([] (. @ b) 0))");
  EXPECT_EQ(P("a[*]"), "(splat[*] a @)");
  EXPECT_EQ(P("a[*][*].x"), "(splat[*] a (splat[*] @ (. @ x)))");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr splat, Expr("aa[*].id"));
  EXPECT_TRUE(splat->full_splat);
  EXPECT_EQ(At(splat->location), "1:1");
  EXPECT_EQ(At(splat->operands[1]->operands[0]->location), "1:3");
}

TEST(HclParserTest, TuplesAndObjects) {
  EXPECT_EQ(P("[]"), "(tuple)");
  EXPECT_EQ(P("[1, \"a\",\n  b,\n]"), "(tuple 1 (tpl \"a\") b)");
  EXPECT_EQ(P("{}"), "(obj)");
  EXPECT_EQ(P("{a = 1, b: 2}"), "(obj (\"a\" 1) (\"b\" 2))");
  EXPECT_EQ(P("{\n  a = 1\n  \"b c\" = 2,\n  (var.k) = 3\n  4 = x\n}"),
            "(obj (\"a\" 1) ((tpl \"b c\") 2) ((paren (. var k)) 3) (4 x))");
  EXPECT_EQ(P("{ null = 1, for = 2, if = 3 }"),
            "(obj (\"null\" 1) (\"for\" 2) (\"if\" 3))");
  EXPECT_EQ(P("{ a = [\n1,\n2\n], b = f(\nx\n) }"),
            "(obj (\"a\" (tuple 1 2)) (\"b\" (call f x)))");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr object, Expr("{\n  name = 1\n}"));
  EXPECT_EQ(object->object_items[0].key->kind, Kind::kLiteral);
  EXPECT_EQ(object->object_items[0].key->literal.kind, Value::Kind::kString);
  EXPECT_EQ(At(object->object_items[0].key->location), "2:3");
  EXPECT_EQ(P("{a = 1 b = 2}"),
            "error 1:8: expected \",\", a newline or \"}\" after an object "
            "item, found identifier \"b\"");
  EXPECT_EQ(P("{a 1}"),
            "error 1:4: expected \"=\" or \":\" after the object key, found "
            "number \"1\"");
}

TEST(HclParserTest, ForExpressions) {
  EXPECT_EQ(P("[for s in var.list : upper(s)]"),
            "(for ,s in (. var list) : (call upper s))");
  EXPECT_EQ(P("[for i, v in xs : v if i > 0]"),
            "(for i,v in xs : v if (> i 0))");
  EXPECT_EQ(P("{for k, v in m : k => v}"), "(for k,v in m : k => v)");
  EXPECT_EQ(P("{\n  for k, v in m :\n  v.g => k...\n  if v != null\n}"),
            "(for k,v in m : (. v g) => k ... if (!= v null))");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr tuple, Expr("[for x in y : x]"));
  EXPECT_EQ(tuple->kind, Kind::kForTuple);
  EXPECT_EQ(tuple->for_key, nullptr);
  EXPECT_EQ(tuple->for_condition, nullptr);
  ASSERT_OK_AND_ASSIGN(ExpressionPtr object, Expr("{for k, v in y : k => v}"));
  EXPECT_EQ(object->kind, Kind::kForObject);
  EXPECT_FALSE(object->grouping);
  EXPECT_EQ(P("[for x y : x]"),
            "error 1:8: expected \"in\" after the for variable names, found "
            "identifier \"y\"");
  EXPECT_EQ(P("{for k, v in m : k v}"),
            "error 1:20: expected \"=>\" after the key of the for expression, "
            "found identifier \"v\"");
  EXPECT_EQ(P("[for x in y x]"),
            "error 1:13: expected \":\" after the collection of the for "
            "expression, found identifier \"x\"");
}

TEST(HclParserTest, FunctionCalls) {
  EXPECT_EQ(P("f()"), "(call f)");
  EXPECT_EQ(P("max(1, 2,\n 3,\n)"), "(call max 1 2 3)");
  EXPECT_EQ(P("concat(a, b...)"), "(call concat a b ...)");
  EXPECT_EQ(P("provider::aws::arn_parse(x)"),
            "(call provider::aws::arn_parse x)");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr call, Expr("  f(x)"));
  EXPECT_EQ(At(call->location), "1:3");
  EXPECT_EQ(P("f(a... , b)"),
            "error 1:8: expected \")\" to close \"(\" opened at 1:2, found "
            "\",\"");
  EXPECT_EQ(P("f(a b)"),
            "error 1:5: expected \",\" or \")\" after an argument of \"f\", "
            "found identifier \"b\"");
  EXPECT_EQ(P("provider::x"),
            "error 1:12: expected \"(\" after the function name "
            "\"provider::x\", found end of file");
}

TEST(HclParserTest, NewlinesEndAttributesButNotBracketedExpressions) {
  ASSERT_OK_AND_ASSIGN(HclFile file, ParseHclFile("a = (1 +\n 2)\nb = [\n1\n]\n"
                                                  "c = f(1,\n2)\nd = 1 +\n 2\n",
                                                  "main.tf"));
  EXPECT_EQ(testing::Sexp(Attr(file, "a")), "(paren (+ 1 2))");
  EXPECT_EQ(testing::Sexp(Attr(file, "b")), "(tuple 1)");
  EXPECT_EQ(testing::Sexp(Attr(file, "c")), "(call f 1 2)");
  EXPECT_EQ(testing::Sexp(Attr(file, "d")), "(+ 1 2)");
  EXPECT_EQ(FileError("a = 1 b = 2\n"),
            "1:7: expected a newline after the value of \"a\", found "
            "identifier \"b\"");
  EXPECT_EQ(FileError("a =\n1\n"),
            "1:4: expected an expression, found newline");
  EXPECT_EQ(FileError("b {\n} c = 1\n"),
            "2:3: expected a newline after the block \"b\", found identifier "
            "\"c\"");
}

TEST(HclParserTest, SyntaxErrorsNameWhatWasExpectedAndFound) {
  EXPECT_EQ(FileError("resource \"x\" \"y\" {\n  ingress 22\n}\n"),
            "2:11: expected \"=\" or \"{\" after \"ingress\", found number "
            "\"22\"");
  EXPECT_EQ(FileError("a = 1\n= 2\n"),
            "2:1: expected an attribute name or block type, found \"=\"");
  EXPECT_EQ(FileError("}\n"),
            "1:1: expected an attribute name or block type, found \"}\"");
  EXPECT_EQ(FileError("b \"x\" 7 {\n}\n"),
            "1:7: expected a block label or \"{\" after \"x\", found number "
            "\"7\"");
  EXPECT_EQ(FileError("a = @\n"),
            "1:5: expected an expression, found invalid character \"@\"");
  EXPECT_EQ(FileError("a = 1\na = 2\n"),
            "2:1: attribute \"a\" is already defined at 1:1");
  EXPECT_EQ(P("a b"),
            "error 1:3: expected end of input after the expression, found "
            "identifier \"b\"");
  EXPECT_EQ(P("a ? b c"),
            "error 1:7: expected \":\" after the true result of the "
            "conditional, found identifier \"c\"");
  EXPECT_EQ(P("a."),
            "error 1:3: expected an attribute name, index or \"*\" "
            "after \".\", found end of file");
  EXPECT_EQ(P("[1 2]"),
            "error 1:4: expected \",\" or \"]\" after a tuple element, found "
            "number \"2\"");
}

TEST(HclParserTest, UnclosedThingsAreReportedWhereTheyOpen) {
  EXPECT_EQ(FileError("a = 1\nb {\n  c = (1 +\n 2\n"),
            "3:7: unclosed \"(\": expected \")\" before end of file");
  EXPECT_EQ(FileError("a = [1,\n2"),
            "1:5: unclosed \"[\": expected \"]\" before end of file");
  EXPECT_EQ(FileError("a = {\n  x = 1\n"),
            "1:5: unclosed \"{\": expected \"}\" before end of file");
  EXPECT_EQ(FileError("a = f(1,\n"),
            "1:6: unclosed \"(\": expected \")\" before end of file");
  EXPECT_EQ(FileError("x {\n  b {\n  }\n"),
            "1:3: unclosed \"{\" of a block body: expected \"}\" before end of "
            "file");
  EXPECT_EQ(FileError("a = 1\n  /* comment"),
            "2:3: unclosed comment: expected \"*/\" before end of file");
  EXPECT_EQ(FileError("a = [for x in y : x\n"),
            "1:5: unclosed \"[\": expected \"]\" before end of file");
  EXPECT_EQ(FileError("a = (1 b)\n"),
            "1:8: expected \")\" to close \"(\" opened at 1:5, found "
            "identifier \"b\"");
}

TEST(HclParserTest, InvalidUtf8IsAnErrorAtTheBadByte) {
  EXPECT_EQ(FileError("a = \"ok\"\nb = \"x\xff\"\n"),
            "2:7: invalid UTF-8: byte 0xFF does not start or continue a valid "
            "sequence");
  ASSERT_OK_AND_ASSIGN(HclFile file,
                       ParseHclFile("a = \"h\xc3\xa9\"\n", "main.tf"));
  EXPECT_EQ(Attr(file, "a").template_parts[0].text, "h\xc3\xa9");
}

TEST(HclParserTest, LimitsAreEnforced) {
  HclParseOptions options;
  options.max_depth = 10;
  EXPECT_OK(ParseHclFile("a = ((((1))))\n", "main.tf", options));
  absl::StatusOr<HclFile> deep = ParseHclFile(
      "a = " + std::string(20, '(') + "1" + std::string(20, ')') + "\n",
      "main.tf", options);
  EXPECT_THAT(ErrorReason(deep.status()),
              HasSubstr("nesting deeper than the limit of 10"));
  std::string nested;
  for (int i = 0; i < 20; ++i) nested += "b {\n";
  EXPECT_THAT(ErrorReason(ParseHclFile(nested, "main.tf", options).status()),
              HasSubstr("nesting deeper"));
  std::string chain = "a = x";
  for (int i = 0; i < 50; ++i) chain += ".y";
  EXPECT_THAT(ErrorReason(ParseHclFile(chain, "main.tf", options).status()),
              HasSubstr("nesting deeper"));
  std::string sum = "a = 1";
  for (int i = 0; i < 50; ++i) sum += " + 1";
  EXPECT_THAT(ErrorReason(ParseHclFile(sum, "main.tf", options).status()),
              HasSubstr("nesting deeper"));
  options.max_input_bytes = 4;
  EXPECT_EQ(ErrorReason(ParseHclFile("a = 12\n", "main.tf", options).status()),
            "input of 7 bytes exceeds the limit of 4 bytes");
}

TEST(HclParserTest, DeepInputsWithDefaultLimitsFailCleanly) {
  for (const char* unit :
       {"(", "[", "{a=", "!", "-", "f(", "\"${", "a[", "x ? y : "}) {
    std::string text = "a = ";
    for (int i = 0; i < 100000; ++i) text += unit;
    absl::StatusOr<HclFile> file = ParseHclFile(text, "main.tf");
    EXPECT_THAT(ErrorReason(file.status()), HasSubstr("nesting deeper"))
        << unit;
  }
  std::string chain = "a = x";
  for (int i = 0; i < 100000; ++i) chain += "[0]";
  EXPECT_THAT(ErrorReason(ParseHclFile(chain, "main.tf").status()),
              HasSubstr("nesting deeper"));
}

TEST(HclParserTest, ExpressionLocationsStartAtTheGivenPlace) {
  SourceLocation start;
  start.file = "terraform.tfvars";
  start.line = 7;
  start.column = 10;
  ASSERT_OK_AND_ASSIGN(ExpressionPtr object,
                       ParseHclExpression("{ a = 1\n  b = x }", start));
  EXPECT_EQ(object->location, start);
  EXPECT_EQ(At(object->object_items[0].key->location), "7:12");
  EXPECT_EQ(At(object->object_items[1].value->location), "8:7");
  absl::StatusOr<ExpressionPtr> bad = ParseHclExpression("1 +", start);
  EXPECT_EQ(ErrorAt(bad), "7:13");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr padded,
                       ParseHclExpression("\n  42  # note\n\n", start));
  EXPECT_EQ(padded->literal.text, "42");
  EXPECT_EQ(At(padded->location), "8:3");
}

TEST(HclParserTest, LargeConfigurationParsesQuickly) {
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    const std::string n = std::to_string(i);
    text += "resource \"aws_security_group\" \"sg" + n +
            "\" {\n"
            "  name        = \"sg-${var.env}-" +
            n +
            "\"\n"
            "  vpc_id      = aws_vpc.main.id\n"
            "  tags        = merge(var.tags, { Name = \"sg" +
            n +
            "\" })\n"
            "  ingress {\n"
            "    from_port   = 443\n"
            "    to_port     = 443\n"
            "    cidr_blocks = [for s in var.subnets : s.cidr if s.public]\n"
            "  }\n"
            "}\n";
  }
  const auto start = std::chrono::steady_clock::now();
  ASSERT_OK_AND_ASSIGN(HclFile file, ParseHclFile(text, "big.tf"));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(file.body.blocks.size(), 2000u);
  // Generous for unoptimized and sanitizer builds; Release is far faster.
  EXPECT_LT(
      std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(),
      2000);
}

TEST(HclParserTest, CorpusFilesAllParse) {
  const std::filesystem::path root =
      ::polygraph::testing::CorpusPath("terraform");
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no corpus";
  int parsed = 0;
  std::vector<std::string> failures;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tf") continue;
    const std::string text = ReadFile(entry.path());
    absl::StatusOr<HclFile> file = ParseHclFile(text, entry.path().string());
    if (file.ok()) {
      ++parsed;
    } else {
      failures.push_back(std::string(file.status().message()));
    }
  }
  EXPECT_GT(parsed, 700);
  EXPECT_THAT(failures, ::testing::IsEmpty());
}

}  // namespace
}  // namespace polygraph::terraform
