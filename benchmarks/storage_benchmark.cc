// Benchmarks for lib/storage: AnalyseBucketExposure over 10,000 synthetic
// buckets with bucket policies (the target of issue 5: under 1 s), against a
// baseline of the same buckets without policies (ACLs and Block Public Access
// only), which isolates the cost of the IAM decisions. Inputs come from a
// fixed seed.
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "polygraph/document.h"
#include "polygraph/iam_policy.h"
#include "polygraph/model.h"
#include "polygraph/storage_exposure.h"

namespace polygraph::storage {
namespace {

// Policy shapes seen in real templates: public read, CloudFront OAC with
// AWS:SourceArn, a VPC endpoint, an organization, a wide and a narrow
// aws:SourceIp, a TLS-only Deny, and a cross-account grant.
constexpr const char* kStatements[] = {
    R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
        "Resource":"arn:aws:s3:::BUCKET/*"})",
    R"({"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},
        "Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*",
        "Condition":{"StringEquals":{"AWS:SourceArn":
          "arn:aws:cloudfront::111111111111:distribution/E1"}}})",
    R"({"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"],
        "Resource":"arn:aws:s3:::BUCKET/*",
        "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}})",
    R"({"Effect":"Allow","Principal":"*","Action":"s3:*",
        "Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],
        "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}})",
    R"({"Effect":"Allow","Principal":"*","Action":"s3:ListBucket",
        "Resource":"arn:aws:s3:::BUCKET",
        "Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}})",
    R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
        "Resource":"arn:aws:s3:::BUCKET/*",
        "Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}})",
    R"({"Effect":"Deny","Principal":"*","Action":"s3:*",
        "Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],
        "Condition":{"Bool":{"aws:SecureTransport":"false"}}})",
    R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
        "Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"})",
};

// `count` buckets; each with 1 to 4 statements drawn from kStatements (when
// `with_policies`), a random canned ACL and random Block Public Access.
Model Generate(int count, bool with_policies) {
  std::mt19937 rng(20261127);
  ModelBuilder builder;
  constexpr CannedAcl kAcls[] = {CannedAcl::kAbsent, CannedAcl::kPrivate,
                                 CannedAcl::kPublicRead,
                                 CannedAcl::kAuthenticatedRead};
  for (int i = 0; i < count; ++i) {
    std::string name = absl::StrCat("bucket-", i);
    Resource resource;
    resource.name = absl::StrCat("Bucket", i);
    resource.type = "AWS::S3::Bucket";
    resource.kind = ResourceKind::kBucket;
    Bucket bucket;
    bucket.bucket_name = name;
    bucket.resource = builder.AddResource(std::move(resource));
    bucket.access_control = kAcls[rng() % 4];
    if (rng() % 2 == 0) {
      bucket.public_access_block.present = true;
      bucket.public_access_block.restrict_public_buckets = {
          rng() % 2 == 0, true, {}};
      bucket.public_access_block.ignore_public_acls = {
          rng() % 2 == 0, true, {}};
    }
    if (with_policies) {
      std::string text = R"({"Version":"2012-10-17","Statement":[)";
      int statements = 1 + static_cast<int>(rng() % 4);
      for (int s = 0; s < statements; ++s) {
        std::string statement = kStatements[rng() % std::size(kStatements)];
        for (size_t at = statement.find("BUCKET"); at != std::string::npos;
             at = statement.find("BUCKET", at)) {
          statement.replace(at, 6, name);
        }
        absl::StrAppend(&text, s == 0 ? "" : ",", statement);
      }
      absl::StrAppend(&text, "]}");
      absl::StatusOr<Value> document = ParseJson(text, "bench.json");
      absl::StatusOr<iam::Policy> policy =
          iam::ParsePolicy(*document, {.kind = iam::PolicyKind::kResource});
      PolicyDocument facet;
      facet.owner = bucket.resource;
      facet.kind = iam::PolicyKind::kResource;
      facet.policy = *std::move(policy);
      builder.AddPolicy(std::move(facet));
    }
    builder.AddBucket(std::move(bucket));
  }
  return std::move(builder).Build();
}

void BM_AnalyseBucketExposure(benchmark::State& state, bool with_policies) {
  const int count = static_cast<int>(state.range(0));
  Model model = Generate(count, with_policies);
  for (auto _ : state) {
    absl::StatusOr<std::vector<BucketExposure>> exposures =
        AnalyseBucketExposure(model);
    if (!exposures.ok()) state.SkipWithError("analysis failed");
    benchmark::DoNotOptimize(exposures);
  }
  state.SetItemsProcessed(state.iterations() * count);
}

BENCHMARK_CAPTURE(BM_AnalyseBucketExposure, WithPolicies, true)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
// Baseline: no policies, so no Authorizer is compiled or asked.
BENCHMARK_CAPTURE(BM_AnalyseBucketExposure, AclsOnly, false)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace polygraph::storage

BENCHMARK_MAIN();
