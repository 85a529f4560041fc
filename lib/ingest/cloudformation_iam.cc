// IAM policy facets of a CloudFormation template.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_context.h"
#include "ingest/cloudformation_facets.h"
#include "polygraph/iam_policy.h"

namespace polygraph::ingest {
namespace {

// The text of a name property: its literal or resolved value, else the
// rendering of its expression.
std::string NameText(const TemplateContext& context, const Value& value) {
  if (const Value* resolved = context.Resolve(value)) return resolved->text;
  return iam::RenderSymbolic(value);
}

absl::Status AddPolicy(TemplateContext& context, const Value& document,
                       std::string_view element, size_t owner, std::string name,
                       iam::PolicyKind kind) {
  if (iam::AsTemplateExpression(document).has_value()) {
    context.NoteSymbolic(element, document, "the policy is not analysed");
    return absl::OkStatus();
  }
  if (document.is_string()) {
    context.Note("not-analysed", document.location,
                 absl::StrCat(absl::string_view(element.data(), element.size()),
                              " is given as a JSON string; the policy is not "
                              "analysed"));
    return absl::OkStatus();
  }
  absl::StatusOr<iam::Policy> policy =
      iam::ParsePolicy(document, {.kind = kind});
  if (!policy.ok()) return policy.status();
  PolicyDocument policy_document;
  policy_document.owner = owner;
  policy_document.name = std::move(name);
  policy_document.kind = kind;
  policy_document.policy = *std::move(policy);
  context.builder.AddPolicy(std::move(policy_document));
  return absl::OkStatus();
}

// The Policies property of a role, user or group: [{PolicyName,
// PolicyDocument}, ...].
absl::Status AddInlinePolicies(TemplateContext& context,
                               const Declaration& declaration) {
  const Value* policies = declaration.properties->Find("Policies");
  if (policies == nullptr) return absl::OkStatus();
  return ForEachListEntry(
      *policies, "Policies", context, [&](const Value& entry) -> absl::Status {
        if (!entry.is_object()) {
          return InputError(
              entry.location,
              absl::StrCat("a Policies entry must be an object, found ",
                           std::string(Value::KindName(entry.kind))));
        }
        const Value* document = entry.Find("PolicyDocument");
        if (document == nullptr) {
          return InputError(entry.location,
                            "a Policies entry has no PolicyDocument");
        }
        const Value* name = entry.Find("PolicyName");
        return AddPolicy(context, *document, "PolicyDocument",
                         declaration.index,
                         name == nullptr ? "" : NameText(context, *name),
                         iam::PolicyKind::kIdentity);
      });
}

// The PolicyDocument property of a policy resource, named by `name_key`.
absl::Status AddPolicyResource(TemplateContext& context,
                               const Declaration& declaration,
                               std::string_view name_key, size_t owner,
                               iam::PolicyKind kind) {
  const Value& properties = *declaration.properties;
  const Value* document = properties.Find("PolicyDocument");
  if (document == nullptr) {
    return InputError(
        declaration.location,
        absl::StrCat(declaration.type, " \"", declaration.logical_id,
                     "\" has no PolicyDocument"));
  }
  const Value* name = properties.Find(name_key);
  return AddPolicy(
      context, *document, "PolicyDocument", owner,
      name == nullptr ? declaration.logical_id : NameText(context, *name),
      kind);
}

absl::Status AddFacets(TemplateContext& context,
                       const Declaration& declaration) {
  const std::string& type = declaration.type;
  const Value& properties = *declaration.properties;
  if (type == "AWS::IAM::Role") {
    if (const Value* trust = properties.Find("AssumeRolePolicyDocument")) {
      if (absl::Status s = AddPolicy(
              context, *trust, "AssumeRolePolicyDocument", declaration.index,
              "AssumeRolePolicyDocument", iam::PolicyKind::kTrust);
          !s.ok()) {
        return s;
      }
    }
    return AddInlinePolicies(context, declaration);
  }
  if (type == "AWS::IAM::User" || type == "AWS::IAM::Group") {
    return AddInlinePolicies(context, declaration);
  }
  if (type == "AWS::IAM::ManagedPolicy") {
    return AddPolicyResource(context, declaration, "ManagedPolicyName",
                             declaration.index, iam::PolicyKind::kIdentity);
  }
  if (type == "AWS::IAM::Policy" || type == "AWS::IAM::RolePolicy" ||
      type == "AWS::IAM::UserPolicy" || type == "AWS::IAM::GroupPolicy") {
    return AddPolicyResource(context, declaration, "PolicyName",
                             declaration.index, iam::PolicyKind::kIdentity);
  }
  if (type == "AWS::S3::BucketPolicy") {
    size_t owner = declaration.index;
    if (const Value* bucket = properties.Find("Bucket")) {
      size_t target = context.ReferencedResource(*bucket);
      if (target == kNoResource && bucket->is_string()) {
        target = context.BucketNamed(bucket->text);  // a literal BucketName
      }
      if (target != kNoResource &&
          context.KindOf(target) == ResourceKind::kBucket) {
        owner = target;
      }
    }
    return AddPolicyResource(context, declaration, "PolicyName", owner,
                             iam::PolicyKind::kResource);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AddIamFacets(TemplateContext& context) {
  for (const Declaration& declaration : context.declarations) {
    if (declaration.properties == nullptr ||
        !declaration.properties->is_object()) {
      continue;
    }
    if (absl::Status s = AddFacets(context, declaration); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
