#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/compare_internal.h"
#include "iam/compiled_pattern.h"
#include "iam/request_context.h"

namespace polygraph::iam::internal {
namespace {

CellPattern Arn(const std::string& text) {
  absl::StatusOr<std::optional<CellPattern>> p = ArnCellPattern(text, true);
  EXPECT_TRUE(p.ok() && p->has_value()) << text;
  return **p;
}

// The cell patterns agree with ArnPattern, the matcher Decide uses.
TEST(CompareCellsTest, ArnCellPatternAgreesWithArnPattern) {
  const std::vector<std::string> patterns = {
      "*",
      "arn:aws:s3:::logs/*",
      "arn:aws:s3:::*",
      "arn:*:iam::*:role/a?",
      "arn:aws:sqs:*",
      "arn:aws:logs:us-east-1:1:log-group:/x:*"};
  const std::vector<std::string> texts = {
      "arn:aws:s3:::logs/a",
      "arn:aws:s3:::logs",
      "arn:aws:iam::1:role/ab",
      "arn:aws:iam::1:role/a",
      "arn:aws:sqs:us-east-1:1:q",
      "arn:aws:sqs:x",
      "arn:aws:logs:us-east-1:1:log-group:/x:y:z",
      "*",
      "arn:aws:s3:x::a",
      ""};
  for (const std::string& p : patterns) {
    ArnPattern reference(*SplitPolicyText(p, true));
    CellPattern cells = Arn(p);
    for (const std::string& t : texts) {
      EXPECT_EQ(CellMatches(cells, t), reference.Matches(SplitArn(t), nullptr))
          << p << " vs " << t;
    }
  }
}

TEST(CompareCellsTest, ShortPatternWithoutStarMatchesNothing) {
  absl::StatusOr<std::optional<CellPattern>> p =
      ArnCellPattern("arn:aws:s3", true);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->has_value());
}

TEST(CompareCellsTest, VariablesTakeTheirFixedValue) {
  absl::StatusOr<CellPattern> p =
      TextCellPattern("home/${aws:username}/*", true, false, true);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(CellMatches(*p, "home/" + VariableValue("aws:username") + "/x"));
  EXPECT_FALSE(CellMatches(*p, "home/alice/x"));
  EXPECT_FALSE(TextCellPattern("${", true, false, true).ok());
}

}  // namespace
}  // namespace polygraph::iam::internal
