#include "access/well_known_policies.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_decision.h"

namespace polygraph::internal {
namespace {

bool Allows(const iam::Policy& policy, const char* action) {
  iam::PolicySet set;
  set.identity.push_back(policy);
  iam::Request request;
  request.principal = "arn:aws:iam::111122223333:role/r";
  request.action = action;
  request.resource = "*";
  absl::StatusOr<iam::Decision> decision = iam::Decide(request, set);
  return decision.ok() && decision->kind == iam::DecisionKind::kAllow;
}

TEST(WellKnownManagedPolicyTest, KnownPoliciesCarryTheirPermissions) {
  SourceLocation where{.file = "t.yaml", .line = 7, .column = 9};
  const iam::Policy* admin = WellKnownManagedPolicy(
      "arn:aws:iam::aws:policy/AdministratorAccess", where);
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->statements.at(0).location, where);
  EXPECT_TRUE(Allows(*admin, "iam:CreateUser"));

  const iam::Policy* power =
      WellKnownManagedPolicy("arn:aws:iam::aws:policy/PowerUserAccess", where);
  ASSERT_NE(power, nullptr);
  EXPECT_TRUE(Allows(*power, "ec2:RunInstances"));
  EXPECT_FALSE(Allows(*power, "iam:PutRolePolicy"));

  const iam::Policy* iam_full =
      WellKnownManagedPolicy("arn:aws:iam::aws:policy/IAMFullAccess", where);
  ASSERT_NE(iam_full, nullptr);
  EXPECT_TRUE(Allows(*iam_full, "iam:PutRolePolicy"));
  EXPECT_FALSE(Allows(*iam_full, "s3:GetObject"));
}

TEST(WellKnownManagedPolicyTest, OtherArnsAreUnknown) {
  EXPECT_EQ(
      WellKnownManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess", {}),
      nullptr);
  EXPECT_EQ(WellKnownManagedPolicy(
                "arn:aws:iam::111122223333:policy/AdministratorAccess", {}),
            nullptr);
  EXPECT_EQ(ManagedPolicyName("arn:aws:iam::aws:policy/job-function/Billing"),
            "Billing");
}

}  // namespace
}  // namespace polygraph::internal
