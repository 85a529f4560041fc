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

TEST(JsonReaderTest, ParsesScalarsWithLiteralText) {
  ASSERT_OK_AND_ASSIGN(
      Value doc,
      ParseJson(R"([true, false, null, 3306, -0.5e+10, "s"])", "f.json"));
  ASSERT_TRUE(doc.is_array());
  ASSERT_EQ(doc.items.size(), 6u);
  EXPECT_TRUE(doc.items[0].is_bool());
  EXPECT_TRUE(doc.items[0].boolean);
  EXPECT_EQ(doc.items[0].text, "true");
  EXPECT_FALSE(doc.items[1].boolean);
  EXPECT_TRUE(doc.items[2].is_null());
  EXPECT_EQ(doc.items[3].text, "3306");
  EXPECT_TRUE(doc.items[4].is_number());
  EXPECT_EQ(doc.items[4].text, "-0.5e+10");
  EXPECT_EQ(doc.items[5].text, "s");
  EXPECT_TRUE(doc.tag.empty());
}

TEST(JsonReaderTest, LocatesEveryNodeAndKey) {
  const std::string text =
      "{\n"
      "  \"Version\": \"2012-10-17\",\n"
      "  \"Statement\": [\n"
      "    {\"Effect\": \"Allow\"}\n"
      "  ]\n"
      "}\n";
  ASSERT_OK_AND_ASSIGN(Value doc, ParseJson(text, "p.json"));
  EXPECT_EQ(doc.location, (SourceLocation{"p.json", 1, 1}));
  ASSERT_EQ(doc.keys.size(), 2u);
  EXPECT_EQ(doc.keys[0], "Version");
  EXPECT_EQ(doc.key_locations[0], (SourceLocation{"p.json", 2, 3}));
  EXPECT_EQ(doc.items[0].location, (SourceLocation{"p.json", 2, 14}));
  EXPECT_EQ(doc.KeyLocation("Statement"), (SourceLocation{"p.json", 3, 3}));
  const Value* statements = doc.Find("Statement");
  ASSERT_NE(statements, nullptr);
  EXPECT_EQ(statements->location, (SourceLocation{"p.json", 3, 16}));
  const Value& statement = statements->items.at(0);
  EXPECT_EQ(statement.location, (SourceLocation{"p.json", 4, 5}));
  EXPECT_EQ(statement.key_locations.at(0), (SourceLocation{"p.json", 4, 6}));
  EXPECT_EQ(statement.items.at(0).location, (SourceLocation{"p.json", 4, 16}));
}

TEST(JsonReaderTest, ColumnsCountBytes) {
  ASSERT_OK_AND_ASSIGN(Value doc, ParseJson("[\"\xC3\xA9\", 1]", "f"));
  EXPECT_EQ(doc.items[1].location.column, 8);
}

TEST(JsonReaderTest, DecodesEscapes) {
  ASSERT_OK_AND_ASSIGN(
      Value doc,
      ParseJson(R"("a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u20AC\uD83D\uDE00")",
                "f"));
  EXPECT_EQ(doc.text,
            "a\"b\\c/d\b\f\n\r\tA\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  ASSERT_OK_AND_ASSIGN(Value nul, ParseJson(R"("\u0000")", "f"));
  EXPECT_EQ(nul.text, std::string(1, '\0'));
}

TEST(JsonReaderTest, AcceptsRawUtf8AndSkipsBom) {
  ASSERT_OK_AND_ASSIGN(
      Value doc, ParseJson("\xEF\xBB\xBF{\"k\": \"\xF0\x9F\x98\x80\"}", "f"));
  EXPECT_EQ(doc.location, (SourceLocation{"f", 1, 1}));
  EXPECT_EQ(doc.items[0].text, "\xF0\x9F\x98\x80");
}

TEST(JsonReaderTest, RejectsBadEscapes) {
  EXPECT_THAT(
      ParseJson(R"("\x")", "f"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("invalid escape in string: '\\' followed by 'x'")));
  EXPECT_THAT(ParseJson(R"("\u12G4")", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected 4 hex digits")));
  EXPECT_THAT(ParseJson(R"("ab\uD83D")", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unpaired high surrogate \\uD83D")));
  EXPECT_EQ(ErrorAt(ParseJson(R"("ab\uD83D")", "f")), "1:4");
  EXPECT_THAT(ParseJson(R"("\uDE00")", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unpaired low surrogate")));
  EXPECT_THAT(ParseJson(R"("\uD83D\u0041")", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not followed by a low surrogate")));
}

TEST(JsonReaderTest, RejectsInvalidStrings) {
  EXPECT_THAT(ParseJson("\"a\nb\"", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unescaped control character U+000A")));
  EXPECT_THAT(ParseJson("\"\xC0\xAF\"", "f"),  // overlong '/'
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid UTF-8 byte 0xC0")));
  EXPECT_THAT(
      ParseJson("\"\xED\xA0\x80\"", "f"),  // encoded surrogate
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("invalid UTF-8")));
  EXPECT_THAT(ParseJson("\"\xF4\x90\x80\x80\"", "f"),  // above U+10FFFF
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid UTF-8 byte 0xF4")));
  EXPECT_THAT(ParseJson("\"\xE2\x82\"", "f"),  // truncated sequence
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid UTF-8 byte 0xE2")));
  EXPECT_OK(ParseJson("\"\xF4\x8F\xBF\xBF \xDF\xBF \xEF\xBF\xBF\"", "f"));
  EXPECT_THAT(ParseJson("\"abc", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unterminated string")));
  EXPECT_THAT(ParseJson("'a'", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a JSON value, found '''")));
}

TEST(JsonReaderTest, RejectsBadNumbers) {
  EXPECT_THAT(ParseJson("[01]", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("leading zeros are not allowed")));
  EXPECT_EQ(ErrorAt(ParseJson("[01]", "f")), "1:3");
  EXPECT_THAT(ParseJson("-", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a digit after '-'")));
  EXPECT_THAT(ParseJson("1.", "f"), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("after '.'")));
  EXPECT_THAT(ParseJson("1e", "f"), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("after the exponent")));
  EXPECT_THAT(ParseJson(".5", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseJson("+1", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseJson("0x10", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected end of input after the JSON value, "
                                 "found 'x'")));
  EXPECT_OK(ParseJson("-0", "f"));
  EXPECT_OK(ParseJson("0.0e-0", "f"));
}

TEST(JsonReaderTest, RejectsTrailingCommasAndComments) {
  EXPECT_THAT(ParseJson("[1,]", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("trailing comma before ']'")));
  EXPECT_THAT(ParseJson("{\"a\": 1,\n}", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("trailing comma before '}'")));
  EXPECT_EQ(ErrorAt(ParseJson("{\"a\": 1,\n}", "f")), "2:1");
  EXPECT_THAT(ParseJson("// c\n{}", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("JSON has no comments")));
  EXPECT_THAT(ParseJson("[1 /* c */]", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("JSON has no comments")));
}

TEST(JsonReaderTest, ReportsWhatWasFound) {
  absl::StatusOr<Value> result = ParseJson("{\"a\": 1]", "dir/p.json");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(result.status().message(),
            "dir/p.json:1:8: expected ',' or '}' after object member, "
            "found ']'");
  EXPECT_THAT(ParseJson("[1 2]", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected ',' or ']' after array element, "
                                 "found '2'")));
  EXPECT_THAT(ParseJson("{\"a\" 1}", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected ':' after object key, found '1'")));
  EXPECT_THAT(ParseJson("{a: 1}", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected '\"' or '}'")));
  EXPECT_THAT(ParseJson("", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a JSON value, found end of input")));
  EXPECT_THAT(
      ParseJson("[\x01]", "f"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("byte 0x01")));
  EXPECT_THAT(ParseJson("tru", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid literal \"tru\"")));
  EXPECT_THAT(ParseJson("nullx", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(JsonReaderTest, RejectsTrailingGarbage) {
  EXPECT_THAT(ParseJson("{}\n\n  x", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("f:3:3: expected end of input")));
  EXPECT_THAT(ParseJson("{} {}", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_OK(ParseJson(" \t\r\n{}\r\n ", "f"));
}

TEST(JsonReaderTest, RejectsDuplicateKeysAtTheDuplicate) {
  absl::StatusOr<Value> result = ParseJson("{\"a\": 1,\n \"a\": 2}", "f");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("duplicate object key \"a\"")));
  EXPECT_EQ(ErrorAt(result), "2:2");
  // Keys equal after decoding escapes are duplicates too.
  EXPECT_THAT(ParseJson(R"({"a": 1, "\u0061": 2})", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_OK(ParseJson(R"([{"a": 1}, {"a": 2}])", "f"));
}

TEST(JsonReaderTest, LimitsNestingDepth) {
  ParseOptions options;
  options.max_depth = 3;
  EXPECT_OK(ParseJson("[[[1]]]", "f", options));
  absl::StatusOr<Value> result = ParseJson("[[[[1]]]]", "f", options);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("nesting deeper than 3 levels")));
  EXPECT_EQ(ErrorAt(result), "1:4");
  // The default limit stops a very deep document without exhausting the
  // stack.
  const std::string deep(100000, '[');
  EXPECT_THAT(ParseJson(deep, "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("nesting deeper than 256 levels")));
  EXPECT_OK(ParseJson(std::string(256, '[') + std::string(256, ']'), "f"));
}

TEST(JsonReaderTest, LimitsInputSize) {
  ParseOptions options;
  options.max_input_bytes = 4;
  EXPECT_THAT(ParseJson("[1, 2]", "f", options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("larger than 4 bytes")));
}

TEST(JsonReaderTest, EmptyContainers) {
  ASSERT_OK_AND_ASSIGN(Value doc, ParseJson("{\"a\": {}, \"b\": [ ]}", "f"));
  EXPECT_TRUE(doc.items[0].is_object());
  EXPECT_TRUE(doc.items[0].items.empty());
  EXPECT_TRUE(doc.items[1].is_array());
}

}  // namespace
}  // namespace polygraph
