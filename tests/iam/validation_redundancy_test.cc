// Tests of validation_redundancy.cc through ValidatePolicy.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_validation.h"
#include "tests/iam/validation_test_util.h"

namespace polygraph::iam {
namespace {

using ::polygraph::iam::testing::At;
using ::polygraph::iam::testing::ValidateJson;
using ::polygraph::iam::testing::WithCode;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<ValidationIssue> Redundant(const std::string& first,
                                       const std::string& second) {
  return WithCode(ValidateJson("{\"Version\": \"2012-10-17\",\n"
                               "\"Statement\": [\n{" +
                               first + "},\n{" + second + "}]}"),
                  "REDUNDANT_STATEMENT");
}

TEST(ValidationRedundancyTest, CoveredStatementIsAWarning) {
  std::vector<ValidationIssue> issues = Redundant(
      R"("Sid": "Broad", "Effect": "Allow", "Action": "s3:Get*",
         "Resource": "arn:aws:s3:::logs*")",
      R"("Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectAcl"],
         "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::logs-2024/a.txt"])");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].category, ValidationCategory::kWarning);
  EXPECT_EQ(At(issues[0].location), "5:1");
  EXPECT_THAT(issues[0].message, HasSubstr("statement 2"));
  EXPECT_THAT(issues[0].message, HasSubstr("\"Broad\""));
}

TEST(ValidationRedundancyTest, IdenticalStatementsFlagTheLaterOnly) {
  const std::string statement =
      R"("Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*")";
  std::vector<ValidationIssue> issues = Redundant(statement, statement);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].location.line, 4);
}

TEST(ValidationRedundancyTest, WildcardCoveredThroughTheCatalogue) {
  // The earlier statement lists, one by one, every action the later
  // statement's pattern expands to.
  const Catalogue& catalogue = Catalogue::Builtin();
  ActionSet expansion = catalogue.Expand("s3:GetObjectT*");
  ASSERT_FALSE(expansion.Empty());
  std::string actions;
  for (size_t index : expansion.Indices()) {
    if (!actions.empty()) actions += ", ";
    actions += "\"" + catalogue.action(index).FullName() + "\"";
  }
  const std::string rest = R"(, "Resource": "arn:aws:s3:::b/*")";
  EXPECT_EQ(
      Redundant(R"("Effect": "Allow", "Action": [)" + actions + "]" + rest,
                R"("Effect": "Allow", "Action": "s3:GetObjectT*")" + rest)
          .size(),
      1u);
  // Missing one of them, the pattern adds something.
  std::string fewer = actions.substr(0, actions.rfind(','));
  if (expansion.Count() > 1) {
    EXPECT_THAT(
        Redundant(R"("Effect": "Allow", "Action": [)" + fewer + "]" + rest,
                  R"("Effect": "Allow", "Action": "s3:GetObjectT*")" + rest),
        IsEmpty());
  }
}

TEST(ValidationRedundancyTest, DifferencesThatKeepAStatementUseful) {
  const std::string earlier =
      R"("Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/*")";
  // Other effect.
  EXPECT_THAT(Redundant(earlier, R"("Effect": "Deny", "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/x")"),
              IsEmpty());
  // A resource outside the earlier pattern.
  EXPECT_THAT(Redundant(earlier, R"("Effect": "Allow", "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::c/x")"),
              IsEmpty());
  // A broader later statement.
  EXPECT_THAT(Redundant(earlier, R"("Effect": "Allow", "Action": "s3:*",
      "Resource": "arn:aws:s3:::b/*")"),
              IsEmpty());
  // A condition on either side.
  EXPECT_THAT(Redundant(earlier, R"("Effect": "Allow", "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/x",
      "Condition": {"Bool": {"aws:SecureTransport": "true"}})"),
              IsEmpty());
  // A '?' in the earlier resource cannot cover a '*' in the later one.
  EXPECT_THAT(Redundant(R"("Effect": "Allow", "Action": "s3:Get*",
      "Resource": "arn:aws:s3:::b/?")",
                        R"("Effect": "Allow", "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/*")"),
              IsEmpty());
  // Different principals.
  EXPECT_THAT(
      Redundant(R"("Effect": "Allow", "Principal": {"AWS": "111111111111"},
      "Action": "s3:Get*", "Resource": "*")",
                R"("Effect": "Allow", "Principal": {"AWS": "222222222222"},
      "Action": "s3:GetObject", "Resource": "*")"),
      IsEmpty());
}

}  // namespace
}  // namespace polygraph::iam
