// Differential test of polygraph's IAM decisions against an independent
// simulator. generate_cases.mjs runs the simulator in a separate Node process
// and records each policy set, request and decision in cases.jsonl (format
// in README.md); this test decides every case with iam::Authorizer and
// fails on each disagreement that known_disagreements.json does not list.
//
// The cases file comes from $POLYGRAPH_IAM_ORACLE_CASES, else from the
// path compiled in as POLYGRAPH_IAM_ORACLE_CASES_DEFAULT (the ctest fixture
// "iam_oracle_cases" writes it). A missing file is a failure, never a skip.

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polygraph/document.h"
#include "polygraph/glob.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_policy.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

// ordered_json keeps policy elements in the order the generator wrote them.
using Json = nlohmann::ordered_json;

constexpr size_t kMinimumCases = 10'000;
constexpr size_t kMinimumPolicies = 30;
// Disagreements printed in full; the rest are only counted.
// $POLYGRAPH_IAM_ORACLE_MAX_REPORTED overrides it (for investigations).
int MaxReported() {
  const char* value = std::getenv("POLYGRAPH_IAM_ORACLE_MAX_REPORTED");
  return value != nullptr && *value != '\0' ? std::atoi(value) : 40;
}

std::string CasesPath() {
  if (const char* path = std::getenv("POLYGRAPH_IAM_ORACLE_CASES");
      path != nullptr && *path != '\0') {
    return path;
  }
  return POLYGRAPH_IAM_ORACLE_CASES_DEFAULT;
}

std::string KnownDisagreementsPath() {
  return polygraph::testing::SourcePath(
      "tests/iam_oracle/known_disagreements.json");
}

// One recorded policy: its text (as the generator serialized it), what it
// is attached as, and its parse.
struct RecordedPolicy {
  std::string text;
  // "identity", "permissions_boundary", "session", "scp", "rcp", "resource"
  std::string role;
  absl::StatusOr<Policy> policy = absl::UnknownError("not parsed");
};

struct CaseFile {
  std::map<std::string, RecordedPolicy> policies;
  std::vector<Json> cases;
};

PolicyKind KindForRole(const std::string& role) {
  // RCPs name a Principal ("*") like resource-based policies.
  if (role == "resource" || role == "rcp") return PolicyKind::kResource;
  // Boundaries, session policies and SCPs have the identity grammar.
  return PolicyKind::kIdentity;
}

// Reads the cases file; an error message on failure.
absl::StatusOr<CaseFile> ReadCaseFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(
        "cannot open " + path +
        "; run the iam_oracle_cases ctest fixture (needs node and npm) or "
        "set POLYGRAPH_IAM_ORACLE_CASES");
  }
  CaseFile file;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    Json record = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || !record.is_object()) {
      return absl::InvalidArgumentError(
          path + ":" + std::to_string(line_number) + ": not a JSON object");
    }
    const std::string type = record.value("type", "");
    if (type == "policy") {
      const std::string name = record.at("name").get<std::string>();
      RecordedPolicy& policy = file.policies[name];
      policy.text = record.at("document").dump(2);
      policy.role = record.at("role").get<std::string>();
      absl::StatusOr<Value> document = ParseJson(policy.text, name + ".json");
      if (!document.ok()) {
        policy.policy = document.status();
      } else {
        policy.policy =
            ParsePolicy(*document, {.kind = KindForRole(policy.role)});
      }
    } else if (type == "case") {
      file.cases.push_back(std::move(record));
    } else {
      return absl::InvalidArgumentError(
          path + ":" + std::to_string(line_number) + ": unknown record type");
    }
  }
  return file;
}

// A documented exception: polygraph is right and the oracle is not. An
// entry matches a case when every field it gives matches: "case_id"
// exactly; "action", "resource", "principal" as case-insensitive IAM globs;
// "resource_policy", "expected" (the oracle's answer) and "polygraph" (ours)
// exactly; "policy" when the case uses the policy of that name;
// "deciding_sid" when one of polygraph's deciding statements has that Sid.
struct KnownDisagreement {
  Json entry;
  int matched = 0;

  bool Matches(const Json& test_case, const Decision& decision) const {
    const std::string_view polygraph = DecisionKindName(decision.kind);
    const Json& request = test_case.at("request");
    auto glob = [&](const char* field, const std::string& text) {
      return !entry.contains(field) ||
             GlobMatch(entry.at(field).get<std::string>(), text,
                       GlobCase::kInsensitive);
    };
    auto exact = [&](const char* field, const std::string& text) {
      return !entry.contains(field) ||
             entry.at(field).get<std::string>() == text;
    };
    const Json& resource_policy =
        test_case.at("policies").at("resource_policy");
    return exact("case_id", test_case.at("id").get<std::string>()) &&
           glob("action", request.at("action").get<std::string>()) &&
           glob("resource", request.at("resource").get<std::string>()) &&
           glob("principal", request.at("principal").get<std::string>()) &&
           exact("resource_policy", resource_policy.is_null()
                                        ? std::string()
                                        : resource_policy.get<std::string>()) &&
           exact("expected", test_case.at("expected").get<std::string>()) &&
           exact("polygraph", std::string(polygraph)) &&
           (!entry.contains("policy") ||
            UsesPolicy(test_case.at("policies"),
                       entry.at("policy").get<std::string>())) &&
           (!entry.contains("deciding_sid") ||
            std::any_of(decision.statements.begin(), decision.statements.end(),
                        [&](const DecidingStatement& s) {
                          return s.sid == entry.at("deciding_sid");
                        }));
  }

  static bool UsesPolicy(const Json& names, const std::string& name) {
    const std::string text = names.dump();
    return text.find("\"" + name + "\"") != std::string::npos;
  }
};

absl::StatusOr<std::vector<KnownDisagreement>> ReadKnownDisagreements() {
  std::ifstream in(KnownDisagreementsPath());
  if (!in)
    return absl::NotFoundError("cannot open " + KnownDisagreementsPath());
  Json document = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.contains("disagreements") ||
      !document.at("disagreements").is_array()) {
    return absl::InvalidArgumentError(KnownDisagreementsPath() +
                                      ": expected {\"disagreements\": [...]}");
  }
  std::vector<KnownDisagreement> known;
  for (const Json& entry : document.at("disagreements")) {
    known.push_back({.entry = entry});
  }
  return known;
}

// Builds the policy set a case names; an error when a policy is unknown or
// did not parse.
absl::StatusOr<PolicySet> PolicySetFor(const Json& names,
                                       const CaseFile& file) {
  auto lookup = [&](const Json& name) -> absl::StatusOr<Policy> {
    auto it = file.policies.find(name.get<std::string>());
    if (it == file.policies.end()) {
      return absl::NotFoundError("unknown policy " + name.dump());
    }
    return it->second.policy;
  };
  PolicySet set;
  for (const Json& name : names.at("identity")) {
    absl::StatusOr<Policy> policy = lookup(name);
    if (!policy.ok()) return policy.status();
    set.identity.push_back(*std::move(policy));
  }
  if (const Json& boundary = names.at("permissions_boundary");
      !boundary.is_null()) {
    set.permissions_boundary.emplace();
    for (const Json& name : boundary) {
      absl::StatusOr<Policy> policy = lookup(name);
      if (!policy.ok()) return policy.status();
      set.permissions_boundary->push_back(*std::move(policy));
    }
  }
  if (const Json& session = names.at("session"); !session.is_null()) {
    set.session.emplace();
    for (const Json& name : session) {
      absl::StatusOr<Policy> policy = lookup(name);
      if (!policy.ok()) return policy.status();
      set.session->push_back(*std::move(policy));
    }
  }
  for (const Json& level : names.at("scps")) {
    std::vector<Policy>& policies = set.service_control_policies.emplace_back();
    for (const Json& name : level) {
      absl::StatusOr<Policy> policy = lookup(name);
      if (!policy.ok()) return policy.status();
      policies.push_back(*std::move(policy));
    }
  }
  for (const Json& level : names.at("rcps")) {
    std::vector<Policy>& policies =
        set.resource_control_policies.emplace_back();
    for (const Json& name : level) {
      absl::StatusOr<Policy> policy = lookup(name);
      if (!policy.ok()) return policy.status();
      policies.push_back(*std::move(policy));
    }
  }
  if (const Json& resource = names.at("resource_policy"); !resource.is_null()) {
    absl::StatusOr<Policy> policy = lookup(resource);
    if (!policy.ok()) return policy.status();
    set.resource_policy = *std::move(policy);
  }
  return set;
}

Request RequestFor(const Json& request) {
  Request result;
  result.principal = request.at("principal").get<std::string>();
  result.action = request.at("action").get<std::string>();
  result.resource = request.at("resource").get<std::string>();
  result.resource_account = request.at("resource_account").get<std::string>();
  for (const auto& [key, values] : request.at("context").items()) {
    result.context[key] = values.get<std::vector<std::string>>();
  }
  return result;
}

std::string Describe(const Json& test_case, const Decision& decision) {
  std::ostringstream out;
  out << "case " << test_case.at("id").get<std::string>() << ": oracle "
      << test_case.at("expected").get<std::string>() << ", polygraph "
      << DecisionKindName(decision.kind) << "\n  policies "
      << test_case.at("policies").dump() << "\n  request "
      << test_case.at("request").dump() << "\n  reason: " << decision.reason;
  for (const DecidingStatement& s : decision.statements) {
    out << "\n  deciding: " << PolicyRoleName(s.role) << " level " << s.level
        << " policy " << s.policy_index << " statement " << s.statement_index
        << " sid \"" << s.sid << "\" at " << s.location.file << ":"
        << s.location.line;
  }
  if (!decision.missing_context_keys.empty()) {
    out << "\n  missing context keys:";
    for (const std::string& key : decision.missing_context_keys) {
      out << " " << key;
    }
  }
  return out.str();
}

TEST(IamOracleTest, KnownDisagreementsAreDocumented) {
  ASSERT_OK_AND_ASSIGN(std::vector<KnownDisagreement> known,
                       ReadKnownDisagreements());
  for (const KnownDisagreement& k : known) {
    const Json& e = k.entry;
    EXPECT_TRUE(e.contains("url") && e.at("url").is_string() &&
                e.at("url").get<std::string>().starts_with(
                    "https://docs.aws.amazon.com/"))
        << "an entry needs the AWS documentation URL: " << e.dump();
    EXPECT_TRUE(e.contains("quote") && e.at("quote").is_string() &&
                !e.at("quote").get<std::string>().empty())
        << "an entry needs the quote that shows polygraph is right: "
        << e.dump();
    EXPECT_TRUE(e.contains("case_id") || e.contains("action") ||
                e.contains("resource") || e.contains("principal") ||
                e.contains("resource_policy") || e.contains("policy") ||
                e.contains("deciding_sid"))
        << "an entry must narrow the cases it excuses: " << e.dump();
  }
}

TEST(IamOracleTest, AgreesWithOracle) {
  const std::string path = CasesPath();
  ASSERT_OK_AND_ASSIGN(CaseFile file, ReadCaseFile(path));
  ASSERT_OK_AND_ASSIGN(std::vector<KnownDisagreement> known,
                       ReadKnownDisagreements());

  for (const auto& [name, policy] : file.policies) {
    EXPECT_OK(policy.policy) << "policy " << name;
  }
  ASSERT_GE(file.cases.size(), kMinimumCases) << path;

  std::set<std::string> used_policies;
  // Authorizers by policy combination: many cases share one.
  std::map<std::string, absl::StatusOr<Authorizer>> authorizers;
  std::map<std::string, int> by_expected;
  int agreed = 0;
  int excepted = 0;
  int disagreed = 0;
  int compile_errors = 0;
  const int max_reported = MaxReported();
  for (const Json& test_case : file.cases) {
    const Json& names = test_case.at("policies");
    for (const Json& name : names.at("identity")) used_policies.insert(name);
    if (!names.at("permissions_boundary").is_null()) {
      for (const Json& name : names.at("permissions_boundary")) {
        used_policies.insert(name);
      }
    }
    if (!names.at("session").is_null()) {
      for (const Json& name : names.at("session")) used_policies.insert(name);
    }
    for (const Json& level : names.at("scps")) {
      for (const Json& name : level) used_policies.insert(name);
    }
    for (const Json& level : names.at("rcps")) {
      for (const Json& name : level) used_policies.insert(name);
    }
    if (!names.at("resource_policy").is_null()) {
      used_policies.insert(names.at("resource_policy"));
    }

    const std::string key = names.dump();
    auto it = authorizers.find(key);
    if (it == authorizers.end()) {
      absl::StatusOr<PolicySet> set = PolicySetFor(names, file);
      absl::StatusOr<Authorizer> authorizer =
          set.ok() ? Authorizer::Compile(*set)
                   : absl::StatusOr<Authorizer>(set.status());
      it = authorizers.emplace(key, std::move(authorizer)).first;
    }
    if (!it->second.ok()) {
      if (++compile_errors <= max_reported) {
        ADD_FAILURE() << "case " << test_case.at("id").get<std::string>()
                      << ": cannot compile " << key << ": "
                      << it->second.status();
      }
      continue;
    }
    const Decision decision =
        it->second->Decide(RequestFor(test_case.at("request")));
    const std::string expected = test_case.at("expected").get<std::string>();
    ++by_expected[expected];
    const std::string_view actual = DecisionKindName(decision.kind);
    if (actual == expected) {
      ++agreed;
      continue;
    }
    bool is_known = false;
    for (KnownDisagreement& k : known) {
      if (k.Matches(test_case, decision)) {
        ++k.matched;
        is_known = true;
      }
    }
    if (is_known) {
      ++excepted;
    } else if (++disagreed <= max_reported) {
      ADD_FAILURE() << Describe(test_case, decision);
    }
  }

  std::cout << "iam oracle: " << agreed << " of " << file.cases.size()
            << " cases agree (" << excepted << " known disagreements, "
            << disagreed << " unexpected, " << compile_errors
            << " not compiled); oracle answers: Allow " << by_expected["Allow"]
            << ", ExplicitDeny " << by_expected["ExplicitDeny"]
            << ", ImplicitDeny " << by_expected["ImplicitDeny"] << "; "
            << used_policies.size() << " distinct policies, "
            << authorizers.size() << " policy sets\n";
  EXPECT_EQ(disagreed, 0) << "unexpected disagreements (the first "
                          << max_reported << " are printed above)";
  EXPECT_EQ(compile_errors, 0);
  EXPECT_GE(used_policies.size(), kMinimumPolicies);
  // A listed disagreement that no longer occurs is stale: remove it.
  for (const KnownDisagreement& k : known) {
    EXPECT_GT(k.matched, 0) << "stale known disagreement: " << k.entry.dump();
  }
}

}  // namespace
}  // namespace polygraph::iam
