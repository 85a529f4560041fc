// The finite request space of a comparison: action classes, principals,
// resources and per-key condition values (compare_universe.h).

#include "iam/compare_universe.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "iam/authorizer_internal.h"
#include "iam/request_context.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam::internal {
namespace {

std::string LowerText(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  }
  return out;
}

bool HasWildcard(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

}  // namespace

void ForEachPolicy(
    const PolicySet& set,
    const std::function<void(const Policy&, const StatementScope&, PolicyRole,
                             size_t level)>& visit) {
  const StatementScope identity{};
  const StatementScope organization{.absent_resource_matches = true,
                                    .principal_required = false};
  const StatementScope resource{.absent_resource_matches = true,
                                .principal_required = true};
  for (const Policy& p : set.identity)
    visit(p, identity, PolicyRole::kIdentity, 0);
  if (set.permissions_boundary) {
    for (const Policy& p : *set.permissions_boundary) {
      visit(p, identity, PolicyRole::kPermissionsBoundary, 0);
    }
  }
  if (set.session) {
    for (const Policy& p : *set.session)
      visit(p, identity, PolicyRole::kSession, 0);
  }
  for (size_t l = 0; l < set.service_control_policies.size(); ++l) {
    for (const Policy& p : set.service_control_policies[l]) {
      visit(p, organization, PolicyRole::kServiceControl, l);
    }
  }
  for (size_t l = 0; l < set.resource_control_policies.size(); ++l) {
    for (const Policy& p : set.resource_control_policies[l]) {
      visit(p, organization, PolicyRole::kResourceControl, l);
    }
  }
  if (set.resource_policy) {
    visit(*set.resource_policy, resource, PolicyRole::kResource, 0);
  }
}

namespace {

bool SameValues(const std::vector<LocatedString>& a,
                const std::vector<LocatedString>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const LocatedString& x, const LocatedString& y) {
                      return x.value == y.value;
                    });
}

// Statements that CompiledStatement::Compile reads alike (sid and location
// aside).
bool SameMatch(const Statement& a, const Statement& b) {
  if (a.effect != b.effect || a.not_action != b.not_action ||
      a.not_resource != b.not_resource || a.has_resource != b.has_resource ||
      a.not_principal != b.not_principal ||
      a.has_principal != b.has_principal || !SameValues(a.actions, b.actions) ||
      !SameValues(a.resources, b.resources) ||
      a.principals.size() != b.principals.size() ||
      a.conditions.size() != b.conditions.size()) {
    return false;
  }
  for (size_t i = 0; i < a.principals.size(); ++i) {
    if (a.principals[i].type != b.principals[i].type ||
        a.principals[i].value.value != b.principals[i].value.value) {
      return false;
    }
  }
  for (size_t i = 0; i < a.conditions.size(); ++i) {
    const Condition& x = a.conditions[i];
    const Condition& y = b.conditions[i];
    if (x.op != y.op || x.key != y.key || !SameValues(x.values, y.values)) {
      return false;
    }
  }
  return true;
}

// Statements of the other side looked through for one that does not sit at
// the same position, at most.
constexpr size_t kMaxReuseScan = 4096;

}  // namespace

namespace {

// An Authorizer's compiled statements in ForEachPolicy's order.
std::vector<const CompiledStatement*> Flatten(const Authorizer& authorizer) {
  const Authorizer::Compiled& c = authorizer.compiled();
  std::vector<const CompiledStatement*> out;
  auto add = [&](const CompiledPolicy& policy) {
    for (const CompiledStatement& s : policy.statements) out.push_back(&s);
  };
  auto add_all = [&](const std::vector<CompiledPolicy>& policies) {
    for (const CompiledPolicy& p : policies) add(p);
  };
  add_all(c.identity);
  if (c.boundary) add_all(*c.boundary);
  if (c.session) add_all(*c.session);
  for (const auto& level : c.scps) add_all(level);
  for (const auto& level : c.rcps) add_all(level);
  if (c.resource) add(*c.resource);
  return out;
}

}  // namespace

absl::Status SideStatements::Add(const PolicySet& set,
                                 const SideStatements* reuse,
                                 const Authorizer* authorizer) {
  has_boundary = set.permissions_boundary.has_value();
  std::vector<const CompiledStatement*> given;
  if (authorizer != nullptr) {
    given = Flatten(*authorizer);
    size_t count = 0;
    ForEachPolicy(set,
                  [&](const Policy& policy, const StatementScope&, PolicyRole,
                      size_t) { count += policy.statements.size(); });
    if (count != given.size()) given.clear();  // not compiled from `set`
  }
  absl::Status status;
  size_t scanned = 0;
  ForEachPolicy(set, [&](const Policy& policy, const StatementScope& scope,
                         PolicyRole role, size_t level) {
    if (!status.ok()) return;
    const bool substitute = policy.version == "2012-10-17";
    for (const Statement& statement : policy.statements) {
      std::shared_ptr<const Compiled> shared;
      auto same = [&](const Entry& e) {
        return e.role == role && e.substitute == substitute &&
               SameMatch(*e.source, statement);
      };
      const size_t at = entries.size();
      if (reuse != nullptr && at < reuse->entries.size() &&
          same(reuse->entries[at])) {
        shared = reuse->entries[at].shared;
      } else if (reuse != nullptr) {
        for (const Entry& e : reuse->entries) {
          if (scanned >= kMaxReuseScan) break;
          ++scanned;
          if (same(e)) {
            shared = e.shared;
            break;
          }
        }
      }
      if (shared == nullptr) {
        auto fresh = std::make_shared<Compiled>();
        if (at < given.size()) {
          fresh->statement = given[at];
        } else {
          absl::StatusOr<CompiledStatement> compiled =
              CompiledStatement::Compile(statement, substitute, scope);
          if (!compiled.ok()) {
            status = compiled.status();
            return;
          }
          fresh->owned.emplace(*std::move(compiled));
          fresh->statement = &*fresh->owned;
        }
        for (const Condition& condition : statement.conditions) {
          absl::StatusOr<CompiledCondition> c =
              CompiledCondition::Compile(condition, substitute);
          if (!c.ok()) {
            status = c.status();
            return;
          }
          fresh->conditions.push_back(*std::move(c));
        }
        shared = std::move(fresh);
      }
      entries.push_back(
          Entry{&statement, std::move(shared), substitute, role, level});
    }
  });
  return status;
}

std::vector<size_t> ActionClass::Indices() const {
  std::vector<size_t> out;
  if (class_of == nullptr) return out;
  out.reserve(count);
  for (size_t i = first; i < class_of->size() && out.size() < count; ++i) {
    if ((*class_of)[i] == id) out.push_back(i);
  }
  return out;
}

std::vector<std::string> ActionClass::Names() const {
  if (class_of == nullptr) return {representative};
  const Catalogue& catalogue = Catalogue::Builtin();
  std::vector<std::string> names;
  for (size_t i : Indices()) names.push_back(catalogue.action(i).FullName());
  return names;
}

void BuildActionClasses(const std::vector<const SideStatements*>& sides,
                        const std::vector<std::string>& extra_patterns,
                        ActionClasses& out) {
  const Catalogue& catalogue = Catalogue::Builtin();
  // Statements that share their compiled form share their actions.
  std::vector<const Statement*> statements;
  {
    absl::flat_hash_set<const void*> shared;
    for (const SideStatements* side : sides) {
      for (const auto& entry : side->entries) {
        if (shared.insert(entry.shared.get()).second) {
          statements.push_back(entry.source);
        }
      }
    }
  }
  std::vector<std::string> patterns;
  for (const std::string& p : extra_patterns) patterns.push_back(LowerText(p));
  for (const Statement* statement : statements) {
    for (const LocatedString& a : statement->actions) {
      patterns.push_back(LowerText(a.value));
    }
  }
  std::sort(patterns.begin(), patterns.end());
  patterns.erase(std::unique(patterns.begin(), patterns.end()), patterns.end());
  // Unknown action names: written without wildcards, unknown to the
  // catalogue. The original spellings are kept for reporting.
  std::vector<std::string> unknown_lower;
  auto note_unknown = [&](const std::string& written) {
    if (HasWildcard(written) || catalogue.FindAction(written).has_value()) {
      return;
    }
    std::string lower = LowerText(written);
    if (std::find(unknown_lower.begin(), unknown_lower.end(), lower) ==
        unknown_lower.end()) {
      unknown_lower.push_back(lower);
      out.unknown.push_back(written);
    }
  };
  for (const std::string& p : extra_patterns) note_unknown(p);
  for (const Statement* statement : statements) {
    for (const LocatedString& a : statement->actions) note_unknown(a.value);
  }
  // Partition refinement of the catalogue by every pattern, plus the
  // actions Decide treats specially: class_of[i] is the class of action i.
  const size_t n = catalogue.action_count();
  auto shared = std::make_shared<std::vector<uint32_t>>(n, 0);
  std::vector<uint32_t>& class_of = *shared;
  std::vector<size_t> sizes = {n};
  std::vector<int64_t> split;
  std::vector<size_t> touched;
  // Refines by the actions `in` (ascending).
  auto refine = [&](const std::vector<size_t>& in) {
    touched.insert(touched.end(), in.begin(), in.end());
    split.assign(sizes.size(), -1);
    for (size_t i : in) {
      const uint32_t c = class_of[i];
      if (split[c] < 0) {
        split[c] = static_cast<int64_t>(sizes.size());
        sizes.push_back(0);
      }
      class_of[i] = static_cast<uint32_t>(split[c]);
      --sizes[c];
      ++sizes[static_cast<size_t>(split[c])];
    }
    // A class wholly inside `by` keeps its number (its new one empties).
    const size_t before = split.size();
    std::vector<uint32_t> relabel;
    for (size_t c = 0; c < before; ++c) {
      if (split[c] < 0 || sizes[c] != 0) continue;
      const size_t moved = static_cast<size_t>(split[c]);
      if (relabel.empty()) {
        relabel.resize(sizes.size());
        for (size_t k = 0; k < relabel.size(); ++k) {
          relabel[k] = static_cast<uint32_t>(k);
        }
      }
      relabel[moved] = static_cast<uint32_t>(c);
      sizes[c] = sizes[moved];
      sizes[moved] = 0;
    }
    if (!relabel.empty()) {
      for (size_t i : in) class_of[i] = relabel[class_of[i]];
    }
  };
  for (const std::string& p : patterns) {
    if (!HasWildcard(p) && p.find(':') != std::string::npos) {
      // A name without wildcards expands to that action alone.
      std::optional<size_t> one = catalogue.FindAction(p);
      refine(one ? std::vector<size_t>{*one} : std::vector<size_t>{});
      continue;
    }
    if (p == "*" || p.find(':') != std::string::npos) {
      refine(catalogue.Expand(p).Indices());
      continue;
    }
    std::vector<size_t> in;
    absl::StatusOr<CellPattern> glob = TextCellPattern(p, true, true, false);
    for (size_t i = 0; glob.ok() && i < n; ++i) {
      if (CellMatches(*glob, catalogue.action(i).FullName())) in.push_back(i);
    }
    refine(in);
  }
  refine(catalogue.Expand("sts:GetCallerIdentity").Indices());
  refine(catalogue.Expand("sts:AssumeRole*").Indices());
  // Classes in the order of their first member. Every class but class 0
  // holds only actions some refinement touched; class 0 may hold others.
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  std::vector<size_t> first(sizes.size(), n);
  for (size_t i : touched) first[class_of[i]] = std::min(first[class_of[i]], i);
  for (size_t i = 0; i < n && i < first[0]; ++i) {
    if (class_of[i] == 0) first[0] = i;
  }
  std::vector<std::pair<size_t, uint32_t>> order;
  for (size_t c = 0; c < sizes.size(); ++c) {
    if (sizes[c] > 0) order.emplace_back(first[c], static_cast<uint32_t>(c));
  }
  std::sort(order.begin(), order.end());
  for (const auto& [i, c] : order) {
    out.classes.push_back(
        ActionClass{catalogue.action(i).FullName(), shared, c, i, sizes[c]});
  }
  for (const std::string& name : out.unknown) {
    out.classes.push_back(ActionClass{name, nullptr, 0, 0, 1});
  }
  std::sort(out.unknown.begin(), out.unknown.end());
}

std::vector<std::string> PrincipalCandidates(
    const std::vector<const SideStatements*>& sides,
    const CompareOptions& options, bool* named) {
  std::vector<std::string> out = {options.principal};
  *named = false;
  std::vector<std::string> accounts;
  auto add = [&](std::string p) {
    if (std::find(out.begin(), out.end(), p) == out.end()) {
      out.push_back(std::move(p));
    }
  };
  const PrincipalInfo own = ParsePrincipal(options.principal);
  if (!own.account.empty()) accounts.emplace_back(own.account);
  for (const SideStatements* side : sides) {
    for (const auto& entry : side->entries) {
      if (!entry.source->has_principal) continue;
      *named = true;
      for (const Principal& p : entry.source->principals) {
        const std::string& text = p.value.value;
        if (p.type == "*" || text == "*") continue;
        add(text);
        const PrincipalInfo info = ParsePrincipal(text);
        if (!info.account.empty()) accounts.emplace_back(info.account);
        if (info.kind == PrincipalInfo::Kind::kRole) {
          add("arn:" + std::string(info.partition) +
              ":sts::" + std::string(info.account) + ":assumed-role/" +
              std::string(info.name) + "/session");
        }
      }
    }
  }
  if (!*named) return out;
  accounts.push_back("999999999999");
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
  add(std::string(Request::kAnonymous));
  for (const std::string& a : accounts) {
    add(absl::StrCat("arn:aws:iam::", a, ":root"));
    add(absl::StrCat("arn:aws:iam::", a, ":user/other-user"));
    add(absl::StrCat("arn:aws:iam::", a, ":role/other-role"));
    add(absl::StrCat("arn:aws:sts::", a, ":assumed-role/other-role/session"));
    add(absl::StrCat("arn:aws:sts::", a, ":federated-user/other"));
  }
  add("other.amazonaws.com");
  add("other-external-identity");
  return out;
}

}  // namespace polygraph::iam::internal
