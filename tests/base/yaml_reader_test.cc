#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

using ::polygraph::testing::ErrorAt;
using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

TEST(YamlReaderTest, ClassifiesPlainScalars) {
  ASSERT_OK_AND_ASSIGN(Value doc, ParseYaml(R"(
- true
- False
- TRUE
- null
- ~
-
- 3306
- 012345678901
- -1.5e3
- .5
- 0x1F
- .inf
- yes
- "true"
- '42'
- |
  block
)",
                                            "t.yaml"));
  ASSERT_TRUE(doc.is_array());
  ASSERT_EQ(doc.items.size(), 16u);
  EXPECT_TRUE(doc.items[0].is_bool() && doc.items[0].boolean);
  EXPECT_TRUE(doc.items[1].is_bool() && !doc.items[1].boolean);
  EXPECT_TRUE(doc.items[2].is_bool() && doc.items[2].boolean);
  EXPECT_TRUE(doc.items[3].is_null());
  EXPECT_EQ(doc.items[3].text, "null");
  EXPECT_TRUE(doc.items[4].is_null());
  EXPECT_EQ(doc.items[4].text, "~");
  EXPECT_TRUE(doc.items[5].is_null());
  EXPECT_EQ(doc.items[5].text, "");
  EXPECT_TRUE(doc.items[6].is_number());
  EXPECT_EQ(doc.items[6].text, "3306");
  EXPECT_TRUE(doc.items[7].is_number());
  EXPECT_EQ(doc.items[7].text, "012345678901");
  EXPECT_TRUE(doc.items[8].is_number());
  EXPECT_TRUE(doc.items[9].is_number());
  EXPECT_TRUE(doc.items[10].is_number());
  EXPECT_TRUE(doc.items[11].is_number());
  EXPECT_TRUE(doc.items[12].is_string());  // YAML 1.1's yes is not a bool
  EXPECT_TRUE(doc.items[13].is_string());
  EXPECT_EQ(doc.items[13].text, "true");
  EXPECT_TRUE(doc.items[14].is_string());
  EXPECT_EQ(doc.items[15].text, "block\n");
  EXPECT_TRUE(doc.items[15].is_string());
}

TEST(YamlReaderTest, LocatesNodesAndKeys) {
  const std::string text =
      "Resources:\n"
      "  Bucket:\n"
      "    Type: AWS::S3::Bucket\n"
      "    Properties: {BucketName: x}\n";
  ASSERT_OK_AND_ASSIGN(Value doc, ParseYaml(text, "t.yaml"));
  EXPECT_EQ(doc.location, (SourceLocation{"t.yaml", 1, 1}));
  EXPECT_EQ(doc.KeyLocation("Resources"), (SourceLocation{"t.yaml", 1, 1}));
  const Value& bucket = doc.Find("Resources")->items.at(0);
  EXPECT_EQ(doc.Find("Resources")->key_locations.at(0),
            (SourceLocation{"t.yaml", 2, 3}));
  EXPECT_EQ(bucket.KeyLocation("Type"), (SourceLocation{"t.yaml", 3, 5}));
  EXPECT_EQ(bucket.Find("Type")->location, (SourceLocation{"t.yaml", 3, 11}));
  const Value* properties = bucket.Find("Properties");
  ASSERT_NE(properties, nullptr);
  EXPECT_EQ(properties->location, (SourceLocation{"t.yaml", 4, 17}));
  EXPECT_EQ(properties->key_locations.at(0), (SourceLocation{"t.yaml", 4, 18}));
  EXPECT_EQ(properties->items.at(0).location,
            (SourceLocation{"t.yaml", 4, 30}));
}

TEST(YamlReaderTest, EmptyValueIsLocatedAtItsKey) {
  ASSERT_OK_AND_ASSIGN(Value doc, ParseYaml("a: 1\nb:\nc: 2\n", "t.yaml"));
  EXPECT_TRUE(doc.Find("b")->is_null());
  EXPECT_EQ(doc.Find("b")->location, (SourceLocation{"t.yaml", 2, 1}));
}

TEST(YamlReaderTest, KeepsShortFormIntrinsicTags) {
  const std::string text =
      "Arn: !GetAtt Bucket.Arn\n"
      "Name: !Sub \"x-${AWS::Region}\"\n"
      "Id: !Ref Bucket\n"
      "Joined: !Join [\":\", [a, b]]\n"
      "Choice: !If [Cond, a, !Ref AWS::NoValue]\n"
      "Same: !Equals [!Ref Env, prod]\n"
      "Verbatim: !<!Ref> Bucket\n"
      "Long: {\"Fn::GetAtt\": [Bucket, Arn]}\n";
  ASSERT_OK_AND_ASSIGN(Value doc, ParseYaml(text, "t.yaml"));
  const Value* arn = doc.Find("Arn");
  EXPECT_EQ(arn->tag, "!GetAtt");
  EXPECT_TRUE(arn->is_string());
  EXPECT_EQ(arn->text, "Bucket.Arn");
  EXPECT_EQ(arn->location, (SourceLocation{"t.yaml", 1, 6}));
  EXPECT_EQ(doc.Find("Name")->tag, "!Sub");
  EXPECT_EQ(doc.Find("Name")->text, "x-${AWS::Region}");
  EXPECT_EQ(doc.Find("Id")->tag, "!Ref");
  const Value* joined = doc.Find("Joined");
  EXPECT_EQ(joined->tag, "!Join");
  ASSERT_TRUE(joined->is_array());
  EXPECT_EQ(joined->items.at(0).text, ":");
  EXPECT_TRUE(joined->items.at(0).tag.empty());
  EXPECT_TRUE(joined->items.at(1).is_array());
  EXPECT_EQ(joined->items.at(1).items.at(1).text, "b");
  EXPECT_EQ(joined->items.at(1).items.at(1).location,
            (SourceLocation{"t.yaml", 4, 25}));
  const Value* choice = doc.Find("Choice");
  EXPECT_EQ(choice->tag, "!If");
  EXPECT_EQ(choice->items.at(2).tag, "!Ref");
  EXPECT_EQ(choice->items.at(2).text, "AWS::NoValue");
  EXPECT_EQ(doc.Find("Same")->items.at(0).tag, "!Ref");
  EXPECT_EQ(doc.Find("Verbatim")->tag, "!Ref");
  EXPECT_TRUE(doc.Find("Long")->tag.empty());
  EXPECT_TRUE(doc.Find("Long")->is_object());
}

TEST(YamlReaderTest, TaggedScalarsAreStrings) {
  ASSERT_OK_AND_ASSIGN(Value doc, ParseYaml("a: !Ref 123\nb: !GetAZs ''\n"
                                            "c: !Ref\n",
                                            "t.yaml"));
  EXPECT_TRUE(doc.Find("a")->is_string());
  EXPECT_EQ(doc.Find("a")->text, "123");
  EXPECT_TRUE(doc.Find("b")->is_string());
  EXPECT_EQ(doc.Find("b")->tag, "!GetAZs");
  EXPECT_TRUE(doc.Find("c")->is_string());
  EXPECT_EQ(doc.Find("c")->text, "");
}

TEST(YamlReaderTest, StandardTagsSetTheKind) {
  ASSERT_OK_AND_ASSIGN(Value doc,
                       ParseYaml("a: !!str 5\nb: !!int 5\nc: !!bool true\n"
                                 "d: !!null ''\ne: !!binary aGk=\n",
                                 "t.yaml"));
  EXPECT_TRUE(doc.Find("a")->is_string());
  EXPECT_TRUE(doc.Find("a")->tag.empty());
  EXPECT_TRUE(doc.Find("b")->is_number());
  EXPECT_TRUE(doc.Find("c")->is_bool());
  EXPECT_TRUE(doc.Find("d")->is_null());
  EXPECT_EQ(doc.Find("e")->tag, "!!binary");
  EXPECT_THAT(ParseYaml("a: !!int abc\n", "t.yaml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid !!int value \"abc\"")));
}

TEST(YamlReaderTest, ReportsBadIndentationWithLine) {
  absl::StatusOr<Value> result = ParseYaml("a:\n  b: 1\n c: 2\n", "t.yaml");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("t.yaml:3:")));
  EXPECT_EQ(ErrorLocation(result.status())->line, 3);
}

TEST(YamlReaderTest, RejectsTabIndentation) {
  absl::StatusOr<Value> result = ParseYaml("a:\n\tb: 1\n", "t.yaml");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorLocation(result.status())->line, 2);
}

TEST(YamlReaderTest, ReportsSyntaxErrors) {
  EXPECT_THAT(ParseYaml("a: [1, 2\nb: 3\n", "t.yaml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("end of sequence flow not found")));
  absl::StatusOr<Value> alias = ParseYaml("a: 1\nb: *nope\n", "t.yaml");
  EXPECT_THAT(alias, StatusIs(absl::StatusCode::kInvalidArgument,
                              HasSubstr("anchor is not defined")));
  EXPECT_EQ(ErrorAt(alias), "2:4");
}

TEST(YamlReaderTest, RejectsDuplicateKeysAtTheDuplicate) {
  absl::StatusOr<Value> result = ParseYaml("a: 1\nb: 2\na: 3\n", "t.yaml");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("duplicate mapping key \"a\"")));
  EXPECT_EQ(ErrorAt(result), "3:1");
}

TEST(YamlReaderTest, RejectsNonScalarKeys) {
  absl::StatusOr<Value> result = ParseYaml("? [a]\n: 1\n", "t.yaml");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("mapping key must be a scalar, found "
                                         "a sequence")));
  EXPECT_EQ(ErrorAt(result), "1:3");
}

TEST(YamlReaderTest, RejectsMultipleDocuments) {
  absl::StatusOr<Value> result = ParseYaml("a: 1\n---\nb: 2\n", "t.yaml");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("multiple YAML documents")));
  EXPECT_EQ(ErrorAt(result), "2:1");  // the "---"
  EXPECT_OK(ParseYaml("---\na: 1\n...\n", "t.yaml"));
}

// Regression: yaml-cpp's LoadAll never returns on a stray top-level ','
// (found by yaml_fuzzer; corpus file stray_comma.yaml).
TEST(YamlReaderTest, StrayCommaIsAnErrorNotAHang) {
  absl::StatusOr<Value> result = ParseYaml("a: 1\n,\n", "t.yaml");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorAt(result), "2:1");
  EXPECT_THAT(ParseYaml("[a]\n,\n", "t.yaml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("t.yaml:2:1: unexpected \",\"")));
  EXPECT_THAT(ParseYaml(",&a [x*a]\n", "t.yaml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("t.yaml:1:1: unexpected \",\" at the start "
                                 "of a document")));
}

TEST(YamlReaderTest, EmptyStreamIsNull) {
  ASSERT_OK_AND_ASSIGN(Value doc, ParseYaml("# only a comment\n", "t.yaml"));
  EXPECT_TRUE(doc.is_null());
  EXPECT_EQ(doc.location, (SourceLocation{"t.yaml", 1, 1}));
}

TEST(YamlReaderTest, ExpandsAliases) {
  ASSERT_OK_AND_ASSIGN(Value doc,
                       ParseYaml("base: &b {x: 1}\ncopy: *b\n", "t.yaml"));
  ASSERT_TRUE(doc.Find("copy")->is_object());
  EXPECT_EQ(doc.Find("copy")->Find("x")->text, "1");
}

TEST(YamlReaderTest, RefusesAliasBomb) {
  const std::string bomb =
      "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
      "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
      "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
  // 10^8 nodes once expanded; the default limit stops it at 10^6 (tested
  // with a small limit to keep the test fast).
  EXPECT_EQ(ParseOptions().max_nodes, 1'000'000u);
  ParseOptions options;
  options.max_nodes = 50;
  EXPECT_THAT(ParseYaml(bomb, "t.yaml", options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("more than 50 nodes")));
}

TEST(YamlReaderTest, RefusesRecursiveAliasAndDeepNesting) {
  EXPECT_THAT(ParseYaml("&a [*a]\n", "t.yaml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("nesting deeper than 256")));
  ParseOptions options;
  options.max_depth = 2;
  EXPECT_OK(ParseYaml("a: [1]\n", "t.yaml", options));
  EXPECT_THAT(ParseYaml("a: [[1]]\n", "t.yaml", options),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // yaml-cpp's own recursion limit turns into an error, not a crash.
  EXPECT_THAT(ParseYaml(std::string(5000, '['), "t.yaml"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(YamlReaderTest, SkipsBomAndCountsColumnsInBytes) {
  ASSERT_OK_AND_ASSIGN(Value doc,
                       ParseYaml("\xEF\xBB\xBFk\xC3\xA9: v\n", "t.yaml"));
  EXPECT_EQ(doc.keys.at(0), "k\xC3\xA9");
  EXPECT_EQ(doc.items.at(0).location, (SourceLocation{"t.yaml", 1, 6}));
}

TEST(YamlReaderTest, RejectsInvalidUtf8AtTheByte) {
  absl::StatusOr<Value> value =
      ParseYaml("a: ok\nb: caf\xE9 au lait\n", "t.yaml");
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.status().message(), "t.yaml:2:7: invalid UTF-8 byte 0xE9");
  // An overlong encoding and a lone continuation byte are invalid too.
  EXPECT_FALSE(ParseYaml("a: \xC0\xAF\n", "t.yaml").ok());
  EXPECT_FALSE(ParseYaml("\x80: b\n", "t.yaml").ok());
}

TEST(YamlReaderTest, LimitsInputSize) {
  ParseOptions options;
  options.max_input_bytes = 3;
  EXPECT_THAT(ParseYaml("a: 1\n", "t.yaml", options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("larger than 3 bytes")));
  options = ParseOptions();
  options.max_yaml_bytes = 4;
  EXPECT_THAT(ParseYaml("a: 10\n", "t.yaml", options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("larger than 4 bytes, the most a YAML")));
  EXPECT_TRUE(ParseJson("[10]", "t.json", options).ok());  // JSON: no limit
}

TEST(YamlReaderTest, RejectsUnterminatedQuotedScalar) {
  absl::StatusOr<Value> value = ParseYaml("a: 1\nb: \"abc\n", "t.yaml");
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.status().message(),
            "t.yaml:2:4: unterminated quoted string (no closing \")");
  value = ParseYaml("b: 'it''s\n", "t.yaml");
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(ErrorLocation(value.status())->column, 4);
  // Closed quotes, escapes and doubled single quotes are fine.
  EXPECT_TRUE(ParseYaml("b: \"a\\\"b\"\nc: 'it''s'\n", "t.yaml").ok());
}

}  // namespace
}  // namespace polygraph
