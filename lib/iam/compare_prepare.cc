// The comparison search's request space (compare_search.h): both sides'
// statements, action classes, principals, resource cells, condition keys
// with their value lists, and the tables candidate requests are decided
// from.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "iam/compare_search.h"

namespace polygraph::iam::internal {
namespace {

constexpr size_t kResourceStates = 20000;
constexpr size_t kValueStates = 5000;
constexpr size_t kMaxPairSingles = 24;

std::string LowerText(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  }
  return out;
}

// Appends `text` with its length, so that concatenations are unambiguous.
void AppendField(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out.push_back(':');
  out.append(text);
}

// What a condition reads and how: equal texts, equal verdicts.
std::string ConditionText(const Condition& c, bool substitute) {
  std::string out;
  AppendField(out, c.op);
  out.push_back(substitute ? '1' : '0');
  for (const LocatedString& v : c.values) AppendField(out, v.value);
  return out;
}

// What MatchesResource reads of a statement.
std::string ResourceText(const SideStatements::Entry& e) {
  const Statement& s = *e.source;
  std::string out;
  out.push_back(e.role == PolicyRole::kIdentity ||
                        e.role == PolicyRole::kPermissionsBoundary ||
                        e.role == PolicyRole::kSession
                    ? 'i'
                    : 'o');
  out.push_back(e.substitute ? '1' : '0');
  out.push_back(s.not_resource ? '1' : '0');
  out.push_back(s.has_resource ? '1' : '0');
  for (const LocatedString& r : s.resources) AppendField(out, r.value);
  return out;
}

// What MatchPrincipal reads of a statement.
std::string PrincipalText(const SideStatements::Entry& e, bool boundary) {
  const Statement& s = *e.source;
  std::string out;
  out.push_back(static_cast<char>('0' + static_cast<int>(e.role)));
  out.push_back(s.effect == Effect::kAllow ? 'a' : 'd');
  out.push_back(boundary ? '1' : '0');
  out.push_back(s.not_principal ? '1' : '0');
  out.push_back(s.has_principal ? '1' : '0');
  for (const Principal& p : s.principals) {
    AppendField(out, p.type);
    AppendField(out, p.value.value);
  }
  return out;
}

// What MatchesAction reads of a statement.
std::string ActionText(const Statement& s) {
  std::string out;
  out.push_back(s.not_action ? '1' : '0');
  for (const LocatedString& a : s.actions) AppendField(out, a.value);
  return out;
}

}  // namespace

void Searcher::Note(std::string note) {
  if (std::find(result.notes.begin(), result.notes.end(), note) ==
      result.notes.end()) {
    result.notes.push_back(std::move(note));
  }
}

absl::Status Searcher::Prepare(const PolicySet& first,
                               const PolicySet* second) {
  sides_.resize(second != nullptr ? 2 : 1);
  for (size_t i = 0; i < sides_.size(); ++i) {
    SearchSide& side = sides_[i];
    side.set = i == 0 ? &first : second;
    side.shape = ShapeOf(*side.set);
    // Decide needs the Authorizer to check witnesses; the search matches
    // with its compiled statements.
    absl::StatusOr<Authorizer> authorizer = Authorizer::Compile(*side.set);
    if (!authorizer.ok()) return authorizer.status();
    side.authorizer.emplace(*std::move(authorizer));
    const SideStatements* reuse = i > 0 ? &sides_[0].statements : nullptr;
    if (absl::Status s =
            side.statements.Add(*side.set, reuse, &*side.authorizer);
        !s.ok()) {
      return s;
    }
    side_offset_.push_back(total_);
    for (const auto& entry : side.statements.entries) {
      entry_hit_.push_back(StatementHit{entry.role, entry.level,
                                        entry.source->effect,
                                        PrincipalMatch::kNone});
      entry_side_.push_back(i);
    }
    total_ += side.statements.entries.size();
  }
  std::vector<const SideStatements*> all;
  for (const SearchSide& side : sides_) all.push_back(&side.statements);
  BuildActionClasses(all, focus_.actions, classes_);
  result.unknown_actions = classes_.unknown;
  bool named = false;
  principals_ = focus_.principals ? *focus_.principals
                                  : PrincipalCandidates(all, options_, &named);
  for (const std::string& p : principals_) {
    principal_info_.push_back(ParsePrincipal(p));
  }
  if (absl::Status s = PrepareResources(); !s.ok()) return s;
  PrepareKeys(variable_keys_);
  PrepareVerdicts();
  PrepareTargets();
  return absl::OkStatus();
}

absl::Status Searcher::PrepareResources() {
  // Resources: the cells of every Resource pattern, the focus patterns and
  // the ARN shapes Decide treats specially.
  std::vector<CellPattern> patterns;
  absl::flat_hash_set<std::string> pattern_texts;
  auto add_arn = [&](std::string_view text, bool substitute) -> absl::Status {
    std::string key(text);
    key.push_back(substitute ? '1' : '0');
    if (!pattern_texts.insert(std::move(key)).second) {
      return absl::OkStatus();
    }
    absl::StatusOr<std::optional<CellPattern>> p =
        ArnCellPattern(text, substitute);
    if (!p.ok()) return p.status();
    if (p->has_value()) patterns.push_back(**std::move(p));
    return absl::OkStatus();
  };
  std::vector<std::string> accounts = {"111122223333", "999999999999"};
  for (const PrincipalInfo& info : principal_info_) {
    if (!info.account.empty()) accounts.emplace_back(info.account);
  }
  if (!options_.resource_account.empty()) {
    accounts.push_back(options_.resource_account);
  }
  std::vector<std::string> synthetic = {"arn:aws:kms:us-east-1:*:key/*",
                                        "arn:aws:iam::*:role/*",
                                        "arn:aws:s3:::*"};
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
  for (const std::string& a : accounts) {
    synthetic.push_back(absl::StrCat("arn:aws:*:*:", a, ":*"));
  }
  for (const std::string& s : synthetic) (void)add_arn(s, false);
  for (const std::string& s : focus_.resources) {
    if (absl::Status st = add_arn(s, false); !st.ok()) return st;
  }
  for (const std::string& s : focus_.extra_resource_patterns) {
    (void)add_arn(s, false);
  }
  auto collect_variables = [&](std::string_view text, bool substitute) {
    if (!substitute || text.find("${") == std::string_view::npos) return;
    absl::StatusOr<PolicyVariableText> parsed = PolicyVariableText::Parse(text);
    if (!parsed.ok()) return;
    for (const auto& part : parsed->parts) {
      if (part.kind == PolicyVariableText::Part::Kind::kVariable) {
        variable_keys_.push_back(LowerText(part.text));
      }
    }
  };
  for (const SearchSide& side : sides_) {
    for (const auto& entry : side.statements.entries) {
      for (const LocatedString& r : entry.source->resources) {
        if (absl::Status st = add_arn(r.value, entry.substitute); !st.ok()) {
          return st;
        }
        collect_variables(r.value, entry.substitute);
      }
      for (const Condition& c : entry.source->conditions) {
        for (const LocatedString& v : c.values) {
          collect_variables(v.value, entry.substitute);
        }
      }
    }
  }
  CellSearch cells = SearchCells(patterns, kResourceStates);
  if (cells.capped) {
    Note(absl::StrCat("the resource search stopped after ", kResourceStates,
                      " states; resources it did not reach were not compared, "
                      "so the answer is not proven"));
  }
  resources_ = std::move(cells.representatives);
  resources_.push_back("*");
  for (const std::string& r : resources_) resource_arn_.push_back(SplitArn(r));
  return absl::OkStatus();
}

void Searcher::PrepareKeys(std::vector<std::string>& variable_keys) {
  absl::flat_hash_map<std::string, size_t> key_index;
  absl::flat_hash_map<std::string, size_t> condition_index;  // per key
  for (SearchSide& side : sides_) {
    for (const auto& entry : side.statements.entries) {
      std::vector<CondAt> at;
      for (size_t ci = 0; ci < entry.source->conditions.size(); ++ci) {
        const Condition& c = entry.source->conditions[ci];
        std::string lower = LowerText(c.key);
        auto [it, inserted] = key_index.try_emplace(lower, keys_.size());
        if (inserted) keys_.push_back(SearchKey{c.key, {}, {}, {}});
        SearchKey& key = keys_[it->second];
        std::string text = ConditionText(c, entry.substitute);
        text.push_back('|');
        text += lower;
        auto [slot, fresh] =
            condition_index.try_emplace(std::move(text), key.refs.size());
        if (fresh) {
          key.refs.push_back(ConditionRef{&c, entry.substitute});
          key.compiled.push_back(&entry.conditions()[ci]);
        }
        at.push_back(CondAt{it->second, slot->second});
      }
      side.conds.push_back(std::move(at));
    }
  }
  for (const SearchSide& side : sides_) {
    for (const std::vector<CondAt>& at : side.conds) {
      entry_conds_.push_back(&at);
    }
  }
  std::sort(variable_keys.begin(), variable_keys.end());
  variable_keys.erase(std::unique(variable_keys.begin(), variable_keys.end()),
                      variable_keys.end());
  for (const std::string& v : variable_keys) {
    if (key_index.contains(v)) {
      Note(absl::StrCat("the policy variable ${", v,
                        "} is also a condition key; patterns were compared "
                        "with one value of it, so the answer is not proven"));
      continue;
    }
    base_context_[v] = {VariableValue(v)};
  }
  if (!variable_keys.empty()) {
    Note(
        "policy variables were compared with one value each (the same in "
        "every request), not every value they could take");
  }
  for (SearchKey& key : keys_) {
    ValueCandidates values = ConditionValueCandidates(key.refs, kValueStates);
    if (values.capped) {
      Note(absl::StrCat("the value search for ", key.name, " stopped after ",
                        kValueStates, " states; the answer is not proven"));
    }
    if (values.mixed) {
      Note(absl::StrCat(key.name,
                        " is read by operators of several types; their "
                        "boundaries were combined per type only"));
    }
    const std::string lower = LowerText(key.name);
    const bool identifying = std::find(focus_.identifying_keys.begin(),
                                       focus_.identifying_keys.end(),
                                       lower) != focus_.identifying_keys.end();
    std::vector<std::string> singles;
    for (size_t i = 0; i < values.values.size(); ++i) {
      if (identifying && !values.names_nothing[i]) continue;
      singles.push_back(values.values[i]);
    }
    key.lists.push_back(std::nullopt);
    key.lists.push_back(std::vector<std::string>{});
    for (const std::string& s : singles) {
      key.lists.push_back(std::vector<std::string>{s});
    }
    const size_t pair_limit = std::min(singles.size(), kMaxPairSingles);
    if (singles.size() > kMaxPairSingles) {
      Note(absl::StrCat("multi-valued requests for ", key.name,
                        " combined only the first ", kMaxPairSingles,
                        " of its values"));
    }
    if (key.refs.size() > 2 && singles.size() > 2) {
      Note(absl::StrCat(key.name, " is read by ", key.refs.size(),
                        " conditions; requests gave it at most two values"));
    }
    for (size_t i = 0; i < pair_limit; ++i) {
      for (size_t j = i + 1; j < pair_limit; ++j) {
        key.lists.push_back(std::vector<std::string>{singles[i], singles[j]});
      }
    }
  }
}

void Searcher::PrepareVerdicts() {
  // Condition verdicts per principal, key, value list, distinct condition.
  verdicts_.resize(principals_.size());
  for (size_t p = 0; p < principals_.size(); ++p) {
    verdicts_[p].resize(keys_.size());
    Request request;
    request.principal = principals_[p];
    for (size_t k = 0; k < keys_.size(); ++k) {
      const SearchKey& key = keys_[k];
      std::vector<uint8_t>& row = verdicts_[p][k];
      row.reserve(key.lists.size() * key.refs.size());
      for (const ValueList& list : key.lists) {
        request.context = base_context_;
        if (list) request.context[key.name] = *list;
        const RequestContext context(request, principal_info_[p]);
        for (const CompiledCondition* c : key.compiled) {
          row.push_back(c->Evaluate(context, nullptr) ? 1 : 0);
        }
      }
    }
  }
}

void Searcher::PrepareTargets() {
  // Entries that read the same Resource / Principal / Action elements the
  // same way share one match.
  absl::flat_hash_map<std::string, size_t> resource_groups, principal_groups,
      action_groups;
  std::vector<size_t> resource_of, principal_of, action_of;
  std::vector<const SideStatements::Entry*> resource_first, principal_first,
      action_first;
  std::vector<bool> principal_boundary;
  auto group = [](absl::flat_hash_map<std::string, size_t>& groups,
                  std::string text, std::vector<size_t>& of,
                  std::vector<const SideStatements::Entry*>& firsts,
                  const SideStatements::Entry& entry) {
    auto [it, fresh] = groups.try_emplace(std::move(text), firsts.size());
    if (fresh) firsts.push_back(&entry);
    of.push_back(it->second);
    return fresh;
  };
  // Entries sharing a compiled statement (and boundary) share all three.
  absl::flat_hash_map<std::pair<const void*, bool>, size_t> same;
  for (const SearchSide& side : sides_) {
    for (const auto& entry : side.statements.entries) {
      auto [it, fresh] = same.try_emplace(
          std::make_pair(static_cast<const void*>(entry.shared.get()),
                         side.statements.has_boundary),
          resource_of.size());
      if (!fresh) {
        resource_of.push_back(resource_of[it->second]);
        principal_of.push_back(principal_of[it->second]);
        action_of.push_back(action_of[it->second]);
        continue;
      }
      group(resource_groups, ResourceText(entry), resource_of, resource_first,
            entry);
      if (group(principal_groups,
                PrincipalText(entry, side.statements.has_boundary),
                principal_of, principal_first, entry)) {
        principal_boundary.push_back(side.statements.has_boundary);
      }
      group(action_groups, ActionText(*entry.source), action_of, action_first,
            entry);
    }
  }
  // A Resource element whose every pattern names its service literally
  // (a whole ARN part, matched exactly) matches no ARN of another service.
  std::vector<std::vector<std::string_view>> services(resource_first.size());
  std::vector<bool> by_service(resource_first.size(), false);
  for (size_t g = 0; g < resource_first.size(); ++g) {
    const Statement& s = *resource_first[g]->source;
    bool literal = s.has_resource && !s.not_resource && !s.resources.empty();
    for (const LocatedString& r : s.resources) {
      const ArnView arn = SplitArn(r.value);
      if (arn.count < 4 ||
          arn.parts[2].find_first_of("*?$") != std::string_view::npos) {
        literal = false;
        break;
      }
      services[g].push_back(arn.parts[2]);
    }
    by_service[g] = literal;
  }
  auto may_match = [&](size_t g, const ArnView& arn) {
    if (!by_service[g] || arn.count != 6) return true;
    return std::find(services[g].begin(), services[g].end(), arn.parts[2]) !=
           services[g].end();
  };
  targets_.resize(principals_.size());
  std::vector<uint8_t> resource_match(resource_first.size());
  std::vector<uint8_t> principal_match(principal_first.size());
  for (size_t p = 0; p < principals_.size(); ++p) {
    const PrincipalInfo& info = principal_info_[p];
    for (size_t g = 0; g < principal_first.size(); ++g) {
      principal_match[g] =
          static_cast<uint8_t>(principal_first[g]->compiled().MatchPrincipal(
              info, principal_boundary[g]));
    }
    targets_[p].resize(resources_.size());
    for (size_t r = 0; r < resources_.size(); ++r) {
      Request request = MakeRequest("", p, r);
      const RequestContext context(request, info);
      for (size_t g = 0; g < resource_first.size(); ++g) {
        resource_match[g] = may_match(g, resource_arn_[r]) &&
                            resource_first[g]->compiled().MatchesResource(
                                resource_arn_[r], &context);
      }
      std::vector<EntryMatch>& row = targets_[p][r];
      for (size_t e = 0; e < total_; ++e) {
        if (resource_match[resource_of[e]] == 0) continue;
        const uint8_t via = principal_match[principal_of[e]];
        if (via != 0) row.push_back(EntryMatch{static_cast<uint32_t>(e), via});
      }
    }
  }
  // Action matches per class.
  std::vector<uint8_t> action_match(action_first.size());
  for (const ActionClass& cls : classes_.classes) {
    for (size_t g = 0; g < action_first.size(); ++g) {
      action_match[g] =
          action_first[g]->compiled().MatchesAction(cls.representative);
    }
    std::vector<uint8_t> row(total_);
    for (size_t e = 0; e < total_; ++e) row[e] = action_match[action_of[e]];
    action_matches_.push_back(std::move(row));
  }
}

}  // namespace polygraph::iam::internal
