#include "ingest/parameter_constraints.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

// Checks `value` against the declaration written in YAML (line 1 is the
// declaration's first line).
absl::Status Check(const std::string& declaration, const std::string& value,
                   std::vector<Diagnostic>* notes = nullptr) {
  absl::StatusOr<Value> parsed = ParseYaml(declaration, "t.yaml");
  if (!parsed.ok()) return parsed.status();
  std::vector<Diagnostic> diagnostics;
  absl::Status status =
      CheckParameterValue("P", *parsed, value, /*given=*/true, diagnostics);
  if (notes != nullptr) *notes = diagnostics;
  return status;
}

TEST(ParameterConstraintsTest, AllowedValuesAndPatterns) {
  const std::string declaration =
      "Type: String\nAllowedValues: [dev, prod]\nAllowedPattern: '[a-z]+'\n";
  ASSERT_OK(Check(declaration, "prod"));
  ExpectInputError(Check(declaration, "qa"), 2, 16,
                   "parameter \"P\" is given \"qa\", which is not one of its "
                   "AllowedValues [\"dev\", \"prod\"]");
  // The pattern must match the whole value.
  ExpectInputError(Check("AllowedPattern: '[a-z]+'\n", "prod1"), 1, 17,
                   "which does not match its AllowedPattern \"[a-z]+\"");
}

TEST(ParameterConstraintsTest, ListsAreCheckedEntryByEntry) {
  const std::string declaration =
      "Type: CommaDelimitedList\nAllowedPattern: '10\\.[0-9.]+/[0-9]+'\n";
  ASSERT_OK(Check(declaration, "10.0.0.0/16, 10.1.0.0/16"));
  ExpectInputError(Check(declaration, "10.0.0.0/16,0.0.0.0/0"), 2, 17,
                   "is given \"0.0.0.0/0\", which does not match");
}

TEST(ParameterConstraintsTest, LengthsAndNumbers) {
  ExpectInputError(Check("Type: String\nMinLength: 3\n", "ab"), 2, 12,
                   "(2 characters), shorter than its MinLength 3");
  ExpectInputError(Check("MaxLength: 1\n", "ab"), 1, 12,
                   "longer than its MaxLength 1");
  const std::string port = "Type: Number\nMinValue: 1\nMaxValue: 65535\n";
  ASSERT_OK(Check(port, "443"));
  ExpectInputError(Check(port, "0"), 2, 11, "below its MinValue 1");
  ExpectInputError(Check(port, "70000"), 3, 11, "above its MaxValue 65535");
  ExpectInputError(Check(port, "https"), 1, 1, "which is not a number");
  ExpectInputError(Check("Type: List<Number>\n", "1,x"), 1, 1,
                   "is given \"x\", which is not a number");
}

TEST(ParameterConstraintsTest, PatternsRe2CannotRunAreNotedNotGuessed) {
  std::vector<Diagnostic> notes;
  ASSERT_OK(Check("AllowedPattern: '(?=.*[a-z]).+'\n", "anything", &notes));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].code, "not-analysed");
  EXPECT_EQ(notes[0].location.line, 1);
}

TEST(ParameterConstraintsTest, DefaultsAreCheckedWhenNothingIsGiven) {
  ExpectInputError(ImportTemplate(R"(Parameters:
  Port: {Type: Number, Default: 99999, MaxValue: 65535}
Resources:
  B: {Type: AWS::S3::Bucket}
)")
                       .status(),
                   2, 50, "parameter \"Port\" defaults to \"99999\", above");
}

}  // namespace
}  // namespace polygraph::ingest::testing
