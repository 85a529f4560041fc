// The bucket exposure analysis over the public CloudFormation corpus
// (../shared/corpus): it decides every template with buckets without error,
// and a few outcomes checked by reading the templates.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/loader.h"
#include "polygraph/storage_exposure.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using storage::Access;
using storage::Audience;
using storage::BucketExposure;

const char kCorpus[] = "cloudformation/aws-cloudformation-templates";

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  const std::string root = CorpusPath(kCorpus);
  if (!std::filesystem::is_directory(root)) return files;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string extension = entry.path().extension().string();
    if (extension == ".yaml" || extension == ".yml" || extension == ".json" ||
        extension == ".template") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// "<file relative to the corpus>:<bucket logical id>" -> a summary such as
// "anonymous:read" for every effective access.
using Outcomes = std::map<std::string, std::vector<std::string>>;

Outcomes Summarize(const std::string& name, const Model& model,
                   const std::vector<BucketExposure>& exposures) {
  Outcomes outcomes;
  for (const BucketExposure& exposure : exposures) {
    const Bucket& bucket = model.buckets()[exposure.bucket];
    std::vector<std::string>& summary = outcomes[absl::StrCat(
        name, ":", model.resources()[bucket.resource].name)];
    for (Audience audience :
         {Audience::kAnonymous, Audience::kAuthenticatedOutsider}) {
      for (Access access : {Access::kReadObjects, Access::kWriteObjects,
                            Access::kList, Access::kChangePermissions}) {
        if (exposure.Get(audience, access).effective()) {
          summary.push_back(std::string(storage::AudienceName(audience)) + ":" +
                            std::string(storage::AccessName(access)));
        }
      }
    }
    if (exposure.public_acl) summary.push_back("public-acl");
  }
  return outcomes;
}

TEST(StorageExposureCorpusTest, DecidesEveryTemplateWithBuckets) {
  const std::vector<std::string> files = CorpusFiles();
  if (files.empty()) GTEST_SKIP() << "corpus not present";
  size_t templates = 0, buckets = 0, with_policy = 0, exposed = 0;
  Outcomes all;
  for (const std::string& file : files) {
    absl::StatusOr<LoadResult> loaded = LoadPaths({file}, {});
    if (!loaded.ok() || loaded->model.buckets().empty()) continue;
    ++templates;
    const Model& model = loaded->model;
    absl::StatusOr<std::vector<BucketExposure>> exposures =
        storage::AnalyseBucketExposure(model);
    ASSERT_TRUE(exposures.ok()) << file << ": " << exposures.status();
    ASSERT_EQ(exposures->size(), model.buckets().size());
    buckets += model.buckets().size();
    for (const PolicyDocument& policy : model.policies()) {
      with_policy +=
          policy.kind == iam::PolicyKind::kResource &&
                  policy.owner < model.resources().size() &&
                  model.resources()[policy.owner].kind == ResourceKind::kBucket
              ? 1
              : 0;
    }
    const std::string name = file.substr(file.find(kCorpus) + sizeof(kCorpus));
    for (auto& [bucket, summary] : Summarize(name, model, *exposures)) {
      if (!summary.empty()) ++exposed;
      all[bucket] = summary;
    }
  }
  std::string report =
      absl::StrCat(templates, " templates with buckets, ", buckets,
                   " buckets, ", with_policy, " bucket policies, ", exposed,
                   " buckets with an effective public access or ACL\n");
  for (const auto& [bucket, summary] : all) {
    if (summary.empty()) continue;
    absl::StrAppend(&report, "  ", bucket, ":");
    for (const std::string& item : summary) absl::StrAppend(&report, " ", item);
    absl::StrAppend(&report, "\n");
  }
  std::cout << report;
  RecordProperty("exposure", report);
  EXPECT_GT(templates, 40u);
  EXPECT_GT(with_policy, 5u);
  // Checked by reading the templates. The ELB access-log bucket is Private
  // and its policy grants PutObject to the region's ELB account only (a
  // FindInMap principal: fixed).
  const std::string elb =
      "ElasticLoadBalancing/ELB_Access_Logs_And_Connection_Draining.yaml:"
      "LogsBucket";
  ASSERT_TRUE(all.contains(elb)) << report;
  EXPECT_THAT(all[elb], ::testing::IsEmpty());
  // The CloudFront logging bucket: LogDeliveryWrite (the log delivery group,
  // not the public) with ObjectWriter ownership and all four BPA settings.
  const std::string logging =
      "Solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml:"
      "LoggingBucket";
  if (all.contains(logging)) {
    EXPECT_THAT(all[logging], ::testing::IsEmpty());
  }
  // Nothing in this corpus (AWS's own examples) is public.
  EXPECT_EQ(exposed, 0u) << report;
}

TEST(StorageExposureCorpusTest, ReadsTheAclsOfTheCorpus) {
  const std::string file = CorpusPath(
      std::string(kCorpus) +
      "/Solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml");
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "corpus not present";
  ASSERT_OK_AND_ASSIGN(LoadResult loaded, LoadPaths({file}, {}));
  const Bucket* logging = nullptr;
  for (const Bucket& bucket : loaded.model.buckets()) {
    if (bucket.access_control == CannedAcl::kLogDeliveryWrite) {
      logging = &bucket;
    }
  }
  ASSERT_NE(logging, nullptr);
  EXPECT_EQ(logging->access_control_location.line, 427);
  EXPECT_EQ(logging->object_ownership, ObjectOwnership::kObjectWriter);
  EXPECT_EQ(logging->object_ownership_location.line, 421);
  ASSERT_OK_AND_ASSIGN(std::vector<BucketExposure> exposures,
                       storage::AnalyseBucketExposure(loaded.model));
  for (const BucketExposure& exposure : exposures) {
    EXPECT_FALSE(exposure.public_acl);
  }
}

}  // namespace
}  // namespace polygraph::testing
