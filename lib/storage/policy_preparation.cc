// Replaces unresolved template expressions in a bucket policy so that the
// Authorizer can compile it.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "storage/internal.h"

namespace polygraph::storage::internal {
namespace {

using ::polygraph::internal::ToAbsl;

std::string Replacement(std::string_view name, std::string_view logical_id,
                        std::string_view bucket_name, std::string_view other) {
  if (!logical_id.empty() && name == logical_id)
    return std::string(bucket_name);
  if (!logical_id.empty() && name == absl::StrCat(ToAbsl(logical_id), ".Arn")) {
    return absl::StrCat("arn:aws:s3:::", ToAbsl(bucket_name));
  }
  if (name == "AWS::AccountId") return std::string(kOwnerAccount);
  if (name == "AWS::Partition") return "aws";
  if (name == "AWS::Region") return "us-east-1";
  if (name == "AWS::URLSuffix") return "amazonaws.com";
  return std::string(other);
}

// The value to use for an unresolved condition value, by operator: one the
// operator can read, fixed (a parameter is a value the owner chose).
std::string ConditionPlaceholder(std::string_view op) {
  std::string lower = absl::AsciiStrToLower(ToAbsl(op));
  if (absl::StrContains(lower, "ipaddress")) return "192.0.2.0/24";
  if (absl::StrContains(lower, "numeric")) return "0";
  if (absl::StrContains(lower, "date")) return "1970-01-01T00:00:00Z";
  if (absl::StrContains(lower, "bool") || absl::StrContains(lower, "null")) {
    return "true";
  }
  return "polygraph-unresolved";
}

void Resolve(iam::LocatedString& text, std::string_view logical_id,
             std::string_view bucket_name, std::string_view other) {
  if (!text.symbolic) return;
  text.value = Substitute(text.value, logical_id, bucket_name, other);
  text.symbolic = false;
}

}  // namespace

std::string Substitute(std::string_view text, std::string_view logical_id,
                       std::string_view bucket_name, std::string_view other) {
  std::string out;
  size_t position = 0;
  while (position < text.size()) {
    size_t open = text.find("${", position);
    size_t close =
        open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) {
      absl::StrAppend(&out, ToAbsl(text.substr(position)));
      break;
    }
    absl::StrAppend(&out, ToAbsl(text.substr(position, open - position)),
                    Replacement(text.substr(open + 2, close - open - 2),
                                logical_id, bucket_name, other));
    position = close + 1;
  }
  return out;
}

std::string AskedBucketName(const Bucket& bucket, std::string_view logical_id) {
  if (bucket.bucket_name.empty()) {
    return absl::AsciiStrToLower(ToAbsl(logical_id));
  }
  return Substitute(bucket.bucket_name, /*logical_id=*/"", /*bucket_name=*/"",
                    /*other=*/"x");
}

iam::Policy PreparePolicy(const iam::Policy& policy,
                          std::string_view logical_id,
                          std::string_view bucket_name) {
  iam::Policy prepared = policy;
  for (iam::Statement& statement : prepared.statements) {
    for (iam::LocatedString& action : statement.actions) {
      Resolve(action, logical_id, bucket_name, "polygraph-unresolved");
    }
    for (iam::LocatedString& resource : statement.resources) {
      Resolve(resource, logical_id, bucket_name, "*");
    }
    for (iam::Principal& principal : statement.principals) {
      Resolve(principal.value, logical_id, bucket_name, "polygraph-unresolved");
      // A principal that was an expression names one principal the owner
      // chose; make sure it stays a well-formed, fixed one.
      if (principal.value.value.find("polygraph-unresolved") !=
          std::string::npos) {
        principal.value.value =
            principal.type == "Service"
                ? "unresolved.amazonaws.com"
                : absl::StrCat("arn:aws:iam::", ToAbsl(kOwnerAccount),
                               ":role/polygraph-unresolved");
      }
    }
    for (iam::Condition& condition : statement.conditions) {
      for (iam::LocatedString& value : condition.values) {
        if (!value.symbolic) continue;
        std::string placeholder = ConditionPlaceholder(condition.op);
        bool readable_text = placeholder == "polygraph-unresolved";
        Resolve(value, logical_id, bucket_name, placeholder);
        if (!readable_text) value.value = placeholder;
      }
    }
  }
  return prepared;
}

std::optional<iam::Policy> BucketPolicy(const Model& model,
                                        const Bucket& bucket,
                                        std::string_view logical_id,
                                        std::string_view bucket_name) {
  std::vector<const PolicyDocument*> documents;
  for (const PolicyDocument& document : model.policies()) {
    if (document.kind == iam::PolicyKind::kResource &&
        document.owner == bucket.resource && document.owner != kNoResource) {
      documents.push_back(&document);
    }
  }
  return BucketPolicy(documents, logical_id, bucket_name);
}

std::optional<iam::Policy> BucketPolicy(
    const std::vector<const PolicyDocument*>& documents,
    std::string_view logical_id, std::string_view bucket_name) {
  std::optional<iam::Policy> merged;
  for (const PolicyDocument* document : documents) {
    iam::Policy prepared =
        PreparePolicy(document->policy, logical_id, bucket_name);
    if (!merged.has_value()) {
      merged.emplace();
      merged->location = prepared.location;
    }
    for (iam::Statement& statement : prepared.statements) {
      merged->statements.push_back(std::move(statement));
    }
  }
  if (merged.has_value()) merged->version = "2012-10-17";
  return merged;
}

std::vector<std::vector<const PolicyDocument*>> ResourcePoliciesByOwner(
    const Model& model) {
  std::vector<std::vector<const PolicyDocument*>> by_owner(
      model.resources().size());
  for (const PolicyDocument& document : model.policies()) {
    if (document.kind == iam::PolicyKind::kResource &&
        document.owner < by_owner.size()) {
      by_owner[document.owner].push_back(&document);
    }
  }
  return by_owner;
}

iam::Policy AllowEverything() {
  iam::Policy policy;
  policy.version = "2012-10-17";
  iam::Statement statement;
  statement.actions.push_back({"*", {}, false});
  statement.resources.push_back({"*", {}, false});
  statement.has_resource = true;
  policy.statements.push_back(std::move(statement));
  return policy;
}

}  // namespace polygraph::storage::internal
