#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/terraform_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

TEST(TerraformResourcesTest, ResourcesAreNamedByAddressAndTyped) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances(
          {Instance("aws_vpc.main", R"({"cidr_block": "10.0.0.0/16"})"),
           Instance("module.net.aws_subnet.az[\"a\"]", R"({
  "vpc_id": "${aws_vpc.main.id}", "cidr_block": "10.0.1.0/24"})")}));
  ASSERT_EQ(imported.model.resources().size(), 2u);
  const Resource& vpc = imported.model.resources()[0];
  EXPECT_EQ(vpc.name, "aws_vpc.main");
  EXPECT_EQ(vpc.type, "aws_vpc");
  EXPECT_EQ(vpc.kind, ResourceKind::kVpc);
  EXPECT_EQ(vpc.format, SourceFormat::kTerraform);
  EXPECT_EQ(vpc.location.file, "main.tf");
  const Resource& subnet = imported.model.resources()[1];
  EXPECT_EQ(subnet.name, "module.net.aws_subnet.az[\"a\"]");
  ASSERT_EQ(imported.model.references().size(), 1u);
  EXPECT_EQ(imported.model.references()[0].from, 1u);
  EXPECT_EQ(imported.model.references()[0].to, 0u);
  ASSERT_EQ(imported.model.network_blocks().size(), 2u);
  EXPECT_EQ(imported.model.network_blocks()[1].vpc, 0u);
}

TEST(TerraformResourcesTest, UnknownsStaySymbolic) {
  ASSERT_OK_AND_ASSIGN(Imported imported,
                       ImportInstances({Instance("aws_subnet.s", R"({
  "vpc_id": "${var.vpc_id}", "cidr_block": "${var.cidr}"})")}));
  ASSERT_EQ(imported.model.subnets().size(), 1u);
  const Subnet& subnet = imported.model.subnets()[0];
  EXPECT_EQ(subnet.vpc, kNoResource);
  // Rendered through the synthesized parameter standing for var.vpc_id.
  EXPECT_THAT(subnet.vpc_id, ::testing::HasSubstr("VarVpcId"));
  EXPECT_TRUE(subnet.ipv4_cidr.empty());
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_FALSE(notes.empty());
  for (const Diagnostic& note : notes) {
    EXPECT_EQ(note.location.file, "main.tf");
  }
  // The synthesized parameter is not a resource.
  EXPECT_EQ(imported.model.resources().size(), 1u);
  // Notes name the Terraform argument and value, not the synthesized
  // property and parameter.
  std::vector<std::string> messages;
  for (const Diagnostic& note : notes) messages.push_back(note.message);
  EXPECT_THAT(messages, ::testing::Contains(::testing::AllOf(
                            ::testing::StartsWith("cidr_block "),
                            ::testing::HasSubstr("var.cidr"))));
  for (const std::string& message : messages) {
    EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr("CidrBlock")));
    EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr("VarCidr")));
  }
}

TEST(TerraformResourcesTest, TemplatesOfPartsAndPseudoParameters) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances(
          {Instance("aws_vpc.main", R"({"cidr_block": "10.0.0.0/16"})"),
           Instance("aws_subnet.s", R"({
  "vpc_id": "${aws_vpc.main.id}", "cidr_block": "10.0.0.0/24",
  "availability_zone": "${data.aws_region.current.name}a"})")}));
  const Resource* subnet = imported.Find("aws_subnet.s");
  ASSERT_NE(subnet, nullptr);
  const Value* zone = subnet->properties.Find("AvailabilityZone");
  ASSERT_NE(zone, nullptr);
  EXPECT_FALSE(zone->is_string());  // an expression over AWS::Region
  EXPECT_EQ(zone->location.line, 3);
}

TEST(TerraformResourcesTest, UnmappedTypesAreGenericResources) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportInstances({Instance("aws_sns_topic.t", R"({"name": "t"})"),
                       Instance("aws_cloudwatch_metric_alarm.a", R"({
  "alarm_name": "a", "alarm_actions": ["${aws_sns_topic.t.arn}"]})")}));
  const Resource* alarm = imported.Find("aws_cloudwatch_metric_alarm.a");
  ASSERT_NE(alarm, nullptr);
  EXPECT_EQ(alarm->type, "aws_cloudwatch_metric_alarm");
  EXPECT_EQ(alarm->kind, ResourceKind::kOther);
  ASSERT_NE(alarm->properties.Find("alarm_name"), nullptr);
  ASSERT_EQ(imported.model.references().size(), 1u);
  EXPECT_EQ(imported.model.references()[0].to,
            imported.IndexOf("aws_sns_topic.t"));
}

TEST(TerraformResourcesTest, ErrorsAreLocatedAndSpelledInTerraform) {
  absl::StatusOr<Imported> imported =
      ImportInstances({Instance("aws_iam_role.r", R"({
  "assume_role_policy": "{\"Statement\": 3}"})")});
  ASSERT_FALSE(imported.ok());
  std::optional<SourceLocation> at = ErrorLocation(imported.status());
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->file, "main.tf");
  EXPECT_EQ(at->line, 2);
}

TEST(TerraformResourcesTest, EmptyConfigurationAddsNothing) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportInstances({}));
  EXPECT_TRUE(imported.model.resources().empty());
}

}  // namespace
}  // namespace polygraph::ingest::testing
