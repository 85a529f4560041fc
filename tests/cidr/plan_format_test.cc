#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polygraph/cidr_plan.h"
#include "tests/cidr/plan_testing.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;

cidr::AddressPlan SamplePlan() {
  PlanModel m;
  size_t vpc = m.Vpc("AppVpc", "10.0.0.0/16", 1);
  m.Subnet("Web1", vpc, "10.0.0.0/24", "eu-west-1a", 10);
  m.Subnet("Web2", vpc, "10.0.1.0/24", "eu-west-1b", 20);
  m.Subnet("Tiny", vpc, "10.0.2.0/28", "eu-west-1a", 30,
           "{Tags: [{Key: Tier, Value: \"tiny \\\"one\\\"\"}]}");
  m.Subnet("Web3", vpc, "2001:db8::/64", "eu-west-1b", 40);
  absl::StatusOr<cidr::AddressPlan> plan = cidr::AnalysePlan(m.Build(), {});
  EXPECT_TRUE(plan.ok()) << plan.status();
  return plan.ok() ? *plan : cidr::AddressPlan();
}

TEST(PlanFormatTest, Json) {
  nlohmann::json json = nlohmann::json::parse(cidr::PlanToJson(SamplePlan()));
  ASSERT_EQ(json["vpcs"].size(), 1u);
  const nlohmann::json& vpc = json["vpcs"][0];
  EXPECT_EQ(vpc["name"], "AppVpc");
  EXPECT_EQ(vpc["blocks"][0]["cidr"], "10.0.0.0/16");
  EXPECT_EQ(vpc["ipv4_addresses"], 65536);
  EXPECT_EQ(vpc["ipv4_used"], 528);
  EXPECT_DOUBLE_EQ(vpc["utilisation"].get<double>(), 528.0 / 65536);
  ASSERT_EQ(vpc["subnets"].size(), 4u);
  EXPECT_EQ(vpc["subnets"][2]["tier"], "tiny \"one\"");
  EXPECT_EQ(vpc["subnets"][2]["usable"], 11);
  // 2^64 - 5, exact.
  EXPECT_EQ(vpc["subnets"][3]["usable"].get<uint64_t>(), 18446744073709551611u);
  EXPECT_EQ(vpc["zones"][0]["availability_zone"], "eu-west-1a");
  EXPECT_EQ(vpc["zones"][0]["addresses"], 272);
  // Tiny is too small, and alone in its tier's one zone.
  ASSERT_EQ(json["problems"].size(), 2u);
  EXPECT_EQ(json["problems"][0]["kind"], "too-few-zones");
  EXPECT_EQ(json["problems"][1]["kind"], "subnet-too-small");
  EXPECT_EQ(json["problems"][1]["rule_id"], "PG-CIDR-007");
  EXPECT_EQ(json["problems"][1]["location"]["line"], 31);
  EXPECT_EQ(json["problems"][1]["resource"], "Tiny");
  EXPECT_TRUE(json["unattached_subnets"].empty());
}

TEST(PlanFormatTest, Text) {
  std::string text = cidr::PlanToText(SamplePlan());
  EXPECT_THAT(text, HasSubstr("VPC AppVpc 10.0.0.0/16  [t.yaml]\n"));
  EXPECT_THAT(text, HasSubstr("Web1"));
  EXPECT_THAT(text, HasSubstr("10.0.2.0/28"));
  EXPECT_THAT(text, HasSubstr("utilisation 0.8% (528 of 65,536 IPv4 "
                              "addresses); eu-west-1a 0.4%; eu-west-1b 0.4%"));
  EXPECT_THAT(text, HasSubstr("t.yaml:31:18: PG-CIDR-007 subnet "
                              "10.0.2.0/28 of Tiny has 11 usable"));
  EXPECT_THAT(text, HasSubstr("1 VPC, 2 problems\n"));
}

}  // namespace
}  // namespace polygraph::testing
