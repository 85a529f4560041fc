#include "rules/rule_metadata.h"

#include <string>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kPath[] = "rules/net/PG-NET-001.yaml";

constexpr char kValid[] = R"(id: PG-NET-001
title: Open ingress
severity: high
category: network
rationale: Everyone can connect.
remediation: Restrict the source.
references:
  - "guide §5 VPC Networking: Security Groups"
  - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
check: sg_open_ingress
)";

std::string Edit(std::string_view from, std::string_view to) {
  return absl::StrReplaceAll(kValid,
                             {{absl::string_view(from.data(), from.size()),
                               absl::string_view(to.data(), to.size())}});
}

TEST(RuleMetadataTest, ParsesEveryField) {
  absl::StatusOr<RuleInfo> info = ParseRuleMetadata(kPath, kValid);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->id, "PG-NET-001");
  EXPECT_EQ(info->title, "Open ingress");
  EXPECT_EQ(info->severity, Severity::kHigh);
  EXPECT_EQ(info->category, "network");
  EXPECT_EQ(info->rationale, "Everyone can connect.");
  EXPECT_EQ(info->remediation, "Restrict the source.");
  ASSERT_EQ(info->references.size(), 2u);
  EXPECT_EQ(info->references[0], "guide §5 VPC Networking: Security Groups");
  EXPECT_EQ(info->check, "sg_open_ingress");
  EXPECT_EQ(info->location, (SourceLocation{kPath, 1, 1}));
}

TEST(RuleMetadataTest, MissingFieldNamesTheFile) {
  EXPECT_THAT(
      ParseRuleMetadata(kPath, Edit("title: Open ingress\n", "")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "rules/net/PG-NET-001.yaml:1:1: missing field \"title\""));
  EXPECT_THAT(
      ParseRuleMetadata(kPath, Edit("references:", "refs:")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "rules/net/PG-NET-001.yaml:7:1: unknown field \"refs\""));
}

TEST(RuleMetadataTest, UnknownFieldIsLocated) {
  absl::StatusOr<RuleInfo> info =
      ParseRuleMetadata(kPath, std::string(kValid) + "owner: me\n");
  EXPECT_THAT(
      info,
      StatusIs(absl::StatusCode::kInvalidArgument,
               "rules/net/PG-NET-001.yaml:11:1: unknown field \"owner\""));
  std::optional<SourceLocation> location = ErrorLocation(info.status());
  ASSERT_TRUE(location.has_value());
  EXPECT_EQ(location->file, kPath);
  EXPECT_EQ(location->line, 11);
}

TEST(RuleMetadataTest, EmptyOrNonStringField) {
  EXPECT_THAT(
      ParseRuleMetadata(kPath, Edit("category: network", "category: \"\"")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("4:11: field \"category\" is empty")));
  EXPECT_THAT(
      ParseRuleMetadata(kPath, Edit("category: network", "category: [a, b]")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("field \"category\" must be a string")));
}

TEST(RuleMetadataTest, SeverityMustBeKnown) {
  EXPECT_THAT(
      ParseRuleMetadata(kPath, Edit("severity: high", "severity: severe")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("PG-NET-001.yaml:3:11: unknown severity \"severe\"")));
  absl::StatusOr<RuleInfo> info =
      ParseRuleMetadata(kPath, Edit("severity: high", "severity: LOW"));
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->severity, Severity::kLow);
}

TEST(RuleMetadataTest, IdMustMatchThePatternAndTheFileName) {
  EXPECT_THAT(
      ParseRuleMetadata(kPath, Edit("id: PG-NET-001", "id: PG-net-001")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("1:5: rule id \"PG-net-001\" is not of the form")));
  EXPECT_THAT(
      ParseRuleMetadata(kPath, Edit("id: PG-NET-001", "id: PG-NET-002")),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr("rule id \"PG-NET-002\" does not match the file name")));
}

TEST(RuleMetadataTest, CheckMustBeRegistered) {
  EXPECT_THAT(ParseRuleMetadata(
                  kPath, Edit("check: sg_open_ingress", "check: sg_open")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("10:8: unknown check \"sg_open\"")));
}

TEST(RuleMetadataTest, ReferencesMustBeANonEmptyListOfStrings) {
  std::string no_list = Edit(
      "  - \"guide §5 VPC Networking: Security Groups\"\n"
      "  - "
      "https://docs.aws.amazon.com/vpc/latest/userguide/"
      "vpc-security-groups.html\n",
      "");
  EXPECT_THAT(
      ParseRuleMetadata(kPath, no_list),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("field \"references\" must be a non-empty list")));
  EXPECT_THAT(
      ParseRuleMetadata(kPath, Edit("  - https", "  - [x]\n  - https")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("9:5: each reference must be a non-empty string")));
}

TEST(RuleMetadataTest, MalformedYamlIsLocated) {
  EXPECT_THAT(ParseRuleMetadata(kPath, "id: [PG-NET-001\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("PG-NET-001.yaml:2:1: ")));
  EXPECT_THAT(
      ParseRuleMetadata(kPath, "- just\n- a list\n"),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          "rules/net/PG-NET-001.yaml:1:1: rule metadata must be a mapping"));
  EXPECT_THAT(ParseRuleMetadata(kPath, ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must be a mapping")));
}

TEST(RuleIdTest, Pattern) {
  EXPECT_TRUE(IsValidRuleId("PG-IAM-001"));
  EXPECT_TRUE(IsValidRuleId("PG-S3-123"));
  EXPECT_TRUE(IsValidRuleId("PG-X-000"));
  EXPECT_FALSE(IsValidRuleId("PG--001"));
  EXPECT_FALSE(IsValidRuleId("PG-IAM-01"));
  EXPECT_FALSE(IsValidRuleId("PG-IAM-0001"));
  EXPECT_FALSE(IsValidRuleId("PG-IAM_001"));
  EXPECT_FALSE(IsValidRuleId("XX-IAM-001"));
  EXPECT_FALSE(IsValidRuleId("PG-Iam-001"));
  EXPECT_FALSE(IsValidRuleId("PG-IAM-00a"));
  EXPECT_FALSE(IsValidRuleId(""));
}

}  // namespace
}  // namespace polygraph::rules::internal
