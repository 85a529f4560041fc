// PG-CF-001..005 (lib/rules/checks/cdn.cc) over models built in memory, with
// bucket policies parsed from policy text.

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

struct Cdn {
  ModelBuilder builder;
  size_t bucket = kNoResource;
  size_t oac = kNoResource;
};

// A bucket "site" and an OAC; `policies` become its bucket policies.
void AddBucket(Cdn& cdn, const std::vector<std::string>& policies) {
  Bucket bucket;
  bucket.bucket_name = "site";
  bucket.resource = cdn.builder.AddResource(
      MakeResource("SiteBucket", ResourceKind::kBucket, "AWS::S3::Bucket", 2));
  cdn.bucket = bucket.resource;
  cdn.builder.AddBucket(bucket);
  cdn.oac = cdn.builder.AddResource(
      MakeResource("OAC", ResourceKind::kOriginAccessControl,
                   "AWS::CloudFront::OriginAccessControl", 4));
  for (const std::string& text : policies) {
    absl::StatusOr<Value> document = ParseYaml(text, "t.yaml");
    ASSERT_TRUE(document.ok()) << document.status();
    absl::StatusOr<iam::Policy> policy =
        iam::ParsePolicy(*document, {.kind = iam::PolicyKind::kResource});
    ASSERT_TRUE(policy.ok()) << policy.status();
    PolicyDocument facet;
    facet.owner = cdn.bucket;
    facet.kind = iam::PolicyKind::kResource;
    facet.policy = *std::move(policy);
    cdn.builder.AddPolicy(std::move(facet));
  }
}

// A distribution named `name` with one OAC origin on the bucket and a
// compliant default behavior and certificate.
Distribution MakeDistribution(Cdn& cdn, const std::string& name, int line) {
  Distribution distribution;
  distribution.resource = cdn.builder.AddResource(
      MakeResource(name, ResourceKind::kDistribution,
                   "AWS::CloudFront::Distribution", line));
  DistributionOrigin origin;
  origin.id = "S3";
  origin.bucket_resource = cdn.bucket;
  origin.origin_access_control = cdn.oac;
  origin.has_origin_access_control = true;
  origin.location = At(line + 4, 13);
  distribution.origins.push_back(origin);
  CacheBehavior behavior;
  behavior.viewer_protocol_policy = "https-only";
  behavior.compress = {true, true, At(line + 8, 21)};
  behavior.location = At(line + 6, 11);
  distribution.behaviors.push_back(behavior);
  distribution.has_viewer_certificate = true;
  distribution.viewer_certificate_location = At(line + 10, 9);
  distribution.minimum_protocol_version = "TLSv1.2_2021";
  distribution.minimum_protocol_version_location = At(line + 11, 35);
  return distribution;
}

std::string CloudFrontPolicy(const std::string& condition) {
  return "Statement:\n"
         "  - Sid: CloudFront\n"
         "    Effect: Allow\n"
         "    Principal: {Service: cloudfront.amazonaws.com}\n"
         "    Action: s3:GetObject\n"
         "    Resource: arn:aws:s3:::site/*\n" +
         condition;
}

TEST(CdnRulesTest, OwnDistributionArnIsAllowed) {
  Cdn cdn;
  AddBucket(cdn, {CloudFrontPolicy(
                     "    Condition:\n"
                     "      StringEquals:\n"
                     "        AWS:SourceArn: "
                     "arn:aws:cloudfront::111111111111:distribution/WEB\n")});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  Model model = std::move(cdn.builder).Build();
  EXPECT_THAT(RunRule("PG-CF-001", model), IsEmpty());
  EXPECT_THAT(RunRule("PG-CF-002", model), IsEmpty());
}

TEST(CdnRulesTest, OtherDistributionOnlyIsReportedPerOrigin) {
  Cdn cdn;
  AddBucket(cdn, {CloudFrontPolicy(
                     "    Condition:\n"
                     "      StringEquals:\n"
                     "        AWS:SourceArn: "
                     "arn:aws:cloudfront::111111111111:distribution/WEB\n")});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Admin", 40));
  Model model = std::move(cdn.builder).Build();
  std::vector<Finding> findings = RunRule("PG-CF-001", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "Admin");
  EXPECT_EQ(findings[0].location, At(44, 13));
  EXPECT_THAT(findings[0].message,
              HasSubstr("distribution Admin cannot read its origin "
                        "SiteBucket: the bucket policy does not allow"));
  EXPECT_THAT(findings[0].fix, HasSubstr("distribution/${Admin}'"));
}

TEST(CdnRulesTest, NoConditionIsReportedOncePerBucket) {
  Cdn cdn;
  AddBucket(cdn, {CloudFrontPolicy("")});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Admin", 40));
  Model model = std::move(cdn.builder).Build();
  EXPECT_THAT(RunRule("PG-CF-001", model), IsEmpty());
  std::vector<Finding> findings = RunRule("PG-CF-002", model);
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].resource, "SiteBucket");
  EXPECT_EQ(findings[0].location.line, 2);  // the statement
}

TEST(CdnRulesTest, SourceAccountLimitsReadersToTheAccount) {
  // aws:SourceAccount limits readers to this account's distributions: not
  // "any distribution" (another account's is denied).
  Cdn cdn;
  AddBucket(cdn,
            {CloudFrontPolicy("    Condition:\n"
                              "      StringEquals:\n"
                              "        AWS:SourceAccount: '111111111111'\n")});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  Model model = std::move(cdn.builder).Build();
  EXPECT_THAT(RunRule("PG-CF-001", model), IsEmpty());
  EXPECT_THAT(RunRule("PG-CF-002", model), IsEmpty());
}

TEST(CdnRulesTest, OriginsWithoutOacAreNotDecided) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.origins[0].has_origin_access_control = false;
  distribution.origins[0].origin_access_identity =
      "origin-access-identity/cloudfront/E1";
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();
  EXPECT_THAT(RunRule("PG-CF-001", model), IsEmpty());
}

TEST(CdnRulesTest, ViewerSettings) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.behaviors[0].compress = {};  // absent: CloudFront's false
  CacheBehavior path;
  path.is_default = false;
  path.path_pattern = "/img/*";
  path.viewer_protocol_policy = "allow-all";
  path.viewer_protocol_policy_location = At(50, 35);
  path.compress = {true, true, At(51, 23)};
  distribution.behaviors.push_back(path);
  CacheBehavior symbolic;  // an unresolved ViewerProtocolPolicy is not decided
  symbolic.is_default = false;
  symbolic.compress = {true, true, At(55, 23)};
  distribution.behaviors.push_back(symbolic);
  distribution.minimum_protocol_version = "";
  distribution.minimum_protocol_version_location = {};
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();

  std::vector<Finding> http = RunRule("PG-CF-003", model);
  ASSERT_THAT(http, SizeIs(1));
  EXPECT_EQ(http[0].location, At(50, 35));
  EXPECT_THAT(http[0].message, HasSubstr("path /img/*"));

  std::vector<Finding> tls = RunRule("PG-CF-004", model);
  ASSERT_THAT(tls, SizeIs(1));
  EXPECT_EQ(tls[0].location, At(30, 9));  // the ViewerCertificate key
  EXPECT_THAT(tls[0].message, HasSubstr("no MinimumProtocolVersion"));

  std::vector<Finding> compress = RunRule("PG-CF-005", model);
  ASSERT_THAT(compress, SizeIs(1));
  EXPECT_EQ(compress[0].location, At(26, 11));  // the behavior
  EXPECT_THAT(compress[0].message, HasSubstr("Compress not set"));
}

TEST(CdnRulesTest, NoViewerCertificateMeansTheDefaultCertificate) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.has_viewer_certificate = false;
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();
  std::vector<Finding> tls = RunRule("PG-CF-004", model);
  ASSERT_THAT(tls, SizeIs(1));
  EXPECT_EQ(tls[0].location, At(20, 3));  // the distribution
  EXPECT_THAT(tls[0].message, HasSubstr("default certificate"));
}

}  // namespace
}  // namespace polygraph::testing
