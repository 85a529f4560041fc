// Fuzz target for the IAM engine over one policy document: ParseJson,
// ParsePolicy, ValidatePolicy, Authorizer::Compile and Decide. Checks
// invariants: a document the grammar rejects validates to at least one
// error; an Allow is backed by Allow statements, an explicit deny by at
// least one Deny statement; an implicit deny names none.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "polygraph/document.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"
#include "polygraph/iam_validation.h"

namespace {

void CheckDecision(const polygraph::iam::Decision& decision) {
  using polygraph::iam::DecisionKind;
  using polygraph::iam::Effect;
  for (const polygraph::iam::DecidingStatement& statement :
       decision.statements) {
    const bool deny = statement.effect == Effect::kDeny;
    if (decision.kind == DecisionKind::kAllow && deny) std::abort();
    if (decision.kind == DecisionKind::kExplicitDeny && !deny) std::abort();
  }
  if (decision.kind == DecisionKind::kImplicitDeny &&
      !decision.statements.empty()) {
    std::abort();
  }
  if (decision.kind == DecisionKind::kExplicitDeny &&
      decision.statements.empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace iam = polygraph::iam;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<polygraph::Value> document =
      polygraph::ParseJson(text, "fuzz.json");
  if (!document.ok()) return 0;
  const std::vector<iam::ValidationIssue> issues =
      iam::ValidatePolicy(*document, {});
  absl::StatusOr<iam::Policy> policy = iam::ParsePolicy(*document, {});
  if (!policy.ok()) {
    bool has_error = false;
    for (const iam::ValidationIssue& issue : issues) {
      has_error |= issue.category == iam::ValidationCategory::kError;
    }
    if (!has_error) std::abort();
    return 0;
  }
  for (const bool as_resource_policy : {false, true}) {
    iam::PolicySet set;
    if (as_resource_policy) {
      set.resource_policy = *policy;
    } else {
      set.identity.push_back(*policy);
    }
    absl::StatusOr<iam::Authorizer> authorizer = iam::Authorizer::Compile(set);
    if (!authorizer.ok()) continue;
    const iam::Request requests[] = {
        {.principal = "arn:aws:iam::111122223333:user/alice",
         .action = "s3:GetObject",
         .resource = "arn:aws:s3:::bucket/key",
         .resource_account = "",
         .context = {{"aws:username", {"alice"}},
                     {"aws:SourceIp", {"10.1.2.3"}},
                     {"aws:TagKeys", {"a", "b"}}}},
        {.principal = std::string(iam::Request::kAnonymous),
         .action = "iam:PassRole",
         .resource = "*",
         .resource_account = "",
         .context = {}},
        {.principal = "arn:aws:sts::444455556666:assumed-role/r/s",
         .action = "kms:Decrypt",
         .resource = "arn:aws:kms:us-east-1:111122223333:key/k",
         .resource_account = "",
         .context = {{"aws:CurrentTime", {"2026-01-01T00:00:00Z"}}}},
    };
    for (const iam::Request& request : requests) {
      CheckDecision(authorizer->Decide(request));
    }
  }
  return 0;
}
