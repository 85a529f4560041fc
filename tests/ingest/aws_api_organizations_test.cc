#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/aws_api_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::Imported;
using testing::LoadSnapshot;

constexpr char kListed[] = R"({"Policies": [
  {"Id": "p-FullAWSAccess", "Name": "FullAWSAccess",
   "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true},
  {"Id": "p-deny1", "Name": "DenyLeave",
   "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false}]})";

constexpr char kDescribed[] = R"({"Policy": {
  "PolicySummary": {"Id": "p-deny1",
    "Arn": "arn:aws:organizations::1:policy/o-1/service_control_policy/p-deny1",
    "Name": "DenyLeave", "Type": "SERVICE_CONTROL_POLICY"},
  "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"organizations:LeaveOrganization\",\"Resource\":\"*\"}]}"}})";

constexpr char kTargets[] = R"({"Targets": [
  {"TargetId": "ou-ab12-cdef3456", "Name": "Prod", "Type": "ORGANIZATIONAL_UNIT"},
  {"TargetId": "111122223333", "Name": "dev", "Type": "ACCOUNT"}]})";

TEST(AwsApiOrganizationsTest, ScpIsAResourceOwningItsContent) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot({{"organizations/list-policies.json", kListed},
                    {"organizations/p-deny1.json", kDescribed},
                    {"organizations/p-deny1.targets.json", kTargets}}));
  ASSERT_EQ(imported.model.resources().size(), 1u);
  const Resource& scp = imported.model.resources()[0];
  EXPECT_EQ(scp.name, "DenyLeave");
  EXPECT_EQ(scp.type, "AWS::Organizations::Policy");
  EXPECT_EQ(scp.kind, ResourceKind::kOther);
  EXPECT_EQ(scp.format, SourceFormat::kAwsSnapshot);
  const Value* ids = scp.properties.Find("TargetIds");
  ASSERT_NE(ids, nullptr);
  ASSERT_EQ(ids->items.size(), 2u);
  EXPECT_EQ(ids->items[0].text, "ou-ab12-cdef3456");
  EXPECT_EQ(ids->items[1].text, "111122223333");
  ASSERT_NE(scp.properties.Find("Targets"), nullptr);
  ASSERT_NE(scp.properties.Find("PolicySummary"), nullptr);

  ASSERT_EQ(imported.model.policies().size(), 1u);
  const PolicyDocument& policy = imported.model.policies()[0];
  EXPECT_EQ(policy.owner, 0u);
  EXPECT_EQ(policy.name, "DenyLeave");
  EXPECT_EQ(policy.kind, iam::PolicyKind::kIdentity);
  ASSERT_EQ(policy.policy.statements.size(), 1u);
  EXPECT_EQ(policy.policy.statements[0].effect, iam::Effect::kDeny);
  EXPECT_EQ(policy.policy.statements[0].actions[0].value,
            "organizations:LeaveOrganization");
  EXPECT_EQ(policy.policy.statements[0].location.line, 5);
  EXPECT_EQ(policy.policy.statements[0].location.column, 14);

  // FullAWSAccess is listed without its content.
  std::vector<Diagnostic> notes = imported.WithCode("not-analysed");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_THAT(notes[0].message, ::testing::HasSubstr("SCP p-FullAWSAccess"));
  EXPECT_EQ(notes[0].location.line, 2);
}

TEST(AwsApiOrganizationsTest, TargetsOfAnUnknownPolicyAreNoted) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       LoadSnapshot({{"p-other.targets.json", kTargets}}));
  EXPECT_TRUE(imported.model.resources().empty());
  ASSERT_EQ(imported.WithCode("not-analysed").size(), 1u);
}

TEST(AwsApiOrganizationsTest, OtherPolicyTypesAreNoted) {
  ASSERT_OK_AND_ASSIGN(Imported imported, LoadSnapshot({{"tag.json", R"(
{"Policy": {"PolicySummary": {"Id": "p-tag1", "Type": "TAG_POLICY"},
            "Content": "{}"}})"}}));
  EXPECT_TRUE(imported.model.resources().empty());
  std::vector<Diagnostic> notes = imported.WithCode("not-analysed");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_THAT(notes[0].message, ::testing::HasSubstr("TAG_POLICY"));
}

TEST(AwsApiOrganizationsTest, MalformedPoliciesAreErrors) {
  ExpectInputError(LoadSnapshot({{"p.json", R"({"Policy": {
"PolicySummary": {"Id": "p-1"}, "Content": "{\"Statement\": ["}})"}})
                       .status(),
                   2, 44, "Content is not a JSON document");
  ExpectInputError(LoadSnapshot({{"p.json", R"({"Policy": {
"PolicySummary": {"Id": "p-1"}, "Content": 7}})"}})
                       .status(),
                   2, 44, "Content must be a policy document or a JSON string");
  ExpectInputError(LoadSnapshot({{"p.json", R"({"Policy": {
"PolicySummary": {"Name": "n"}, "Content": "{}"}})"}})
                       .status(),
                   2, 18, "PolicySummary has no Id");
  // An SCP is an identity policy: no Principal.
  absl::StatusOr<Imported> principal = LoadSnapshot({{"p.json", R"({"Policy": {
"PolicySummary": {"Id": "p-1"},
"Content": "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}})"}});
  ASSERT_FALSE(principal.ok());
  EXPECT_EQ(ErrorLocation(principal.status())->line, 3);
}

}  // namespace
}  // namespace polygraph::ingest
