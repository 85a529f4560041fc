#include "ingest/iam_policy_file.h"

#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "polygraph/iam_policy.h"

namespace polygraph::ingest {
namespace {

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// "policies/admin.json" -> "admin"; "a.b.json" -> "a.b"; ".json" -> ".json".
std::string Stem(const std::string& path) {
  std::string base = BaseName(path);
  size_t dot = base.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

iam::PolicyKind InferKind(const iam::Policy& policy) {
  bool any_principal = false;
  bool any_resource = false;
  for (const iam::Statement& statement : policy.statements) {
    any_principal = any_principal || statement.has_principal;
    any_resource = any_resource || statement.has_resource;
  }
  if (!any_principal) return iam::PolicyKind::kIdentity;
  return any_resource ? iam::PolicyKind::kResource : iam::PolicyKind::kTrust;
}

}  // namespace

absl::Status ImportIamPolicyFile(const std::string& path, const Value& document,
                                 ModelBuilder& builder) {
  // First the grammar alone, to learn the kind; then the kind's rules.
  absl::StatusOr<iam::Policy> grammar =
      iam::ParsePolicy(document, {.kind = iam::PolicyKind::kAny});
  if (!grammar.ok()) return grammar.status();
  const iam::PolicyKind kind = InferKind(*grammar);
  absl::StatusOr<iam::Policy> policy =
      iam::ParsePolicy(document, {.kind = kind});
  if (!policy.ok()) return policy.status();

  Resource resource;
  resource.name = Stem(path);
  resource.type = "iam_policy";  // a file has no provider type
  resource.kind = ResourceKind::kPolicyDocument;
  resource.format = SourceFormat::kIamPolicy;
  resource.location = document.location;
  resource.properties = document;
  const size_t index = builder.AddResource(std::move(resource));

  PolicyDocument policy_document;
  policy_document.owner = index;
  policy_document.name = BaseName(path);
  policy_document.kind = kind;
  policy_document.policy = *std::move(policy);
  builder.AddPolicy(std::move(policy_document));
  return absl::OkStatus();
}

}  // namespace polygraph::ingest
