// The option parser and policy readers of `polygraph iam` (iam_options.h).

#include "iam_options.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "polygraph/document.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"

namespace polygraph::cli {
namespace {

absl::Status ReadPolicies(const Options& options, std::string_view name,
                          iam::PolicyKind kind,
                          std::vector<iam::Policy>& policies) {
  auto it = options.values.find(name);
  if (it == options.values.end()) return absl::OkStatus();
  for (const std::string& path : it->second) {
    absl::StatusOr<iam::Policy> policy = ReadPolicy(path, kind);
    if (!policy.ok()) return policy.status();
    policies.push_back(*std::move(policy));
  }
  return absl::OkStatus();
}

// SCPs and RCPs: each occurrence of the option is one level of the
// organization, its comma-separated files the policies at that level.
absl::Status ReadLevels(const Options& options, std::string_view name,
                        iam::PolicyKind kind,
                        std::vector<std::vector<iam::Policy>>& levels) {
  auto it = options.values.find(name);
  if (it == options.values.end()) return absl::OkStatus();
  for (const std::string& list : it->second) {
    std::vector<iam::Policy> level;
    for (absl::string_view path :
         absl::StrSplit(list, ',', absl::SkipEmpty())) {
      absl::StatusOr<iam::Policy> policy = ReadPolicy(std::string(path), kind);
      if (!policy.ok()) return policy.status();
      level.push_back(*std::move(policy));
    }
    levels.push_back(std::move(level));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Options> ParseOptions(const std::vector<std::string>& words,
                                     const std::vector<std::string>& known,
                                     const std::vector<std::string>& flags) {
  Options options;
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!word.starts_with("--") || word == "--") {
      options.operands.push_back(word);
      continue;
    }
    const size_t equals = word.find('=');
    std::string name = word.substr(0, equals);
    bool is_flag = false;
    for (const std::string& candidate : flags) is_flag |= candidate == name;
    if (is_flag && equals == std::string::npos) {
      options.values[name].push_back("");
      continue;
    }
    bool is_known = false;
    for (const std::string& candidate : known) is_known |= candidate == name;
    if (!is_known) {
      return absl::InvalidArgumentError(
          absl::StrCat("iam ", words[0], ": unknown option ", name));
    }
    std::string value;
    if (equals != std::string::npos) {
      value = word.substr(equals + 1);
    } else if (i + 1 < words.size()) {
      value = words[++i];
    }
    if (value.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("option ", name, " needs a value"));
    }
    options.values[name].push_back(std::move(value));
  }
  return options;
}

absl::StatusOr<iam::Policy> ReadPolicy(const std::string& path,
                                       iam::PolicyKind kind) {
  absl::StatusOr<Value> document = ReadDocumentFile(path);
  if (!document.ok()) return document.status();
  return iam::ParsePolicy(*document, {.kind = kind});
}

absl::StatusOr<iam::PolicySet> ReadPolicySet(const Options& options) {
  iam::PolicySet set;
  absl::Status status = ReadPolicies(options, "--policy",
                                     iam::PolicyKind::kIdentity, set.identity);
  if (status.ok() && options.Last("--boundary") != nullptr) {
    set.permissions_boundary.emplace();
    status = ReadPolicies(options, "--boundary", iam::PolicyKind::kIdentity,
                          *set.permissions_boundary);
  }
  if (status.ok() && options.Last("--session-policy") != nullptr) {
    set.session.emplace();
    status = ReadPolicies(options, "--session-policy",
                          iam::PolicyKind::kIdentity, *set.session);
  }
  if (status.ok()) {
    status = ReadLevels(options, "--scp", iam::PolicyKind::kIdentity,
                        set.service_control_policies);
  }
  if (status.ok()) {
    status = ReadLevels(options, "--rcp", iam::PolicyKind::kResource,
                        set.resource_control_policies);
  }
  if (status.ok()) {
    if (const std::string* path = options.Last("--resource-policy")) {
      absl::StatusOr<iam::Policy> policy =
          ReadPolicy(*path, iam::PolicyKind::kResource);
      if (!policy.ok()) return policy.status();
      set.resource_policy = *std::move(policy);
    }
  }
  if (!status.ok()) return status;
  return set;
}

absl::StatusOr<iam::PolicySet> ReadPolicyFileAsSet(const std::string& path) {
  absl::StatusOr<iam::Policy> policy = ReadPolicy(path, iam::PolicyKind::kAny);
  if (!policy.ok()) return policy.status();
  bool names_principals = false;
  for (const iam::Statement& statement : policy->statements) {
    names_principals |= statement.has_principal;
  }
  iam::PolicySet set;
  if (names_principals) {
    set.resource_policy = *std::move(policy);
  } else {
    set.identity.push_back(*std::move(policy));
  }
  return set;
}

}  // namespace polygraph::cli
