#include <optional>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/internal.h"
#include "tests/storage/storage_testing.h"

namespace polygraph::testing {
namespace {

using storage::internal::AskedBucketName;
using storage::internal::BucketPolicy;
using storage::internal::PreparePolicy;
using storage::internal::Substitute;

TEST(PolicyPreparationTest, SubstitutesTheBucketAndPseudoParameters) {
  EXPECT_EQ(Substitute("${Assets.Arn}/*", "Assets", "logs", "*"),
            "arn:aws:s3:::logs/*");
  EXPECT_EQ(Substitute("arn:aws:s3:::${Assets}", "Assets", "logs", "*"),
            "arn:aws:s3:::logs");
  EXPECT_EQ(Substitute("arn:${AWS::Partition}:iam::${AWS::AccountId}:root",
                       "Assets", "logs", "*"),
            "arn:aws:iam::111111111111:root");
  EXPECT_EQ(Substitute("${Other.Arn}/x${Param}", "Assets", "logs", "*"),
            "*/x*");
  EXPECT_EQ(Substitute("unclosed ${oops", "Assets", "logs", "*"),
            "unclosed ${oops");
}

TEST(PolicyPreparationTest, AskedBucketName) {
  Bucket bucket;
  EXPECT_EQ(AskedBucketName(bucket, "AssetsBucket"), "assetsbucket");
  bucket.bucket_name = "${AWS::StackName}-assets";
  EXPECT_EQ(AskedBucketName(bucket, "AssetsBucket"), "x-assets");
  bucket.bucket_name = "app-static-assets";
  EXPECT_EQ(AskedBucketName(bucket, "AssetsBucket"), "app-static-assets");
}

TEST(PolicyPreparationTest, NoSymbolicValueIsLeft) {
  Model model = BucketModel(
      Named("logs"),
      "Statement:\n"
      "  - Effect: Allow\n"
      "    Principal: {AWS: !GetAtt Role.Arn, Service: !Ref ServiceName}\n"
      "    Action: s3:GetObject\n"
      "    Resource: !Sub '${AssetsBucket.Arn}/*'\n"
      "    Condition:\n"
      "      IpAddress: {aws:SourceIp: !Ref OfficeCidr}\n"
      "      StringEquals: {aws:SourceArn: !Ref Source}\n");
  ASSERT_EQ(model.policies().size(), 1u);
  iam::Policy prepared =
      PreparePolicy(model.policies()[0].policy, "AssetsBucket", "logs");
  const iam::Statement& statement = prepared.statements.at(0);
  EXPECT_EQ(statement.resources.at(0).value, "arn:aws:s3:::logs/*");
  EXPECT_FALSE(statement.resources.at(0).symbolic);
  for (const iam::Principal& principal : statement.principals) {
    EXPECT_FALSE(principal.value.symbolic);
    if (principal.type == "AWS") {
      EXPECT_EQ(principal.value.value,
                "arn:aws:iam::111111111111:role/polygraph-unresolved");
    } else {
      EXPECT_EQ(principal.value.value, "unresolved.amazonaws.com");
    }
  }
  ASSERT_EQ(statement.conditions.size(), 2u);
  for (const iam::Condition& condition : statement.conditions) {
    ASSERT_EQ(condition.values.size(), 1u);
    EXPECT_FALSE(condition.values[0].symbolic);
    EXPECT_EQ(condition.values[0].value, condition.op == "IpAddress"
                                             ? "192.0.2.0/24"
                                             : "polygraph-unresolved");
  }
}

TEST(PolicyPreparationTest, BucketPolicyMergesTheBucketsDocuments) {
  Model model = BucketModel(Named("logs"),
                            "Statement:\n"
                            "  - Effect: Deny\n"
                            "    Principal: '*'\n"
                            "    Action: 's3:*'\n"
                            "    Resource: !Sub '${AssetsBucket.Arn}/*'\n");
  ModelBuilder builder;
  for (const Resource& resource : model.resources()) {
    builder.AddResource(resource);
  }
  for (const PolicyDocument& document : model.policies()) {
    builder.AddPolicy(document);
    builder.AddPolicy(document);  // a second BucketPolicy for the bucket
  }
  PolicyDocument identity = model.policies()[0];
  identity.kind = iam::PolicyKind::kIdentity;  // not the bucket's
  builder.AddPolicy(identity);
  builder.AddBucket(model.buckets()[0]);
  Model doubled = std::move(builder).Build();
  std::optional<iam::Policy> merged =
      BucketPolicy(doubled, doubled.buckets()[0], "AssetsBucket", "logs");
  ASSERT_TRUE(merged.has_value());
  EXPECT_EQ(merged->version, "2012-10-17");
  ASSERT_EQ(merged->statements.size(), 2u);
  EXPECT_EQ(merged->statements[1].resources[0].value, "arn:aws:s3:::logs/*");
  Model none = BucketModel(Named("logs"), "");
  EXPECT_FALSE(BucketPolicy(none, none.buckets()[0], "AssetsBucket", "logs")
                   .has_value());
}

}  // namespace
}  // namespace polygraph::testing
