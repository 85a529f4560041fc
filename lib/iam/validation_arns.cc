// The form of Resource/NotResource ARNs and of principals.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/validation_internal.h"
#include "polygraph/arn.h"
#include "polygraph/iam_condition.h"

namespace polygraph::iam::validation_internal {
namespace {

using internal::QuoteForMessage;
using internal::ToAbsl;

// `text` with every policy variable replaced by "*", so that a variable
// stands for whatever it may expand to and a ':' inside its key
// ("${aws:username}") does not count as an ARN separator. nullopt when the
// variables are malformed (reported by the grammar checks).
std::optional<std::string> WithVariablesAsWildcards(std::string_view text) {
  if (!HasVariableSyntax(text)) return std::string(text);
  absl::StatusOr<PolicyVariableText> parsed = PolicyVariableText::Parse(text);
  if (!parsed.ok()) return std::nullopt;
  std::string result;
  for (const PolicyVariableText::Part& part : parsed->parts) {
    result += part.kind == PolicyVariableText::Part::Kind::kVariable
                  ? std::string("*")
                  : part.text;
  }
  return result;
}

bool IsAccountId(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) {
           return absl::ascii_isdigit(static_cast<unsigned char>(c));
         });
}

// DNS-like names: "ec2.amazonaws.com", "accounts.google.com".
bool IsDnsName(std::string_view text) {
  if (text.empty() || text.find('.') == std::string_view::npos ||
      text.front() == '.' || text.back() == '.') {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return absl::ascii_isalnum(u) || c == '.' || c == '-' || c == '_';
  });
}

bool IsCanonicalUserId(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return absl::ascii_isxdigit(static_cast<unsigned char>(c));
         });
}

// Why the principal `value` of `type` is malformed; "" when it is fine.
std::string PrincipalProblem(std::string_view type, std::string_view value) {
  if (type == "AWS") {
    if (IsAccountId(value)) return "";
    // CloudFront origin access identities keep a legacy ARN form.
    if (absl::StartsWith(ToAbsl(value),
                         "arn:aws:iam::cloudfront:user/CloudFront Origin "
                         "Access Identity ")) {
      return "";
    }
    if (!absl::StartsWith(ToAbsl(value), "arn:")) {
      return "is neither a 12-digit account id nor an ARN";
    }
    absl::StatusOr<Arn> arn = Arn::Parse(value);
    if (!arn.ok()) return std::string(arn.status().message());
    if (arn->service != "iam" && arn->service != "sts") {
      return "is not an IAM or STS ARN";
    }
    if (!IsAccountId(arn->account)) return "has no 12-digit account id";
    return "";
  }
  if (type == "Service") {
    return IsDnsName(value) ? ""
                            : "is not a service name like "
                              "\"ec2.amazonaws.com\"";
  }
  if (type == "Federated") {
    if (absl::StartsWith(ToAbsl(value), "arn:")) {
      absl::StatusOr<Arn> arn = Arn::Parse(value);
      if (!arn.ok()) return std::string(arn.status().message());
      if (arn->service != "iam") return "is not an IAM identity-provider ARN";
      return "";
    }
    return IsDnsName(value) ? "" : "is neither a provider ARN nor a domain";
  }
  if (type == "CanonicalUser") {
    return IsCanonicalUserId(value) ? "" : "is not a 64-digit hexadecimal id";
  }
  return "";
}

std::string_view PrincipalFix(std::string_view type) {
  if (type == "Service") {
    return "Write the service principal as \"<service>.amazonaws.com\".";
  }
  if (type == "Federated") {
    return "Write the identity provider as its IAM ARN "
           "(arn:aws:iam::123456789012:oidc-provider/...) or its domain.";
  }
  if (type == "CanonicalUser") {
    return "Write the canonical user id: 64 hexadecimal digits.";
  }
  return "Write an AWS principal as a 12-digit account id or an IAM/STS ARN "
         "such as arn:aws:iam::123456789012:role/name.";
}

}  // namespace

void CheckResourceArns(ValidationContext& context, const Statement& statement) {
  const std::string_view element =
      statement.not_resource ? "NotResource" : "Resource";
  for (const LocatedString& resource : statement.resources) {
    if (resource.symbolic || resource.value == "*") continue;
    std::optional<std::string> text = WithVariablesAsWildcards(resource.value);
    if (!text.has_value()) continue;
    absl::StatusOr<Arn> arn = Arn::Parse(*text);
    if (arn.ok()) continue;
    const size_t colons = std::count(text->begin(), text->end(), ':');
    // A short pattern ending in '*' ("arn:aws:s3:*") matches the rest of
    // the ARN, colons included (ArnMatches); IAM accepts it.
    if (colons < 5 && !text->empty() && text->back() == '*' &&
        absl::StartsWith(*text, "arn:")) {
      continue;
    }
    std::string_view code = "INVALID_ARN";
    if (!absl::StartsWith(*text, "arn:")) {
      code = "INVALID_ARN_PREFIX";
    } else if (colons < 5) {
      code = "MISSING_ARN_FIELD";
    }
    context.Add(
        code, ValidationCategory::kError, resource.location,
        absl::StrCat(ToAbsl(element), " ", QuoteForMessage(resource.value),
                     " is not a valid ARN: ", arn.status().message()),
        "Write the resource as "
        "arn:partition:service:region:account:resource, or \"*\".");
  }
}

void CheckPrincipals(ValidationContext& context, const Statement& statement) {
  for (const Principal& principal : statement.principals) {
    const LocatedString& value = principal.value;
    if (value.symbolic || principal.type == "*") continue;
    if (principal.type == "AWS" && value.value == "*") continue;
    const std::string described = absl::StrCat(
        "principal ", principal.type, " ", QuoteForMessage(value.value));
    if (HasVariableSyntax(value.value)) {
      context.Add("VARIABLE_UNSUPPORTED_IN_ELEMENT", ValidationCategory::kError,
                  value.location,
                  absl::StrCat(described,
                               " holds a policy variable, which Principal "
                               "does not support"),
                  "Name the principal literally; to vary it, use a condition "
                  "on aws:PrincipalArn.");
      continue;
    }
    if (HasWildcard(value.value)) {
      context.Add("UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
                  ValidationCategory::kError, value.location,
                  absl::StrCat(described,
                               " holds a wildcard, which Principal supports "
                               "only as the whole value \"*\""),
                  "Name the principal exactly, or use \"*\" with a "
                  "condition such as ArnLike on aws:PrincipalArn.");
      continue;
    }
    std::string problem = PrincipalProblem(principal.type, value.value);
    if (problem.empty()) continue;
    context.Add(principal.type == "Service" ? "INVALID_SERVICE_PRINCIPAL_FORMAT"
                                            : "INVALID_PRINCIPAL_FORMAT",
                ValidationCategory::kError, value.location,
                absl::StrCat(described, " ", problem),
                std::string(PrincipalFix(principal.type)));
  }
}

}  // namespace polygraph::iam::validation_internal
