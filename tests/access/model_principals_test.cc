#include "access/model_principals.h"

#include <cstddef>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/model.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::internal {
namespace {

using ::polygraph::testing::MakeResource;
using ::testing::ElementsAre;

TEST(UserAndGroupsTest, GroupsReferredToAndNamedByMemberships) {
  ModelBuilder builder;
  size_t user = builder.AddResource(
      MakeResource("Alice", ResourceKind::kUser, "AWS::IAM::User", 2));
  size_t direct = builder.AddResource(
      MakeResource("Admins", ResourceKind::kGroup, "AWS::IAM::Group", 5));
  size_t via = builder.AddResource(
      MakeResource("Readers", ResourceKind::kGroup, "AWS::IAM::Group", 8));
  size_t other = builder.AddResource(
      MakeResource("Others", ResourceKind::kGroup, "AWS::IAM::Group", 11));
  size_t membership =
      builder.AddResource(MakeResource("AliceReaders", ResourceKind::kOther,
                                       "AWS::IAM::UserToGroupAddition", 14));
  builder.AddReference({.from = user,
                        .to = direct,
                        .attribute = "",
                        .property = "Groups[0]",
                        .location = {}});
  builder.AddReference({.from = membership,
                        .to = user,
                        .attribute = "",
                        .property = "Users[0]",
                        .location = {}});
  builder.AddReference({.from = membership,
                        .to = via,
                        .attribute = "",
                        .property = "GroupName",
                        .location = {}});
  // A group that refers to another resource is no membership of Alice.
  builder.AddReference({.from = other,
                        .to = user,
                        .attribute = "",
                        .property = "Tags",
                        .location = {}});
  Model model = std::move(builder).Build();
  std::set<size_t> members = UserAndGroups(model, user);
  EXPECT_THAT(members, ElementsAre(user, direct, via));
}

TEST(UserAndGroupsTest, AUserWithoutGroupsIsAlone) {
  ModelBuilder builder;
  size_t user = builder.AddResource(
      MakeResource("Bob", ResourceKind::kUser, "AWS::IAM::User", 2));
  Model model = std::move(builder).Build();
  EXPECT_THAT(UserAndGroups(model, user), ElementsAre(user));
}

}  // namespace
}  // namespace polygraph::internal
