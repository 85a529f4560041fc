// The least-privilege answers as JSON (iam_access_json.h).

#include "polygraph/iam_access_json.h"

#include <cstddef>
#include <string>
#include <vector>

#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_json.h"
#include "report/internal/report_text.h"

namespace polygraph::iam {
namespace {

using report::internal::DumpJson;
using report::internal::Json;

// Text from input as JSON-safe UTF-8.
std::string Safe(const std::string& text) {
  return report::internal::ValidUtf8(text);
}

Json SafeList(const std::vector<std::string>& texts) {
  Json list = Json::array();
  for (const std::string& text : texts) list.push_back(Safe(text));
  return list;
}

Json WitnessesJson(const std::vector<Witness>& witnesses) {
  Json list = Json::array();
  for (const Witness& w : witnesses) {
    list.push_back({{"request", Json::parse(RequestToJson(w.request))},
                    {"allowed", Json::parse(DecisionToJson(w.allowed))},
                    {"denied", Json::parse(DecisionToJson(w.denied))}});
  }
  return list;
}

Json EdgeJson(const Account& account, const EscalationEdge& edge) {
  Json statements = Json::array();
  for (const StatementRef& statement : edge.statements) {
    statements.push_back({{"file", Safe(statement.location.file)},
                          {"line", statement.location.line},
                          {"column", statement.location.column},
                          {"sid", Safe(statement.sid)}});
  }
  return {{"from", Safe(account.principals[edge.from].name)},
          {"to", Safe(account.principals[edge.to].name)},
          {"technique", EscalationTechniqueName(edge.technique)},
          {"actions", SafeList(edge.actions)},
          {"service", Safe(edge.service)},
          {"explanation", Safe(edge.explanation)},
          {"statements", statements}};
}

Json PathJson(const Account& account, const EscalationGraph& graph,
              const std::vector<size_t>& path) {
  Json edges = Json::array();
  for (size_t edge : path)
    edges.push_back(EdgeJson(account, graph.edges()[edge]));
  return edges;
}

constexpr AccessLevel kLevels[] = {
    AccessLevel::kList, AccessLevel::kRead, AccessLevel::kWrite,
    AccessLevel::kPermissionsManagement, AccessLevel::kTagging};

Json ActionNames(const ActionSet& actions) {
  const Catalogue& catalogue = Catalogue::Builtin();
  Json names = Json::array();
  for (size_t index : actions.Indices()) {
    names.push_back(catalogue.action(index).FullName());
  }
  return names;
}

}  // namespace

std::string ComparisonToJson(const Comparison& comparison) {
  return DumpJson({{"b_allows_more", comparison.b_allows_more()},
                   {"a_allows_more", comparison.a_allows_more()},
                   {"only_b_actions", SafeList(comparison.only_b_actions)},
                   {"only_a_actions", SafeList(comparison.only_a_actions)},
                   {"only_b", WitnessesJson(comparison.only_b)},
                   {"only_a", WitnessesJson(comparison.only_a)},
                   {"unknown_actions", SafeList(comparison.unknown_actions)},
                   {"notes", SafeList(comparison.notes)}});
}

std::string CheckOutcomeToJson(const CheckOutcome& outcome) {
  return DumpJson({{"pass", outcome.pass},
                   {"actions", SafeList(outcome.actions)},
                   {"witnesses", WitnessesJson(outcome.witnesses)},
                   {"notes", SafeList(outcome.notes)}});
}

std::string MinimizedPolicyToJson(const MinimizedPolicy& minimized) {
  Json left_out = Json::array();
  for (const UsedAccess& access : minimized.not_allowed_by_original) {
    left_out.push_back({{"action", Safe(access.action)},
                        {"resource", Safe(access.resource)},
                        {"file", Safe(access.location.file)},
                        {"line", access.location.line},
                        {"column", access.location.column}});
  }
  return DumpJson(
      {{"policy", Json::parse(PolicyToJson(minimized.policy))},
       {"proven", !minimized.proof.b_allows_more()},
       {"original_allows_more", SafeList(minimized.proof.only_a_actions)},
       {"not_allowed_by_original", left_out},
       {"unknown_actions", SafeList(minimized.unknown_actions)}});
}

std::string WhoCanReachToJson(
    const Account& account,
    const std::vector<EffectivePermissions>& permissions,
    const EscalationGraph& graph, size_t target) {
  Json list = Json::array();
  for (size_t source : graph.WhoCanReach(target)) {
    std::vector<std::vector<size_t>> paths = graph.Paths(source, target, 1);
    const AccountPrincipal& p = account.principals[source];
    list.push_back(
        {{"name", Safe(p.name)},
         {"arn", Safe(p.arn)},
         {"kind", PrincipalKindName(p.kind)},
         {"admin", permissions[source].admin},
         {"path",
          paths.empty() ? Json::array() : PathJson(account, graph, paths[0])}});
  }
  const AccountPrincipal& t = account.principals[target];
  return DumpJson({{"target", Safe(t.name)},
                   {"arn", Safe(t.arn)},
                   {"admin", permissions[target].admin},
                   {"principals", list}});
}

std::string PathsToJson(const Account& account, const EscalationGraph& graph,
                        size_t from, size_t to, size_t max_paths) {
  Json list = Json::array();
  for (const std::vector<size_t>& path : graph.Paths(from, to, max_paths)) {
    list.push_back(PathJson(account, graph, path));
  }
  return DumpJson({{"from", Safe(account.principals[from].name)},
                   {"to", Safe(account.principals[to].name)},
                   {"paths", list}});
}

std::string PermissionsToJson(
    const Account& account,
    const std::vector<EffectivePermissions>& permissions,
    const std::vector<Risk>& risks, const EscalationGraph& graph,
    const std::vector<size_t>& chosen) {
  std::vector<AdminReach> reaches = graph.AdminReaches();
  Json list = Json::array();
  for (size_t index : chosen) {
    const AccountPrincipal& principal = account.principals[index];
    const EffectivePermissions& effective = permissions[index];
    Json levels = Json::object();
    for (AccessLevel level : kLevels) {
      levels[std::string(AccessLevelName(level))] =
          effective.ByLevel(level).Count();
    }
    Json grants = Json::array();
    for (const PermissionGrant& grant : effective.grants) {
      grants.push_back({{"resource", Safe(grant.resource_pattern)},
                        {"actions", ActionNames(grant.actions)},
                        {"unknown_actions", SafeList(grant.unknown_actions)},
                        {"conditional", grant.conditional}});
    }
    Json principal_risks = Json::array();
    for (const Risk& risk : risks) {
      if (risk.principal != index) continue;
      principal_risks.push_back({{"category", RiskCategoryName(risk.category)},
                                 {"actions", SafeList(risk.actions)},
                                 {"resource", Safe(risk.resource_pattern)},
                                 {"message", Safe(risk.message)}});
    }
    Json reach = Json::array();
    for (const AdminReach& r : reaches) {
      if (r.principal == index) reach = PathJson(account, graph, r.edge_path);
    }
    list.push_back({{"name", Safe(principal.name)},
                    {"arn", Safe(principal.arn)},
                    {"kind", PrincipalKindName(principal.kind)},
                    {"admin", effective.admin},
                    {"actions", effective.actions.Count()},
                    {"by_access_level", levels},
                    {"grants", grants},
                    {"risks", principal_risks},
                    {"reaches_admin", reach}});
  }
  return DumpJson({{"principals", list}});
}

}  // namespace polygraph::iam
