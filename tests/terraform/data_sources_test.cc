#include "terraform/data_sources.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "terraform/value.h"
#include "tests/testing.h"

namespace polygraph::terraform {
namespace {

using ::polygraph::testing::StatusIs;

TfValue Arguments(const std::string& json) {
  absl::StatusOr<Value> document = ParseJson(json, "main.tf");
  EXPECT_TRUE(document.ok()) << document.status();
  return FromDocument(*document);
}

const SourceLocation kBlock{.file = "main.tf", .line = 3, .column = 1};

TEST(DataSourcesTest, AvailabilityZonesAreUnknownAndArgumentsKept) {
  ASSERT_OK_AND_ASSIGN(
      TfValue zones,
      EvaluateDataSource("aws_availability_zones",
                         "data.aws_availability_zones.available",
                         Arguments(R"({"state": "available"})"), kBlock));
  ASSERT_EQ(zones.kind, TfValue::Kind::kObject);
  ASSERT_NE(zones.Find("state"), nullptr);
  EXPECT_EQ(zones.Find("state")->text, "available");
  const TfValue* names = zones.Find("names");
  ASSERT_NE(names, nullptr);
  EXPECT_EQ(names->kind, TfValue::Kind::kUnknown);
  EXPECT_EQ(names->text, "data.aws_availability_zones.available.names");
  EXPECT_TRUE(names->resource_address.empty());
  EXPECT_EQ(names->location, kBlock);
  EXPECT_NE(zones.Find("zone_ids"), nullptr);
}

TEST(DataSourcesTest, GivenAttributesStayKnown) {
  ASSERT_OK_AND_ASSIGN(
      TfValue region,
      EvaluateDataSource("aws_region", "data.aws_region.current",
                         Arguments(R"({"name": "eu-west-1"})"), kBlock));
  EXPECT_EQ(region.Find("name")->kind, TfValue::Kind::kString);
  EXPECT_EQ(region.Find("name")->text, "eu-west-1");
  EXPECT_EQ(region.Find("id")->text, "data.aws_region.current.id");

  ASSERT_OK_AND_ASSIGN(
      TfValue caller,
      EvaluateDataSource("aws_caller_identity",
                         "module.app.data.aws_caller_identity.me",
                         Arguments("{}"), kBlock));
  EXPECT_EQ(caller.Find("account_id")->text,
            "module.app.data.aws_caller_identity.me.account_id");
  EXPECT_NE(caller.Find("arn"), nullptr);
  EXPECT_NE(caller.Find("user_id"), nullptr);
}

TEST(DataSourcesTest, OtherDataSourcesGetAnUnknownId) {
  ASSERT_OK_AND_ASSIGN(
      TfValue vpc,
      EvaluateDataSource("aws_vpc", "data.aws_vpc.default",
                         Arguments(R"({"default": true})"), kBlock));
  EXPECT_EQ(vpc.Find("id")->text, "data.aws_vpc.default.id");
  EXPECT_EQ(vpc.Find("arn")->text, "data.aws_vpc.default.arn");
  EXPECT_TRUE(vpc.Find("default")->boolean);

  ASSERT_OK_AND_ASSIGN(
      TfValue other,
      EvaluateDataSource("aws_something_new", "data.aws_something_new.x",
                         Arguments("{}"), kBlock));
  EXPECT_EQ(other.keys, std::vector<std::string>{"id"});
}

TEST(DataSourcesTest, PolicyDocumentHasJson) {
  ASSERT_OK_AND_ASSIGN(TfValue policy,
                       EvaluateDataSource("aws_iam_policy_document",
                                          "data.aws_iam_policy_document.read",
                                          Arguments(R"({"statement": [{
                           "actions": ["s3:GetObject"],
                           "resources": ["*"]}]})"),
                                          kBlock));
  ASSERT_NE(policy.Find("minified_json"), nullptr);
  EXPECT_EQ(policy.Find("minified_json")->text,
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
            R"("Action":"s3:GetObject","Resource":"*"}]})");
  EXPECT_EQ(policy.Find("json")->kind, TfValue::Kind::kString);
  EXPECT_EQ(policy.Find("json")->location, kBlock);
  EXPECT_EQ(policy.Find("version")->text, "2012-10-17");
  EXPECT_FALSE(policy.Find("id")->text.empty());
  EXPECT_NE(policy.Find("statement"), nullptr);
}

TEST(DataSourcesTest, PolicyDocumentOfUnknownStructureHasUnknownJson) {
  TfValue arguments = TfValue::Object(
      {"statement"}, {TfValue::Unknown("local.statements", kBlock)}, kBlock);
  ASSERT_OK_AND_ASSIGN(
      TfValue policy, EvaluateDataSource("aws_iam_policy_document",
                                         "data.aws_iam_policy_document.dynamic",
                                         arguments, kBlock));
  EXPECT_EQ(policy.Find("json")->kind, TfValue::Kind::kUnknown);
  EXPECT_EQ(policy.Find("json")->text,
            "data.aws_iam_policy_document.dynamic.json");
}

TEST(DataSourcesTest, Errors) {
  EXPECT_THAT(EvaluateDataSource("aws_iam_policy_document",
                                 "data.aws_iam_policy_document.bad",
                                 Arguments(R"({"statement": [{
                                   "principals": [{"identifiers": ["*"]}]}]})"),
                                 kBlock),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(EvaluateDataSource("aws_region", "data.aws_region.r",
                                 TfValue::String("x", kBlock), kBlock),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace polygraph::terraform
