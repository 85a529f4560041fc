// PG-CF-001..005: CloudFront distributions, their S3 origins' bucket policies
// (decided with iam::Authorizer) and their viewer settings.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "base/strings.h"
#include "polygraph/diagnostic.h"
#include "polygraph/iam_decision.h"
#include "polygraph/source_location.h"
#include "polygraph/storage_exposure.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "storage/internal.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::internal::ToAbsl;

constexpr std::string_view kCloudFront = "cloudfront.amazonaws.com";

std::string DistributionArn(std::string_view account, std::string_view id) {
  return absl::StrCat("arn:aws:cloudfront::", ToAbsl(account), ":distribution/",
                      ToAbsl(id));
}

// The id a distribution is given in the analysis: its logical id in upper
// case. A bucket policy's "${CDN}" or "${CDN.Id}" becomes the same id.
std::string PlaceholderId(std::string_view logical_id) {
  return absl::AsciiStrToUpper(ToAbsl(logical_id));
}

// `policy` with every distribution's Ref and GetAtt Id replaced by its
// placeholder id; other expressions are left for storage::PreparePolicy.
iam::Policy WithDistributionIds(const Model& model, iam::Policy policy) {
  std::vector<std::pair<std::string, std::string>> replacements;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    const std::string& name = model.resources()[distribution.resource].name;
    replacements.push_back(
        {absl::StrCat("${", name, "}"), PlaceholderId(name)});
    replacements.push_back(
        {absl::StrCat("${", name, ".Id}"), PlaceholderId(name)});
  }
  auto replace = [&](iam::LocatedString& text) {
    if (text.symbolic)
      text.value = absl::StrReplaceAll(text.value, replacements);
  };
  for (iam::Statement& statement : policy.statements) {
    for (iam::LocatedString& resource : statement.resources) replace(resource);
    for (iam::Condition& condition : statement.conditions) {
      for (iam::LocatedString& value : condition.values) replace(value);
    }
  }
  return policy;
}

struct OriginAccess {
  bool has_policy = false;
  bool compiled = false;
  absl::Status error;             // why the bucket policy did not compile
  bool allowed = false;           // this distribution can read
  bool any_distribution = false;  // a distribution of another account can
  SourceLocation statement;       // the statement that lets any one read
};

// Whether CloudFront, signing for the distribution with `source_arn` in
// `account`, may s3:GetObject from the bucket `bucket_resource`.
OriginAccess Decide(const Model& model, size_t bucket_resource,
                    std::string_view own_arn) {
  OriginAccess access;
  const Bucket* bucket = nullptr;
  for (const Bucket& b : model.buckets()) {
    if (b.resource == bucket_resource) bucket = &b;
  }
  if (bucket == nullptr) return access;
  const std::string& logical_id = model.resources()[bucket_resource].name;
  std::string name = storage::internal::AskedBucketName(*bucket, logical_id);
  std::string bucket_arn = absl::StrCat("arn:aws:s3:::", name);
  iam::Policy merged;
  merged.version = "2012-10-17";
  for (const PolicyDocument& document : model.policies()) {
    if (document.kind != iam::PolicyKind::kResource ||
        document.owner != bucket_resource) {
      continue;
    }
    access.has_policy = true;
    iam::Policy prepared = storage::internal::PreparePolicy(
        WithDistributionIds(model, document.policy), logical_id, name);
    for (iam::Statement& statement : prepared.statements) {
      merged.statements.push_back(std::move(statement));
    }
  }
  if (!access.has_policy) return access;
  iam::PolicySet policies;
  policies.resource_policy = merged;
  absl::StatusOr<iam::Authorizer> authorizer =
      iam::Authorizer::Compile(policies);
  if (!authorizer.ok()) {
    access.error = authorizer.status();
    return access;
  }
  access.compiled = true;
  // The objects asked: a default key, and one each Allow statement names.
  std::vector<std::string> objects = {
      absl::StrCat(bucket_arn, "/polygraph/probe.txt")};
  for (const iam::Statement& statement : merged.statements) {
    for (const iam::LocatedString& resource : statement.resources) {
      std::string object = resource.value;
      for (char& c : object) {
        if (c == '*' || c == '?') c = 'x';
      }
      if (object.starts_with(bucket_arn + "/")) objects.push_back(object);
    }
  }
  auto allows = [&](std::string_view arn, std::string_view account,
                    SourceLocation* where) {
    iam::Request request;
    request.principal = std::string(kCloudFront);
    request.action = "s3:GetObject";
    request.resource_account = std::string(storage::kOwnerAccount);
    request.context = {{"aws:SourceArn", {std::string(arn)}},
                       {"aws:SourceAccount", {std::string(account)}},
                       {"aws:SecureTransport", {"true"}}};
    for (const std::string& object : objects) {
      request.resource = object;
      iam::Decision decision = authorizer->Decide(request);
      if (decision.kind != iam::DecisionKind::kAllow) continue;
      if (where != nullptr && !decision.statements.empty()) {
        *where = decision.statements.front().location;
      }
      return true;
    }
    return false;
  };
  access.allowed = allows(own_arn, storage::kOwnerAccount, nullptr);
  access.any_distribution =
      allows(DistributionArn(storage::kOutsiderAccount, "EPOLYGRAPHOTHER"),
             storage::kOutsiderAccount, &access.statement);
  return access;
}

void ReportPolicyError(const CheckContext& context, const absl::Status& error) {
  context.AddDiagnostic(
      {.level = Diagnostic::Level::kError,
       .code = "policy-not-analysed",
       .location = ErrorLocation(error).value_or(SourceLocation{}),
       .message = ErrorReason(error)});
}

std::string BucketPolicyFix(std::string_view bucket, std::string_view cdn) {
  return absl::StrCat("add this bucket policy to Resources:\n  ",
                      ToAbsl(bucket),
                      "Policy:\n"
                      "    Type: AWS::S3::BucketPolicy\n"
                      "    Properties:\n"
                      "      Bucket: !Ref ",
                      ToAbsl(bucket),
                      "\n"
                      "      PolicyDocument:\n"
                      "        Version: '2012-10-17'\n"
                      "        Statement:\n"
                      "          - Sid: AllowCloudFrontOAC\n"
                      "            Effect: Allow\n"
                      "            Principal:\n"
                      "              Service: cloudfront.amazonaws.com\n"
                      "            Action: s3:GetObject\n"
                      "            Resource: !Sub '${",
                      ToAbsl(bucket),
                      ".Arn}/*'\n"
                      "            Condition:\n"
                      "              StringEquals:\n"
                      "                AWS:SourceArn: !Sub "
                      "'arn:aws:cloudfront::${AWS::AccountId}:distribution/${",
                      ToAbsl(cdn), "}'\n");
}

// Calls `visit(distribution, origin, access)` for each OAC origin on a
// declared bucket. A bucket policy that does not compile is reported to
// `context` as a "policy-not-analysed" error and the origin is not visited.
template <typename Visit>
void ForEachOacOrigin(const CheckContext& context, Visit visit) {
  const Model& model = context.model();
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    const std::string& name = model.resources()[distribution.resource].name;
    std::string arn =
        DistributionArn(storage::kOwnerAccount, PlaceholderId(name));
    for (const DistributionOrigin& origin : distribution.origins) {
      if (origin.bucket_resource >= model.resources().size() ||
          !origin.has_origin_access_control) {
        continue;
      }
      OriginAccess access = Decide(model, origin.bucket_resource, arn);
      if (access.has_policy && !access.compiled) {
        ReportPolicyError(context, access.error);
        continue;
      }
      visit(distribution, origin, access);
    }
  }
}

const std::string& NameOf(const Model& model, size_t resource) {
  return model.resources()[resource].name;
}

bool OlderThanTls12_2021(std::string_view version) {
  for (std::string_view old : {"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016",
                               "TLSv1.2_2018", "TLSv1.2_2019"}) {
    if (version == old) return true;
  }
  return false;
}

}  // namespace

std::vector<Finding> CheckCdnOriginAccess(const CheckContext& context,
                                          const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  ForEachOacOrigin(context, [&](const Distribution& distribution,
                                const DistributionOrigin& origin,
                                const OriginAccess& access) {
    if (access.allowed) return;
    const std::string& cdn = NameOf(model, distribution.resource);
    const std::string& bucket = NameOf(model, origin.bucket_resource);
    Finding finding = NewFinding(rule);
    finding.resource = cdn;
    finding.location = origin.location.known()
                           ? origin.location
                           : model.resources()[distribution.resource].location;
    finding.message = absl::StrCat(
        "distribution ", cdn, " cannot read its origin ", bucket,
        access.has_policy
            ? ": the bucket policy does not allow s3:GetObject to "
              "cloudfront.amazonaws.com for this distribution's ARN"
            : ": no bucket policy allows cloudfront.amazonaws.com");
    finding.fix = BucketPolicyFix(bucket, cdn);
    findings.push_back(std::move(finding));
  });
  return findings;
}

std::vector<Finding> CheckCdnAnyDistribution(const CheckContext& context,
                                             const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  std::vector<size_t> reported;
  ForEachOacOrigin(context, [&](const Distribution&,
                                const DistributionOrigin& origin,
                                const OriginAccess& access) {
    if (!access.any_distribution) return;
    for (size_t done : reported) {
      if (done == origin.bucket_resource) return;
    }
    reported.push_back(origin.bucket_resource);
    const std::string& bucket = NameOf(model, origin.bucket_resource);
    Finding finding = NewFinding(rule);
    finding.resource = bucket;
    finding.location = access.statement.known()
                           ? access.statement
                           : model.resources()[origin.bucket_resource].location;
    finding.message = absl::StrCat(
        "bucket policy lets any CloudFront distribution read ", bucket);
    finding.fix =
        "add Condition StringEquals AWS:SourceArn !Sub "
        "'arn:aws:cloudfront::${AWS::AccountId}:distribution/"
        "${<Distribution>}' "
        "to the statement";
    findings.push_back(std::move(finding));
  });
  return findings;
}

std::vector<Finding> CheckCdnViewerProtocol(const CheckContext& context,
                                            const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    for (const CacheBehavior& behavior : distribution.behaviors) {
      if (behavior.viewer_protocol_policy != "allow-all") continue;
      Finding finding = NewFinding(rule);
      finding.resource = NameOf(model, distribution.resource);
      finding.location = behavior.viewer_protocol_policy_location;
      finding.message = absl::StrCat(
          "distribution ", finding.resource, " serves ",
          behavior.is_default ? std::string("its default behavior")
                              : absl::StrCat("path ", behavior.path_pattern),
          " over plain HTTP: ViewerProtocolPolicy allow-all");
      finding.fix =
          "set ViewerProtocolPolicy redirect-to-https (or https-only)";
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

std::vector<Finding> CheckCdnTlsPolicy(const CheckContext& context,
                                       const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    const Resource& resource = model.resources()[distribution.resource];
    Finding finding = NewFinding(rule);
    finding.resource = resource.name;
    finding.fix =
        "use an ACM certificate (AcmCertificateArn) with SslSupportMethod "
        "sni-only and MinimumProtocolVersion TLSv1.2_2021";
    if (!distribution.has_viewer_certificate ||
        (distribution.cloudfront_default_certificate.set &&
         distribution.cloudfront_default_certificate.value)) {
      finding.location =
          distribution.cloudfront_default_certificate.set
              ? distribution.cloudfront_default_certificate.location
              : resource.location;
      finding.message = absl::StrCat(
          "distribution ", resource.name,
          " uses the CloudFront default certificate, which accepts TLSv1");
    } else if (OlderThanTls12_2021(distribution.minimum_protocol_version)) {
      finding.location = distribution.minimum_protocol_version_location;
      finding.message = absl::StrCat("distribution ", resource.name,
                                     " accepts TLS older than TLSv1.2_2021: "
                                     "MinimumProtocolVersion ",
                                     distribution.minimum_protocol_version);
    } else if (distribution.minimum_protocol_version.empty() &&
               !distribution.minimum_protocol_version_location.known()) {
      finding.location = distribution.viewer_certificate_location;
      finding.message = absl::StrCat(
          "distribution ", resource.name,
          " sets no MinimumProtocolVersion; CloudFront's default is TLSv1");
    } else {
      continue;
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> CheckCdnCompress(const CheckContext& context,
                                      const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    for (const CacheBehavior& behavior : distribution.behaviors) {
      if (behavior.compress.set && behavior.compress.value) continue;
      Finding finding = NewFinding(rule);
      finding.resource = NameOf(model, distribution.resource);
      finding.location = behavior.compress.set ? behavior.compress.location
                                               : behavior.location;
      finding.message = absl::StrCat(
          "distribution ", finding.resource, " does not compress ",
          behavior.is_default ? std::string("its default behavior")
                              : absl::StrCat("path ", behavior.path_pattern),
          behavior.compress.set ? ": Compress false" : ": Compress not set");
      finding.fix = "set Compress: true";
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

}  // namespace polygraph::rules::internal
