#include "iam/compare_universe.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam::internal {
namespace {

Policy P(const std::string& statements) {
  std::string text =
      R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
  absl::StatusOr<Value> document = ParseJson(text, "p.json");
  EXPECT_TRUE(document.ok()) << document.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*document, {});
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

TEST(CompareUniverseTest, ActionClassesPartitionTheCatalogue) {
  PolicySet set;
  set.identity.push_back(P(
      R"({"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject", "x:Y"],
          "Resource": "*"})"));
  SideStatements side;
  ASSERT_TRUE(side.Add(set).ok());
  ActionClasses classes;
  BuildActionClasses({&side}, {}, classes);
  EXPECT_THAT(classes.unknown, ::testing::ElementsAre("x:Y"));
  size_t total = 0;
  for (const ActionClass& c : classes.classes) {
    const std::vector<size_t> members = c.Indices();
    total += members.size();
    // Every member is matched by the same patterns as the representative.
    const Catalogue& catalogue = Catalogue::Builtin();
    const bool get = catalogue.Expand("s3:Get*").Contains(
        members.empty() ? 0 : members.front());
    for (size_t i : members) {
      EXPECT_EQ(catalogue.Expand("s3:Get*").Contains(i), get);
    }
  }
  EXPECT_EQ(total, Catalogue::Builtin().action_count());
}

TEST(CompareUniverseTest, PrincipalsOnlyWhenNamed) {
  PolicySet identity;
  identity.identity.push_back(
      P(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})"));
  SideStatements side;
  ASSERT_TRUE(side.Add(identity).ok());
  bool named = true;
  CompareOptions options;
  EXPECT_THAT(PrincipalCandidates({&side}, options, &named),
              ::testing::ElementsAre(options.principal));
  EXPECT_FALSE(named);

  PolicySet resource;
  resource.resource_policy = P(
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/r"},
          "Action": "s3:*", "Resource": "*"})");
  SideStatements with_principal;
  ASSERT_TRUE(with_principal.Add(resource).ok());
  std::vector<std::string> principals =
      PrincipalCandidates({&with_principal}, options, &named);
  EXPECT_TRUE(named);
  const std::vector<std::string> expected = {
      std::string(Request::kAnonymous), "arn:aws:iam::444455556666:role/r",
      "arn:aws:sts::444455556666:assumed-role/r/session",
      "arn:aws:iam::999999999999:root"};
  EXPECT_THAT(principals, ::testing::IsSupersetOf(expected));
}

TEST(CompareUniverseTest, CompileErrorsHaveLocations) {
  PolicySet set;
  set.identity.push_back(P(
      R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*",
          "Condition": {"NoSuchOperator": {"k": "v"}}})"));
  SideStatements side;
  absl::Status status = side.Add(set);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("p.json"));
}

}  // namespace
}  // namespace polygraph::iam::internal
