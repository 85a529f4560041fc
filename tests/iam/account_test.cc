#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_account.h"

namespace polygraph::iam {
namespace {

TEST(AccountTest, FindByNameArnThenNameIgnoringCase) {
  Account account;
  AccountPrincipal role;
  role.name = "DeployRole";
  role.arn = "arn:aws:iam::111122223333:role/deploy";
  AccountPrincipal user;
  user.kind = PrincipalKind::kUser;
  user.name = "alice";
  user.arn = "arn:aws:iam::111122223333:user/alice";
  account.principals = {role, user};
  EXPECT_EQ(account.Find("DeployRole"), 0u);
  EXPECT_EQ(account.Find("arn:aws:iam::111122223333:user/alice"), 1u);
  EXPECT_EQ(account.Find("deployrole"), 0u);
  EXPECT_EQ(account.Find("deploy"), std::nullopt);  // the ARN's name part
  EXPECT_EQ(account.Find(""), std::nullopt);
}

TEST(AccountTest, KindNamesAndLabels) {
  EXPECT_EQ(PrincipalKindName(PrincipalKind::kUser), "user");
  EXPECT_EQ(PrincipalKindName(PrincipalKind::kRole), "role");
  AccountPrincipal user;
  user.kind = PrincipalKind::kUser;
  user.name = "aws_iam_user.ci";
  EXPECT_EQ(PrincipalLabel(user), "user \"aws_iam_user.ci\"");
}

}  // namespace
}  // namespace polygraph::iam
