// Request contexts that an anonymous or outside caller can send: values it
// controls chosen to satisfy a statement, bound values that are not the
// owner's.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/cidr.h"
#include "polygraph/iam_condition.h"
#include "storage/internal.h"

namespace polygraph::storage::internal {
namespace {

using iam::OperatorBase;
using ::polygraph::internal::ToAbsl;

// The outsider's own address: outside the documentation and private ranges
// an owner would name.
constexpr std::string_view kOutsiderAddress = "198.18.7.9";
constexpr std::string_view kOther = "polygraph-outsider-value";

// Keys bound to the owner's environment or to the caller's identity, lower
// case. The Authorizer derives aws:PrincipalArn and aws:PrincipalAccount
// from the principal; they are listed so that no statement sets them.
constexpr std::array<std::string_view, 18> kBoundKeys = {
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalisawsservice",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalservicename",
    "aws:principaltype",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:sourceowner",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:userid",
    "aws:vpcsourceip",
    "s3:dataaccesspointarn",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
};

// A value bound keys take for the outsider: never the owner's.
std::string BoundValue(std::string_view lower_key) {
  if (lower_key == "aws:sourcevpce") return "vpce-0outsider0000000";
  if (lower_key == "aws:sourcevpc") return "vpc-0outsider00000000";
  if (lower_key == "aws:principalorgid" || lower_key == "aws:sourceorgid") {
    return "o-outsider000";
  }
  if (lower_key == "aws:sourceaccount" || lower_key == "aws:sourceowner") {
    return "999999999999";
  }
  if (lower_key == "aws:sourcearn" || lower_key == "s3:dataaccesspointarn") {
    return "arn:aws:cloudfront::999999999999:distribution/EOUTSIDER";
  }
  if (lower_key == "aws:principalisawsservice") return "false";
  return std::string(kOther);
}

// Whether every CIDR limits callers to the owner's network: a fixed block
// of at least /8 (IPv4) or /32 (IPv6).
bool LimitsToOwnerNetwork(const iam::Condition& condition) {
  if (condition.values.empty()) return false;
  for (const iam::LocatedString& value : condition.values) {
    absl::StatusOr<ip::Cidr> cidr = ip::Cidr::Parse(
        value.value.find('/') == std::string::npos
            ? absl::StrCat(
                  value.value,
                  value.value.find(':') == std::string::npos ? "/32" : "/128")
            : value.value,
        {.normalize_host_bits = true});
    if (!cidr.ok()) return false;
    int minimum = cidr->family() == ip::Family::kIpv4 ? 8 : 32;
    if (cidr->prefix_length() < minimum) return false;
  }
  return true;
}

// `pattern` with wildcards made literal: a value it matches.
std::string Instance(std::string_view pattern) {
  std::string out(pattern);
  for (char& c : out) {
    if (c == '*' || c == '?') c = 'x';
  }
  return out;
}

std::string Shift(std::string_view number, int delta) {
  int64_t value = 0;
  if (!absl::SimpleAtoi(ToAbsl(number), &value)) return std::string(number);
  return absl::StrCat(value + delta);
}

// A value of a controlled key that satisfies `condition`, or nullopt when
// the key must be absent (Null true) or when no value is chosen (the
// default context value then stands).
std::optional<std::string> Satisfying(const iam::Condition& condition,
                                      const iam::ConditionOperator& op) {
  const std::string first =
      condition.values.empty() ? "" : condition.values[0].value;
  switch (op.base) {
    case OperatorBase::kStringEquals:
    case OperatorBase::kStringEqualsIgnoreCase:
    case OperatorBase::kStringLike:
    case OperatorBase::kArnEquals:
    case OperatorBase::kArnLike:
    case OperatorBase::kBinaryEquals:
    case OperatorBase::kBool:
    case OperatorBase::kNumericEquals:
    case OperatorBase::kNumericLessThanEquals:
    case OperatorBase::kNumericGreaterThanEquals:
    case OperatorBase::kDateEquals:
    case OperatorBase::kDateLessThanEquals:
    case OperatorBase::kDateGreaterThanEquals:
      return Instance(first);
    case OperatorBase::kStringNotEquals:
    case OperatorBase::kStringNotEqualsIgnoreCase:
    case OperatorBase::kStringNotLike:
    case OperatorBase::kArnNotEquals:
    case OperatorBase::kArnNotLike:
      return std::string(kOther);
    case OperatorBase::kNumericNotEquals:
    case OperatorBase::kNumericGreaterThan:
      return Shift(first, 1);
    case OperatorBase::kNumericLessThan:
      return Shift(first, -1);
    case OperatorBase::kDateNotEquals:
    case OperatorBase::kDateLessThan:
      return "1970-01-01T00:00:00Z";
    case OperatorBase::kDateGreaterThan:
      return "2999-01-01T00:00:00Z";
    case OperatorBase::kIpAddress: {
      if (LimitsToOwnerNetwork(condition)) return std::nullopt;
      std::string address = first.substr(0, first.find('/'));
      return address;
    }
    case OperatorBase::kNotIpAddress:
      return std::string(kOutsiderAddress);
    case OperatorBase::kNull:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

bool IsBoundKey(std::string_view key) {
  std::string lower = absl::AsciiStrToLower(ToAbsl(key));
  for (std::string_view bound : kBoundKeys) {
    if (lower == bound) return true;
  }
  return false;
}

Context BaseContext(Audience audience) {
  Context context = {
      {"aws:SourceIp", {std::string(kOutsiderAddress)}},
      {"aws:SecureTransport", {"true"}},
      {"aws:CurrentTime", {"2026-01-01T00:00:00Z"}},
      {"aws:EpochTime", {"1767225600"}},
      {"aws:UserAgent", {"polygraph-outsider"}},
      {"aws:PrincipalIsAWSService", {"false"}},
      {"aws:ViaAWSService", {"false"}},
  };
  if (audience == Audience::kAnonymous) {
    context["aws:PrincipalType"] = {"Anonymous"};
  } else {
    context["aws:PrincipalType"] = {"User"};
    context["aws:PrincipalOrgID"] = {BoundValue("aws:principalorgid")};
    context["aws:userid"] = {"AIDAOUTSIDER0000000"};
  }
  return context;
}

Context ContextFor(const iam::Statement& statement, Audience audience,
                   const Context& base) {
  Context context = base;
  for (const iam::Condition& condition : statement.conditions) {
    std::optional<iam::ConditionOperator> op =
        iam::ConditionOperator::Parse(condition.op);
    if (!op.has_value()) continue;
    std::string lower = absl::AsciiStrToLower(condition.key);
    // Find the context entry whatever its case.
    auto entry = context.end();
    for (auto it = context.begin(); it != context.end(); ++it) {
      if (absl::AsciiStrToLower(it->first) == lower) entry = it;
    }
    if (IsBoundKey(condition.key)) {
      // Identity keys of an anonymous caller do not exist; the principal's
      // own keys come from the principal.
      if (lower == "aws:principalarn" || lower == "aws:principalaccount") {
        continue;
      }
      if (audience == Audience::kAnonymous &&
          lower.starts_with("aws:principal")) {
        continue;
      }
      if (entry == context.end()) context[condition.key] = {BoundValue(lower)};
      continue;
    }
    if (op->base == OperatorBase::kNull) {
      bool want_absent =
          !condition.values.empty() &&
          absl::AsciiStrToLower(condition.values[0].value) == "true";
      if (want_absent) {
        if (entry != context.end()) context.erase(entry);
      } else if (entry == context.end()) {
        context[condition.key] = {std::string(kOther)};
      }
      continue;
    }
    std::optional<std::string> value = Satisfying(condition, *op);
    if (!value.has_value()) continue;
    if (entry != context.end()) {
      entry->second = {*value};
    } else {
      context[condition.key] = {*value};
    }
  }
  return context;
}

}  // namespace polygraph::storage::internal
