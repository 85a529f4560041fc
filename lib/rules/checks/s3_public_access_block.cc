// PG-S3-001: a bucket whose four block-public-access settings are not all true.

#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

// The format's own spelling of the configuration and its settings, in AWS's
// order, so messages name what the user wrote.
struct Spelling {
  const char* configuration;
  const char* settings[4];
};

constexpr Spelling kCamelCase = {
    "PublicAccessBlockConfiguration",
    {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
     "RestrictPublicBuckets"}};
constexpr Spelling kTerraform = {
    "aws_s3_bucket_public_access_block",
    {"block_public_acls", "ignore_public_acls", "block_public_policy",
     "restrict_public_buckets"}};

// "A", "A and B", "A, B and C".
std::string JoinWithAnd(const std::vector<std::string>& names) {
  if (names.size() <= 1) return names.empty() ? "" : names[0];
  std::vector<std::string> head(names.begin(), names.end() - 1);
  return absl::StrCat(absl::StrJoin(head, ", "), " and ", names.back());
}

// The aws_s3_bucket_public_access_block to add for `resource`.
std::string TerraformBlockFix(const Resource& resource) {
  return absl::StrCat("add", TerraformModuleNote(resource.name),
                      ":\nresource \"aws_s3_bucket_public_access_block\" \"",
                      TerraformLabel(resource.name),
                      "\" {\n  bucket = ", TerraformRef(resource.name, "id"),
                      "\n"
                      "  block_public_acls       = true\n"
                      "  ignore_public_acls      = true\n"
                      "  block_public_policy     = true\n"
                      "  restrict_public_buckets = true\n"
                      "}\n");
}

bool Before(const SourceLocation& a, const SourceLocation& b) {
  return std::tie(a.line, a.column) < std::tie(b.line, b.column);
}

}  // namespace

std::vector<Finding> CheckS3PublicAccessBlock(const CheckContext& context,
                                              const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Bucket& bucket : model.buckets()) {
    if (bucket.resource >= model.resources().size()) continue;
    const Resource& resource = model.resources()[bucket.resource];
    const Spelling& spelling =
        resource.format == SourceFormat::kTerraform ? kTerraform : kCamelCase;
    const PublicAccessBlock& block = bucket.public_access_block;
    Finding finding = NewFinding(rule);
    finding.resource = resource.name;
    if (!block.present) {
      finding.location = resource.location;
      finding.message = absl::StrCat("bucket \"", resource.name, "\" has no ",
                                     spelling.configuration);
      finding.fix =
          IsTerraform(resource)
              ? TerraformBlockFix(resource)
              : absl::StrCat(
                    "add ", spelling.configuration, " with ",
                    JoinWithAnd({spelling.settings, spelling.settings + 4}),
                    " all set to true");
      findings.push_back(std::move(finding));
      continue;
    }
    const LocatedBool* settings[4] = {
        &block.block_public_acls, &block.ignore_public_acls,
        &block.block_public_policy, &block.restrict_public_buckets};
    std::vector<std::string> problems, names;
    const SourceLocation* first_false = nullptr;
    for (int i = 0; i < 4; ++i) {
      if (settings[i]->set && settings[i]->value) continue;
      names.push_back(spelling.settings[i]);
      problems.push_back(
          absl::StrCat(spelling.settings[i],
                       settings[i]->set ? " is false" : " is not set"));
      if (settings[i]->set && settings[i]->location.known() &&
          (first_false == nullptr ||
           Before(settings[i]->location, *first_false))) {
        first_false = &settings[i]->location;
      }
    }
    if (problems.empty()) continue;
    if (first_false != nullptr) {
      finding.location = *first_false;
    } else {
      finding.location =
          block.location.known() ? block.location : resource.location;
    }
    finding.message = absl::StrCat(
        "bucket \"", resource.name,
        "\" does not block all public access: ", absl::StrJoin(problems, ", "));
    finding.fix = absl::StrCat("set ", JoinWithAnd(names), " to true in ",
                               spelling.configuration);
    if (IsTerraform(resource)) {
      finding.fix = "set ";
      for (size_t i = 0; i < names.size(); ++i) {
        absl::StrAppend(&finding.fix, i == 0 ? "" : "; ", names[i], " = true");
      }
      absl::StrAppend(&finding.fix, " in the ", spelling.configuration,
                      " with bucket = ", TerraformRef(resource.name, "id"),
                      TerraformModuleNote(resource.name));
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace polygraph::rules::internal
