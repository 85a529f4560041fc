#ifndef POLYGRAPH_TESTS_RULES_CDN_TESTING_H_
#define POLYGRAPH_TESTS_RULES_CDN_TESTING_H_

// Models with CloudFront distributions built in memory for the CloudFront
// rule tests (cdn_access_test.cc, cdn_origins_test.cc, cdn_viewer_test.cc),
// with bucket policies parsed from policy text.

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/rules/rules_testing.h"

namespace polygraph::testing {

struct Cdn {
  ModelBuilder builder;
  size_t bucket = kNoResource;
  size_t oac = kNoResource;
  size_t oai = kNoResource;
};

// A bucket "site" (SiteBucket), an OAC and an OAI (logical id OAI);
// `policies` become the bucket's policies.
inline void AddBucket(Cdn& cdn, const std::vector<std::string>& policies) {
  Bucket bucket;
  bucket.bucket_name = "site";
  bucket.resource = cdn.builder.AddResource(
      MakeResource("SiteBucket", ResourceKind::kBucket, "AWS::S3::Bucket", 2));
  cdn.bucket = bucket.resource;
  cdn.builder.AddBucket(bucket);
  cdn.oac = cdn.builder.AddResource(
      MakeResource("OAC", ResourceKind::kOriginAccessControl,
                   "AWS::CloudFront::OriginAccessControl", 4));
  cdn.oai = cdn.builder.AddResource(
      MakeResource("OAI", ResourceKind::kOriginAccessIdentity,
                   "AWS::CloudFront::CloudFrontOriginAccessIdentity", 6));
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

// A distribution named `name` at line `line` (DistributionConfig at line + 2)
// with one OAC origin "S3" on the bucket, a compliant default behavior and
// certificate, a web ACL and logging: no finding of any CloudFront rule.
inline Distribution MakeDistribution(Cdn& cdn, const std::string& name,
                                     int line) {
  Distribution distribution;
  distribution.resource = cdn.builder.AddResource(
      MakeResource(name, ResourceKind::kDistribution,
                   "AWS::CloudFront::Distribution", line));
  distribution.location = At(line + 2, 7);
  DistributionOrigin origin;
  origin.id = "S3";
  origin.bucket_resource = cdn.bucket;
  origin.origin_access_control = cdn.oac;
  origin.has_origin_access_control = true;
  origin.location = At(line + 4, 13);
  distribution.origins.push_back(origin);
  CacheBehavior behavior;
  behavior.target_origin_id = "S3";
  behavior.viewer_protocol_policy = "https-only";
  behavior.compress = {true, true, At(line + 8, 21)};
  behavior.location = At(line + 6, 11);
  distribution.behaviors.push_back(behavior);
  distribution.has_viewer_certificate = true;
  distribution.viewer_certificate_location = At(line + 10, 9);
  distribution.minimum_protocol_version = "TLSv1.2_2021";
  distribution.minimum_protocol_version_location = At(line + 11, 35);
  distribution.web_acl_id = "${WebAcl.Arn}";
  distribution.web_acl_location = At(line + 12, 19);
  distribution.has_logging = true;
  distribution.logging_location = At(line + 13, 9);
  return distribution;
}

// Makes origin 0 of `distribution` read through the OAI instead of OAC.
inline void UseOai(Cdn& cdn, Distribution& distribution) {
  DistributionOrigin& origin = distribution.origins[0];
  origin.has_origin_access_control = false;
  origin.origin_access_control = kNoResource;
  origin.origin_access_identity = "origin-access-identity/cloudfront/${OAI}";
  origin.origin_access_identity_resource = cdn.oai;
  origin.origin_access_identity_location = At(origin.location.line + 3, 37);
}

// One Allow of s3:GetObject on the bucket's objects to `principal` (a YAML
// value), then `condition` (YAML lines, "" for none).
inline std::string GetObjectPolicy(const std::string& principal,
                                   const std::string& condition) {
  return "Statement:\n"
         "  - Sid: CloudFront\n"
         "    Effect: Allow\n"
         "    Principal: " +
         principal +
         "\n"
         "    Action: s3:GetObject\n"
         "    Resource: arn:aws:s3:::site/*\n" +
         condition;
}

inline std::string CloudFrontPolicy(const std::string& condition) {
  return GetObjectPolicy("{Service: cloudfront.amazonaws.com}", condition);
}

}  // namespace polygraph::testing

#endif  // POLYGRAPH_TESTS_RULES_CDN_TESTING_H_
