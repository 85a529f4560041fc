#include "ingest/aws_api/aws_api.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/format.h"
#include "polygraph/document.h"
#include "tests/ingest/aws_api_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using ::testing::HasSubstr;
using testing::Imported;
using testing::LoadCorpusSnapshot;
using testing::LoadSnapshot;
using testing::SnapshotFolder;

bool IsSnapshot(const std::string& json) {
  absl::StatusOr<Value> value = ParseJson(json, "t.json");
  return value.ok() && IsAwsSnapshotDocument(*value);
}

TEST(AwsApiTest, RecognisesDescribeOutputByTopLevelKey) {
  EXPECT_TRUE(IsSnapshot(R"({"Vpcs": []})"));
  EXPECT_TRUE(IsSnapshot(R"({"Reservations": [], "NextToken": "x"})"));
  EXPECT_TRUE(IsSnapshot(R"({"AvailabilityZones": []})"));
  EXPECT_FALSE(IsSnapshot(R"({"Vpcs": {}})"));
  EXPECT_FALSE(IsSnapshot(R"({"name": "package"})"));
  EXPECT_FALSE(IsSnapshot(R"([{"Vpcs": []}])"));
  absl::StatusOr<Value> value = ParseJson(R"({"Subnets": []})", "t.json");
  ASSERT_OK(value);
  EXPECT_EQ(DetectDocumentFormat(*value), DocumentFormat::kAwsSnapshot);
  value = ParseJson(R"({"Resources": {}, "Vpcs": []})", "t.json");
  ASSERT_OK(value);
  EXPECT_EQ(DetectDocumentFormat(*value), DocumentFormat::kCloudFormation);
}

TEST(AwsApiTest, DeclaresEachObjectAsAResource) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot(
          {{"Vpcs.json",
            "{\"Vpcs\": [\n"
            "  {\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}\n"
            "]}\n"},
           {"Subnets.json",
            "{\"Subnets\": [\n"
            "  {\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\"}\n"
            "]}\n"}}));
  const Resource* vpc = imported.Find("vpc-1");
  ASSERT_NE(vpc, nullptr);
  EXPECT_EQ(vpc->type, "AWS::EC2::VPC");
  EXPECT_EQ(vpc->kind, ResourceKind::kVpc);
  EXPECT_EQ(vpc->format, SourceFormat::kAwsSnapshot);
  EXPECT_EQ(vpc->location.file, SnapshotFolder() + "/Vpcs.json");
  EXPECT_EQ(vpc->location.line, 2);
  EXPECT_EQ(vpc->location.column, 3);
  EXPECT_TRUE(vpc->properties.is_object());
  const Resource* subnet = imported.Find("subnet-1");
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ(subnet->type, "AWS::EC2::Subnet");
  // Ids resolve across the files of the folder, whatever their order.
  ASSERT_EQ(imported.model.subnets().size(), 1u);
  EXPECT_EQ(imported.model.subnets()[0].vpc, imported.IndexOf("vpc-1"));
  EXPECT_EQ(imported.model.subnets()[0].vpc_id, "vpc-1");
}

TEST(AwsApiTest, EachFolderIsItsOwnSnapshot) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot({{"a.json", R"({"Vpcs": [{"VpcId": "vpc-1"}]})"}}));
  EXPECT_EQ(imported.model.resources().size(), 1u);
  const std::string root = SnapshotFolder();
  std::filesystem::create_directories(root + "/a");
  std::filesystem::create_directories(root + "/b");
  std::ofstream(root + "/a/Vpcs.json") << R"({"Vpcs": [{"VpcId": "vpc-1"}]})";
  std::ofstream(root + "/b/Subnets.json")
      << R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1"}]})";
  absl::StatusOr<LoadResult> result =
      ::polygraph::ingest::LoadPaths({root}, LoadOptions{});
  std::filesystem::remove_all(root);
  ASSERT_OK(result);
  ASSERT_EQ(result->model.subnets().size(), 1u);
  // The VPC is in another folder: not resolved, the id is kept.
  EXPECT_EQ(result->model.subnets()[0].vpc, kNoResource);
  EXPECT_EQ(result->model.subnets()[0].vpc_id, "vpc-1");
}

TEST(AwsApiTest, UnreadSectionsAreNoted) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      LoadSnapshot(
          {{"AvailabilityZones.json",
            R"({"AvailabilityZones": [{"ZoneName": "us-east-1a"}]})"}}));
  std::vector<Diagnostic> notes = imported.WithCode("not-analysed");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_THAT(notes[0].message, HasSubstr("AvailabilityZones"));
  EXPECT_EQ(notes[0].location.line, 1);
  EXPECT_TRUE(imported.model.resources().empty());
}

TEST(AwsApiTest, MalformedObjectsAreInputErrors) {
  absl::StatusOr<Imported> missing_id = LoadSnapshot(
      {{"Vpcs.json", R"({"Vpcs": [{"CidrBlock": "10.0.0.0/16"}]})"}});
  ExpectInputError(missing_id.status(), 1, 11, "a Vpcs entry has no VpcId");
  absl::StatusOr<Imported> not_object =
      LoadSnapshot({{"Vpcs.json", R"({"Vpcs": ["vpc-1"]})"}});
  ExpectInputError(not_object.status(), 1, 11, "Vpcs entries must be objects");
  absl::StatusOr<Imported> twice = LoadSnapshot(
      {{"Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1"}, {"VpcId": "vpc-1"}]})"}});
  ExpectInputError(twice.status(), 1, 41, "vpc-1 is declared twice");
  absl::StatusOr<Imported> wrong_type =
      LoadSnapshot({{"Vpcs.json", R"({"Vpcs": [{"VpcId": 7}]})"}});
  ExpectInputError(wrong_type.status(), 1, 21, "VpcId must be a string");
}

// Every batfish snapshot of the corpus loads without error, as snapshot
// resources.
TEST(AwsApiTest, LoadsTheCorpusSnapshots) {
  for (const std::string folder :
       {"test-load-balancer/aws_configs", "test-nat-gateway/aws_configs",
        "test-public-subnet/aws_configs", "test-subnet/aws_configs",
        "test-transit-gateway/aws_configs",
        "test-vpc-endpoint-gateway/aws_configs/us-east-1",
        "test-vpc-peering/aws_configs"}) {
    SCOPED_TRACE(folder);
    ASSERT_OK_AND_ASSIGN(Imported imported,
                         LoadCorpusSnapshot("aws-api/batfish/" + folder));
    ASSERT_FALSE(imported.model.resources().empty());
    for (const Resource& resource : imported.model.resources()) {
      EXPECT_EQ(resource.format, SourceFormat::kAwsSnapshot) << resource.name;
    }
    for (const Diagnostic& diagnostic : imported.diagnostics) {
      EXPECT_NE(diagnostic.level, Diagnostic::Level::kError)
          << diagnostic.ToString();
    }
    EXPECT_FALSE(imported.model.subnets().empty());
    EXPECT_FALSE(imported.model.route_tables().empty());
    EXPECT_FALSE(imported.model.security_groups().empty());
  }
}

}  // namespace
}  // namespace polygraph::ingest
