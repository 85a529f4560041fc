#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/checks/iam_internal.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using rules::internal::ActionList;
using rules::internal::ElementName;
using rules::internal::IsAdminEquivalent;
using rules::internal::StatementActions;
using ::testing::HasSubstr;

TEST(IamStatementsTest, ActionsExpandOverTheCatalogue) {
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  iam::Statement statement = MakeStatement({"s3:Get*", "s3:PutObject"}, {"*"});
  iam::ActionSet expected = catalogue.Expand("s3:Get*");
  expected |= catalogue.Expand("s3:PutObject");
  EXPECT_EQ(StatementActions(statement), expected);
  statement.not_action = true;
  EXPECT_EQ(StatementActions(statement), expected.Complement());
}

TEST(IamStatementsTest, AdminEquivalence) {
  EXPECT_TRUE(IsAdminEquivalent(MakeStatement({"*"}, {"*"})));
  iam::Statement not_iam = MakeStatement({"iam:*"}, {"*"});
  not_iam.not_action = true;
  EXPECT_FALSE(IsAdminEquivalent(not_iam));
  iam::Statement not_s3 = MakeStatement({"s3:*"}, {"*"});
  not_s3.not_action = true;
  EXPECT_TRUE(IsAdminEquivalent(not_s3));
  EXPECT_FALSE(IsAdminEquivalent(MakeStatement({"iam:*", "s3:*"}, {"*"})));
}

TEST(IamStatementsTest, ActionListNamesTheFirstAndCounts) {
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  iam::ActionSet set = catalogue.Expand("s3:PutObject");
  EXPECT_EQ(ActionList(set), "s3:PutObject");
  iam::ActionSet many = catalogue.Expand("s3:*");
  EXPECT_THAT(ActionList(many, 2),
              HasSubstr(absl::StrCat(" and ", many.Count() - 2, " more")));
}

TEST(IamStatementsTest, TerraformElementNames) {
  EXPECT_EQ(ElementName("NotAction", false), "NotAction");
  EXPECT_EQ(ElementName("NotAction", true),
            "NotAction (not_actions in an aws_iam_policy_document)");
}

}  // namespace
}  // namespace polygraph::testing
