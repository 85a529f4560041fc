#include <ostream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_validation.h"
#include "tests/iam/validation_test_util.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::polygraph::iam::testing::At;
using ::polygraph::iam::testing::Codes;
using ::polygraph::iam::testing::OneStatement;
using ::polygraph::iam::testing::ValidateJson;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(PolicyValidationTest, CleanPolicyHasNoIssues) {
  EXPECT_THAT(ValidateJson(OneStatement(R"("Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::bucket/*")"),
                           PolicyKind::kIdentity),
              IsEmpty());
}

TEST(PolicyValidationTest, CategoryNames) {
  EXPECT_EQ(ValidationCategoryName(ValidationCategory::kError), "error");
  EXPECT_EQ(ValidationCategoryName(ValidationCategory::kSecurityWarning),
            "security-warning");
  EXPECT_EQ(ValidationCategoryName(ValidationCategory::kWarning), "warning");
  EXPECT_EQ(ValidationCategoryName(ValidationCategory::kSuggestion),
            "suggestion");
}

TEST(PolicyValidationTest, ToFindingMapsCodeSeverityAndTitle) {
  ValidationIssue issue{"PASS_ROLE_WITH_STAR_IN_RESOURCE",
                        ValidationCategory::kSecurityWarning,
                        SourceLocation{"p.json", 3, 5}, "message", "fix"};
  Finding finding = issue.ToFinding();
  EXPECT_EQ(finding.rule_id, "PG-IAMV-PASS-ROLE-WITH-STAR-IN-RESOURCE");
  EXPECT_EQ(finding.severity, Severity::kHigh);
  EXPECT_EQ(finding.title, "security-warning: PASS_ROLE_WITH_STAR_IN_RESOURCE");
  EXPECT_EQ(finding.location, issue.location);
  EXPECT_EQ(finding.message, "message");
  EXPECT_EQ(finding.fix, "fix");

  issue.category = ValidationCategory::kError;
  EXPECT_EQ(issue.ToFinding().severity, Severity::kHigh);
  issue.category = ValidationCategory::kWarning;
  EXPECT_EQ(issue.ToFinding().severity, Severity::kMedium);
  issue.category = ValidationCategory::kSuggestion;
  EXPECT_EQ(issue.ToFinding().severity, Severity::kLow);
}

// A document the grammar rejects gives exactly one error, at the parser's
// location, with a code naming the kind of problem.
struct GrammarCase {
  std::string text;
  std::string code;
  std::string at;
  std::string message;

  friend void PrintTo(const GrammarCase& c, std::ostream* os) {
    *os << c.code << " for " << c.text;
  }
};

class GrammarErrorTest : public ::testing::TestWithParam<GrammarCase> {};

TEST_P(GrammarErrorTest, OneErrorAtTheParserLocation) {
  const GrammarCase& c = GetParam();
  std::vector<ValidationIssue> issues = ValidateJson(c.text);
  ASSERT_EQ(issues.size(), 1u) << ::testing::PrintToString(Codes(issues));
  EXPECT_EQ(issues[0].code, c.code);
  EXPECT_EQ(issues[0].category, ValidationCategory::kError);
  EXPECT_EQ(At(issues[0].location), c.at);
  EXPECT_EQ(issues[0].location.file, "p.json");
  EXPECT_THAT(issues[0].message, HasSubstr(c.message));
  EXPECT_THAT(issues[0].message, ::testing::Not(HasSubstr("p.json:")));
  EXPECT_FALSE(issues[0].fix.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Codes, GrammarErrorTest,
    ::testing::Values(
        GrammarCase{R"({"Statement": [{"Action": "s3:*", "Resource": "*"}]})",
                    "MISSING_EFFECT", "1:16", "no Effect"},
        GrammarCase{R"({"Statement": {"Effect": "allow", "Action": "s3:*"}})",
                    "INVALID_EFFECT", "1:26", "\"allow\""},
        GrammarCase{R"({"Version": "2012-10-18", "Statement": []})",
                    "INVALID_VERSION", "1:13", "Version"},
        GrammarCase{R"({"Statement": [], "Extra": 1})",
                    "INVALID_POLICY_ELEMENT", "1:19", "\"Extra\""},
        GrammarCase{
            R"({"Statement": {"Effect": "Deny", "Action": "*", "Actoin": "x"}})",
            "INVALID_POLICY_ELEMENT", "1:49", "\"Actoin\""},
        GrammarCase{R"({"Statement": {"Effect": "Deny"}})", "MISSING_ACTION",
                    "1:15", "neither Action"},
        GrammarCase{R"({"Version": "2012-10-17"})", "MISSING_STATEMENT", "1:1",
                    "no Statement"},
        GrammarCase{R"({"Statement": {"Effect": "Deny", "Action": "*",
                    "Principal": {"Aws": "*"}}})",
                    "INVALID_PRINCIPAL_KEY", "2:35", "\"Aws\""},
        GrammarCase{R"({"Statement": {"Effect": "Deny", "Action": "*",
                    "NotAction": "s3:*"}})",
                    "UNSUPPORTED_ELEMENT_COMBINATION", "2:21", "both"},
        GrammarCase{R"({"Statement": {"Effect": "Deny", "Action": 7}})",
                    "DATA_TYPE_MISMATCH", "1:44", "Action must be"},
        GrammarCase{R"(["not", "a", "policy"])", "DATA_TYPE_MISMATCH", "1:1",
                    "must be an object"}));

// The data file holds one issue of each of several kinds; all are reported,
// in document order, each at its offending value.
TEST(PolicyValidationTest, ReportsEveryIssueInDocumentOrder) {
  const std::string path =
      polygraph::testing::SourcePath("tests/data/iam/validation-mixed.json");
  ASSERT_OK_AND_ASSIGN(Value document, ReadDocumentFile(path));
  std::vector<ValidationIssue> issues =
      ValidatePolicy(document, {.kind = PolicyKind::kIdentity});
  std::vector<std::string> found;
  for (const ValidationIssue& issue : issues) {
    found.push_back(issue.code + "@" + At(issue.location));
    EXPECT_EQ(issue.location.file, path);
    EXPECT_FALSE(issue.message.empty()) << issue.code;
    EXPECT_FALSE(issue.fix.empty()) << issue.code;
  }
  EXPECT_THAT(
      found,
      ElementsAre("MISSING_VERSION@1:1", "PASS_ROLE_WITH_STAR_IN_RESOURCE@6:18",
                  "REDUNDANT_ACTION@6:34", "UNIQUE_SIDS_REQUIRED@10:14",
                  "ALLOW_WITH_NOT_ACTION@12:7",
                  "VARIABLE_UNSUPPORTED_IN_VERSION@13:19",
                  "TYPE_MISMATCH_IP_RANGE@19:51"));
}

TEST(PolicyValidationTest, KindDecidesRequiredElements) {
  const std::string policy = OneStatement(R"("Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*")");
  EXPECT_THAT(Codes(ValidateJson(policy, PolicyKind::kIdentity)),
              ElementsAre("UNSUPPORTED_PRINCIPAL"));
  EXPECT_THAT(ValidateJson(policy, PolicyKind::kResource), IsEmpty());
  EXPECT_THAT(ValidateJson(policy, PolicyKind::kAny), IsEmpty());
}

}  // namespace
}  // namespace polygraph::iam
