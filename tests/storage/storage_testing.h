#ifndef POLYGRAPH_TESTS_STORAGE_STORAGE_TESTING_H_
#define POLYGRAPH_TESTS_STORAGE_STORAGE_TESTING_H_

// Models of one bucket and its policy for the storage tests. The policy is
// real policy text (YAML, as in a template), parsed by the library's reader
// and policy parser; the bucket facet is set directly, as the CloudFormation
// front-end would (its own tests cover that part).

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_policy.h"
#include "polygraph/model.h"

namespace polygraph::testing {

inline LocatedBool On(int line) {
  return {/*value=*/true, /*set=*/true, {"t.yaml", line, 30}};
}

// All four Block Public Access settings, on or off.
inline PublicAccessBlock Block(bool acls, bool ignore, bool policy,
                               bool restrict) {
  PublicAccessBlock block;
  block.present = true;
  block.location = {"t.yaml", 5, 7};
  block.block_public_acls = {acls, true, {"t.yaml", 6, 30}};
  block.ignore_public_acls = {ignore, true, {"t.yaml", 7, 30}};
  block.block_public_policy = {policy, true, {"t.yaml", 8, 30}};
  block.restrict_public_buckets = {restrict, true, {"t.yaml", 9, 30}};
  return block;
}

// A model of bucket "AssetsBucket" (named `bucket.bucket_name`, or generated
// when empty) with `policy_yaml` as its bucket policy ("" for none) and
// `accounts` as the account-level Block Public Access settings.
inline Model BucketModel(Bucket bucket, const std::string& policy_yaml,
                         std::vector<AccountPublicAccessBlock> accounts = {}) {
  ModelBuilder builder;
  Resource resource;
  resource.name = "AssetsBucket";
  resource.type = "AWS::S3::Bucket";
  resource.kind = ResourceKind::kBucket;
  resource.location = {"t.yaml", 2, 3};
  bucket.resource = builder.AddResource(std::move(resource));
  if (!policy_yaml.empty()) {
    absl::StatusOr<Value> document = ParseYaml(policy_yaml, "t.yaml");
    EXPECT_TRUE(document.ok()) << document.status();
    absl::StatusOr<iam::Policy> policy =
        iam::ParsePolicy(*document, {.kind = iam::PolicyKind::kResource});
    EXPECT_TRUE(policy.ok()) << policy.status();
    if (policy.ok()) {
      PolicyDocument document_facet;
      document_facet.owner = bucket.resource;
      document_facet.name = "AssetsBucketPolicy";
      document_facet.kind = iam::PolicyKind::kResource;
      document_facet.policy = *std::move(policy);
      builder.AddPolicy(std::move(document_facet));
    }
  }
  builder.AddBucket(std::move(bucket));
  for (AccountPublicAccessBlock& account : accounts) {
    builder.AddAccountPublicAccessBlock(std::move(account));
  }
  return std::move(builder).Build();
}

inline Bucket Named(std::string name) {
  Bucket bucket;
  bucket.bucket_name = std::move(name);
  return bucket;
}

}  // namespace polygraph::testing

#endif  // POLYGRAPH_TESTS_STORAGE_STORAGE_TESTING_H_
