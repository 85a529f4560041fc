// PG-CF-001 and PG-CF-002: whether CloudFront can read a distribution's S3
// origin, and whether other distributions can too, decided with
// iam::Authorizer over the origin bucket's policy. An origin reads its bucket
// in one of three ways:
//   - Origin Access Control: CloudFront signs as the service principal
//     cloudfront.amazonaws.com with aws:SourceArn the distribution's ARN;
//   - a legacy origin access identity (OAI): CloudFront signs as the OAI,
//     "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <id>",
//     which a bucket policy names by that ARN or by its canonical user id;
//   - neither: CloudFront's requests are anonymous.
// Template expressions get placeholder ids: a distribution's or an OAI's
// Ref/Id is its logical id in upper case, an OAI's S3CanonicalUserId a
// placeholder that maps back to the OAI, so that "${CDN}" in a policy and the
// ARN asked agree.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "polygraph/diagnostic.h"
#include "polygraph/iam_decision.h"
#include "polygraph/source_location.h"
#include "polygraph/storage_exposure.h"
#include "rules/check_registry.h"
#include "rules/checks/cdn_internal.h"
#include "rules/checks/checks.h"
#include "rules/checks/terraform_fix.h"
#include "storage/internal.h"

namespace polygraph::rules::internal {
namespace {

using ::polygraph::internal::ToAbsl;

constexpr std::string_view kCloudFront = "cloudfront.amazonaws.com";
constexpr std::string_view kOaiArnPrefix =
    "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ";
constexpr std::string_view kCanonicalPrefix = "polygraph-canonical-user-";

std::string DistributionArn(std::string_view account, std::string_view id) {
  return absl::StrCat("arn:aws:cloudfront::", ToAbsl(account), ":distribution/",
                      ToAbsl(id));
}

// The id a distribution or an OAI is given in the analysis: its logical id
// in upper case.
std::string PlaceholderId(std::string_view logical_id) {
  return absl::AsciiStrToUpper(ToAbsl(logical_id));
}

std::string OaiArn(std::string_view id) {
  return absl::StrCat(ToAbsl(kOaiArnPrefix), ToAbsl(id));
}

// `policy` with every distribution's and OAI's Ref and GetAtt Id replaced by
// its placeholder id, and an OAI's GetAtt S3CanonicalUserId by a placeholder
// that ResolveCanonicalUsers maps to the OAI; other expressions are left for
// storage::PreparePolicy.
iam::Policy WithPlaceholderIds(const Model& model, iam::Policy policy) {
  std::vector<std::pair<std::string, std::string>> replacements;
  for (const Resource& resource : model.resources()) {
    if (resource.kind != ResourceKind::kDistribution &&
        resource.kind != ResourceKind::kOriginAccessIdentity) {
      continue;
    }
    const std::string id = PlaceholderId(resource.name);
    replacements.push_back({absl::StrCat("${", resource.name, "}"), id});
    replacements.push_back({absl::StrCat("${", resource.name, ".Id}"), id});
    replacements.push_back(
        {absl::StrCat("${", resource.name, ".S3CanonicalUserId}"),
         absl::StrCat(ToAbsl(kCanonicalPrefix), id)});
  }
  auto replace = [&](iam::LocatedString& text) {
    if (text.symbolic)
      text.value = absl::StrReplaceAll(text.value, replacements);
  };
  for (iam::Statement& statement : policy.statements) {
    for (iam::LocatedString& resource : statement.resources) replace(resource);
    for (iam::Principal& principal : statement.principals) {
      replace(principal.value);
    }
    for (iam::Condition& condition : statement.conditions) {
      for (iam::LocatedString& value : condition.values) replace(value);
    }
  }
  return policy;
}

// A CanonicalUser principal that is an OAI's S3CanonicalUserId names the
// same identity as the OAI's ARN: both become the ARN asked.
void ResolveCanonicalUsers(iam::Policy& policy) {
  for (iam::Statement& statement : policy.statements) {
    for (iam::Principal& principal : statement.principals) {
      std::string& value = principal.value.value;
      if (principal.type == "CanonicalUser" &&
          value.starts_with(kCanonicalPrefix)) {
        value = OaiArn(std::string_view(value).substr(kCanonicalPrefix.size()));
      }
    }
  }
}

// The OAI id an origin signs with: the placeholder of a declared OAI, or
// the id of a literal "origin-access-identity/cloudfront/<id>"; "" when it
// is an expression naming no declared OAI (noted when the model was read).
std::string OaiIdOf(const Model& model, const DistributionOrigin& origin) {
  if (origin.origin_access_identity_resource < model.resources().size()) {
    return PlaceholderId(
        CdnNameOf(model, origin.origin_access_identity_resource));
  }
  const std::string& text = origin.origin_access_identity;
  if (text.find("${") != std::string::npos) return "";
  return text.substr(text.rfind('/') + 1);
}

enum class Via { kOac, kOai, kAnonymous };

struct OriginAccess {
  Via via = Via::kOac;
  bool has_policy = false;
  bool compiled = false;
  absl::Status error;             // why the bucket policy did not compile
  bool allowed = false;           // this distribution can read
  bool any_distribution = false;  // OAC: a distribution of another account can
  SourceLocation statement;       // the statement that lets any one read
};

const Bucket* BucketOf(const Model& model, size_t bucket_resource) {
  for (const Bucket& bucket : model.buckets()) {
    if (bucket.resource == bucket_resource) return &bucket;
  }
  return nullptr;
}

// Whether `principal` (cloudfront.amazonaws.com signing for the distribution
// `own_arn`, or an OAI's ARN with `own_arn` empty) may s3:GetObject from the
// bucket `bucket_resource`. For the service principal, also whether a
// distribution of another account may.
OriginAccess Decide(const Model& model, size_t bucket_resource, Via via,
                    std::string_view principal, std::string_view own_arn) {
  OriginAccess access;
  access.via = via;
  const Bucket* bucket = BucketOf(model, bucket_resource);
  if (bucket == nullptr) return access;
  const std::string& logical_id = CdnNameOf(model, bucket_resource);
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
        WithPlaceholderIds(model, document.policy), logical_id, name);
    ResolveCanonicalUsers(prepared);
    for (iam::Statement& statement : prepared.statements) {
      merged.statements.push_back(std::move(statement));
    }
  }
  if (!access.has_policy) return access;
  iam::PolicySet policies;
  policies.resource_policy = merged;
  if (via == Via::kOai) {
    // The OAI is CloudFront's identity, in CloudFront's account: its own
    // side allows the read; the bucket policy decides.
    iam::Policy everything;
    everything.version = "2012-10-17";
    iam::Statement statement;
    statement.actions.push_back({"*", {}, false});
    statement.resources.push_back({"*", {}, false});
    statement.has_resource = true;
    everything.statements.push_back(std::move(statement));
    policies.identity.push_back(std::move(everything));
  }
  absl::StatusOr<iam::Authorizer> authorizer =
      iam::Authorizer::Compile(policies);
  if (!authorizer.ok()) {
    access.error = authorizer.status();
    return access;
  }
  access.compiled = true;
  // The objects asked: a default key, and one each statement names.
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
    request.principal = std::string(principal);
    request.action = "s3:GetObject";
    request.resource_account = std::string(storage::kOwnerAccount);
    request.context = {{"aws:SecureTransport", {"true"}}};
    if (!arn.empty()) {
      request.context["aws:SourceArn"] = {std::string(arn)};
      request.context["aws:SourceAccount"] = {std::string(account)};
    }
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
  // arn:aws:cloudfront::<account>:distribution/<id>
  std::vector<std::string> arn_parts = absl::StrSplit(ToAbsl(own_arn), ':');
  const std::string own_account =
      arn_parts.size() > 4 ? arn_parts[4] : std::string(storage::kOwnerAccount);
  access.allowed = allows(own_arn, own_account, nullptr);
  if (via == Via::kOac) {
    access.any_distribution =
        allows(DistributionArn(storage::kOutsiderAccount, "EPOLYGRAPHOTHER"),
               storage::kOutsiderAccount, &access.statement);
  }
  return access;
}

// Whether anonymous callers can read objects of `bucket_resource`; nullopt
// when its policy was not analysed (CheckContext reported it).
std::optional<bool> AnonymousRead(const CheckContext& context,
                                  size_t bucket_resource) {
  const Model& model = context.model();
  for (const storage::BucketExposure& exposure : context.bucket_exposures()) {
    if (model.buckets()[exposure.bucket].resource != bucket_resource) continue;
    if (!exposure.policy_error.empty()) return std::nullopt;
    return exposure
        .Get(storage::Audience::kAnonymous, storage::Access::kReadObjects)
        .effective();
  }
  return false;
}

void ReportPolicyError(const CheckContext& context, const absl::Status& error) {
  context.AddDiagnostic(
      {.level = Diagnostic::Level::kError,
       .code = "policy-not-analysed",
       .location = ErrorLocation(error).value_or(SourceLocation{}),
       .message = ErrorReason(error)});
}

// Calls `visit(distribution, origin, access)` for each origin on a declared
// bucket that reads it with OAC, with an OAI whose id is known, or
// anonymously (an S3 origin with neither; then `access.allowed` says whether
// the bucket is publicly readable). A bucket policy that does not compile is
// reported to `context` as a "policy-not-analysed" error and the origin is
// not visited.
template <typename Visit>
void ForEachS3Origin(const CheckContext& context, Visit visit) {
  const Model& model = context.model();
  for (const Distribution& distribution : model.distributions()) {
    if (distribution.resource >= model.resources().size()) continue;
    const std::string& name = CdnNameOf(model, distribution.resource);
    std::string arn =
        distribution.arn.empty()
            ? DistributionArn(storage::kOwnerAccount, PlaceholderId(name))
            : distribution.arn;
    for (const DistributionOrigin& origin : distribution.origins) {
      if (origin.bucket_resource >= model.resources().size()) continue;
      OriginAccess access;
      if (origin.has_origin_access_control) {
        access =
            Decide(model, origin.bucket_resource, Via::kOac, kCloudFront, arn);
      } else if (!origin.origin_access_identity.empty()) {
        std::string id = OaiIdOf(model, origin);
        if (id.empty()) continue;  // noted when the template was read
        access = Decide(model, origin.bucket_resource, Via::kOai, OaiArn(id),
                        /*own_arn=*/"");
      } else if (!origin.custom_origin) {
        std::optional<bool> open =
            AnonymousRead(context, origin.bucket_resource);
        if (!open.has_value()) continue;  // reported by the exposure analysis
        access.via = Via::kAnonymous;
        access.compiled = true;
        access.allowed = *open;
      } else {
        continue;  // a website endpoint: public by design, PG-S3-* decide it
      }
      if (access.has_policy && !access.compiled) {
        ReportPolicyError(context, access.error);
        continue;
      }
      visit(distribution, origin, access);
    }
  }
}

std::string OaiGrantFix(std::string_view bucket, std::string_view oai) {
  return absl::StrCat(
      "allow the origin access identity in the bucket policy of ",
      ToAbsl(bucket),
      ":\n"
      "          - Sid: AllowCloudFrontOAI\n"
      "            Effect: Allow\n"
      "            Principal:\n"
      "              CanonicalUser: !GetAtt ",
      ToAbsl(oai.empty() ? std::string_view("<OAI>") : oai),
      ".S3CanonicalUserId\n"
      "            Action: s3:GetObject\n"
      "            Resource: !Sub '${",
      ToAbsl(bucket),
      ".Arn}/*'\n"
      "or better, move the origin to Origin Access Control (PG-CF-006)");
}

std::string TerraformOaiGrantFix(std::string_view bucket,
                                 std::string_view oai) {
  return absl::StrCat(
      "allow the origin access identity in the aws_s3_bucket_policy of ",
      ToAbsl(bucket), TerraformModuleNote(bucket),
      ":\n"
      "{\n"
      "  Sid       = \"AllowCloudFrontOAI\"\n"
      "  Effect    = \"Allow\"\n"
      "  Principal = { AWS = ",
      oai.empty()
          ? std::string("aws_cloudfront_origin_access_identity.<name>.iam_arn")
          : TerraformRef(oai, "iam_arn"),
      " }\n"
      "  Action    = \"s3:GetObject\"\n"
      "  Resource  = \"${",
      TerraformRef(bucket, "arn"),
      "}/*\"\n"
      "},\n"
      "or better, move the origin to Origin Access Control (PG-CF-006)");
}

}  // namespace

const std::string& CdnNameOf(const Model& model, size_t resource) {
  return model.resources()[resource].name;
}

bool CdnHasBucketPolicy(const Model& model, size_t bucket_resource) {
  for (const PolicyDocument& document : model.policies()) {
    if (document.kind == iam::PolicyKind::kResource &&
        document.owner == bucket_resource) {
      return true;
    }
  }
  return false;
}

std::string CdnOacFix(std::string_view bucket, std::string_view cdn,
                      bool with_oac, bool has_policy) {
  const std::string allow = absl::StrCat(
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
  std::string fix;
  if (has_policy) {
    fix = absl::StrCat("add this statement to the bucket policy of ",
                       ToAbsl(bucket), ":\n", allow);
  } else {
    // A new policy also denies requests without TLS (PG-S3-009).
    fix =
        absl::StrCat("add this bucket policy to Resources:\n  ", ToAbsl(bucket),
                     "Policy:\n"
                     "    Type: AWS::S3::BucketPolicy\n"
                     "    Properties:\n"
                     "      Bucket: !Ref ",
                     ToAbsl(bucket),
                     "\n"
                     "      PolicyDocument:\n"
                     "        Version: '2012-10-17'\n"
                     "        Statement:\n",
                     allow,
                     "          - Sid: DenyInsecureTransport\n"
                     "            Effect: Deny\n"
                     "            Principal: '*'\n"
                     "            Action: 's3:*'\n"
                     "            Resource:\n"
                     "              - !GetAtt ",
                     ToAbsl(bucket),
                     ".Arn\n"
                     "              - !Sub '${",
                     ToAbsl(bucket),
                     ".Arn}/*'\n"
                     "            Condition:\n"
                     "              Bool:\n"
                     "                aws:SecureTransport: 'false'\n");
  }
  if (!with_oac) return fix;
  return absl::StrCat(fix, "with an Origin Access Control:\n  ", ToAbsl(bucket),
                      "OAC:\n"
                      "    Type: AWS::CloudFront::OriginAccessControl\n"
                      "    Properties:\n"
                      "      OriginAccessControlConfig:\n"
                      "        Name: ",
                      ToAbsl(bucket),
                      "-oac\n"
                      "        OriginAccessControlOriginType: s3\n"
                      "        SigningBehavior: always\n"
                      "        SigningProtocol: sigv4\n"
                      "and on the origin:\n"
                      "            OriginAccessControlId: !Ref ",
                      ToAbsl(bucket),
                      "OAC\n"
                      "            S3OriginConfig:\n"
                      "              OriginAccessIdentity: ''\n");
}

std::vector<Finding> CheckCdnOriginAccess(const CheckContext& context,
                                          const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  ForEachS3Origin(context, [&](const Distribution& distribution,
                               const DistributionOrigin& origin,
                               const OriginAccess& access) {
    if (access.allowed) return;
    const std::string& cdn = CdnNameOf(model, distribution.resource);
    const std::string& bucket = CdnNameOf(model, origin.bucket_resource);
    const bool terraform =
        IsTerraform(model.resources()[origin.bucket_resource]);
    Finding finding = NewFinding(rule);
    finding.resource = cdn;
    finding.location = origin.location.known()
                           ? origin.location
                           : model.resources()[distribution.resource].location;
    std::string reason;
    switch (access.via) {
      case Via::kOac:
        reason = access.has_policy
                     ? ": the bucket policy does not allow s3:GetObject to "
                       "cloudfront.amazonaws.com for this distribution's ARN"
                     : ": no bucket policy allows cloudfront.amazonaws.com";
        finding.fix =
            terraform
                ? TerraformOacFix(bucket, cdn, /*with_oac=*/false,
                                  access.has_policy)
                : CdnOacFix(bucket, cdn, /*with_oac=*/false, access.has_policy);
        break;
      case Via::kOai: {
        std::string oai =
            origin.origin_access_identity_resource < model.resources().size()
                ? CdnNameOf(model, origin.origin_access_identity_resource)
                : "";
        reason = absl::StrCat(
            access.has_policy ? ": the bucket policy does not allow "
                                "s3:GetObject to its origin access identity "
                              : ": no bucket policy allows its origin access "
                                "identity ",
            oai.empty() ? origin.origin_access_identity : oai);
        finding.fix = terraform ? TerraformOaiGrantFix(bucket, oai)
                                : OaiGrantFix(bucket, oai);
        break;
      }
      case Via::kAnonymous:
        reason =
            ": the origin has neither Origin Access Control nor an origin "
            "access identity, so CloudFront reads anonymously, and the bucket "
            "does not allow anonymous reads";
        finding.fix = (terraform ? TerraformOacFix : CdnOacFix)(
            bucket, cdn, /*with_oac=*/true,
            CdnHasBucketPolicy(model, origin.bucket_resource));
        break;
    }
    finding.message = absl::StrCat("distribution ", cdn,
                                   " cannot read its origin ", bucket, reason);
    findings.push_back(std::move(finding));
  });
  return findings;
}

std::vector<Finding> CheckCdnAnyDistribution(const CheckContext& context,
                                             const RuleInfo& rule) {
  const Model& model = context.model();
  std::vector<Finding> findings;
  std::vector<size_t> reported;
  ForEachS3Origin(context, [&](const Distribution&,
                               const DistributionOrigin& origin,
                               const OriginAccess& access) {
    if (access.via != Via::kOac || !access.any_distribution) return;
    for (size_t done : reported) {
      if (done == origin.bucket_resource) return;
    }
    reported.push_back(origin.bucket_resource);
    const std::string& bucket = CdnNameOf(model, origin.bucket_resource);
    Finding finding = NewFinding(rule);
    finding.resource = bucket;
    finding.location = access.statement.known()
                           ? access.statement
                           : model.resources()[origin.bucket_resource].location;
    finding.message = absl::StrCat(
        "bucket policy lets any CloudFront distribution read ", bucket);
    finding.fix =
        IsTerraform(model.resources()[origin.bucket_resource])
            ? absl::StrCat(
                  "add Condition = { StringEquals = { \"AWS:SourceArn\" = "
                  "aws_cloudfront_distribution.<name>.arn } } to the statement "
                  "in the aws_s3_bucket_policy of ",
                  bucket, TerraformModuleNote(bucket),
                  " (in an aws_iam_policy_document: condition { test = "
                  "\"StringEquals\" variable = \"AWS:SourceArn\" values = "
                  "[aws_cloudfront_distribution.<name>.arn] })")
            : "add Condition StringEquals AWS:SourceArn !Sub "
              "'arn:aws:cloudfront::${AWS::AccountId}:distribution/"
              "${<Distribution>}' "
              "to the statement";
    findings.push_back(std::move(finding));
  });
  return findings;
}

}  // namespace polygraph::rules::internal
