// iam::Compare: the search over action classes, principals, resource cells
// and condition values (compare_search.h), every witness checked by
// Authorizer::Decide.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "iam/compare_internal.h"
#include "iam/compare_search.h"
#include "iam/request_context.h"
#include "polygraph/iam_compare.h"

namespace polygraph::iam::internal {
namespace {

constexpr size_t kMaxProduct = 20000;
constexpr size_t kMaxDecisions = 500000;

void AppendResourceTraits(const ArnView& arn, std::string& out) {
  if (arn.count != 6) {
    out += "short";
    return;
  }
  out += arn.parts[2];
  out += "|";
  out += arn.parts[4];
  out += arn.parts[5].starts_with("role/") ? "|role" : "|";
  out += arn.parts[5].starts_with("key/") ? "|key" : "|";
}

bool PatternsAllow(const std::vector<CellPattern>& ps, std::string_view s) {
  if (ps.empty()) return true;
  for (const CellPattern& p : ps) {
    if (CellMatches(p, s)) return true;
  }
  return false;
}

}  // namespace

Request Searcher::MakeRequest(const std::string& action, size_t p,
                              size_t r) const {
  Request request;
  request.principal = principals_[p];
  request.action = action;
  request.resource = resources_[r];
  request.resource_account = focus_.resource_account.empty()
                                 ? options_.resource_account
                                 : focus_.resource_account;
  request.context = base_context_;
  return request;
}

bool Searcher::Allows(const Decision& d) const {
  if (d.kind != DecisionKind::kAllow) return false;
  if (!focus_.require_resource_statement) return true;
  for (const DecidingStatement& s : d.statements) {
    if (s.role == PolicyRole::kResource) return true;
  }
  return false;
}

std::optional<Witness> Searcher::Verify(size_t x, int y, Request request) {
  Decision allowed = sides_[x].authorizer->Decide(request);
  if (!Allows(allowed)) return std::nullopt;
  Decision denied;
  if (y >= 0) {
    denied = sides_[static_cast<size_t>(y)].authorizer->Decide(request);
  } else {
    denied.kind = DecisionKind::kImplicitDeny;
    denied.reason = "not permitted by the check";
  }
  if (denied.kind == DecisionKind::kAllow) return std::nullopt;
  return Witness{std::move(request), std::move(allowed), std::move(denied)};
}

const std::vector<size_t>& Searcher::Picks(size_t p, size_t k,
                                           const std::vector<size_t>& slots) {
  std::vector<size_t> key = {p, k};
  key.insert(key.end(), slots.begin(), slots.end());
  auto [it, fresh] = picks_.try_emplace(std::move(key));
  if (!fresh) return it->second;
  std::vector<size_t>& picks = it->second;
  std::vector<uint8_t> seen, projected;
  const size_t width = slots.size();
  for (size_t l = 0; l < keys_[k].lists.size(); ++l) {
    projected.clear();
    for (size_t slot : slots)
      projected.push_back(Verdict(p, k, l, slot) ? 1 : 0);
    bool dup = false;
    for (size_t at = 0; at < seen.size() && !dup; at += width) {
      dup = std::equal(projected.begin(), projected.end(), seen.begin() + at);
    }
    if (dup) continue;
    seen.insert(seen.end(), projected.begin(), projected.end());
    picks.push_back(l);
  }
  return picks;
}

std::optional<Witness> Searcher::SearchContexts(
    size_t x, int y, size_t p, size_t r, const ActionClass& cls,
    const std::vector<EntryMatch>& match) {
  // The conditions of statements whose target matched.
  relevant_.resize(keys_.size());
  for (std::vector<size_t>& slots : relevant_) slots.clear();
  for (const EntryMatch& m : match) {
    for (const CondAt& at : *entry_conds_[m.entry]) {
      std::vector<size_t>& slots = relevant_[at.key];
      if (std::find(slots.begin(), slots.end(), at.slot) == slots.end()) {
        slots.push_back(at.slot);
      }
    }
  }
  // Per relevant key, one value list per distinct verdict vector.
  std::vector<std::pair<size_t, const std::vector<size_t>*>> choices;
  size_t product = 1;
  for (size_t k = 0; k < keys_.size(); ++k) {
    if (relevant_[k].empty()) continue;
    std::sort(relevant_[k].begin(), relevant_[k].end());
    const std::vector<size_t>& picks = Picks(p, k, relevant_[k]);
    product = std::min(product * picks.size(), kMaxProduct + 1);
    choices.emplace_back(k, &picks);
  }
  if (product > kMaxProduct) {
    Note(absl::StrCat("for ", cls.representative,
                      " the condition values were tried only up to ",
                      kMaxProduct, " combinations; the answer is not proven"));
  }
  std::vector<size_t> choice_of_key(keys_.size(), 0);
  for (size_t i = 0; i < choices.size(); ++i) {
    choice_of_key[choices[i].first] = i;
  }
  const RequestTraits traits =
      TraitsOf(cls.representative, principal_info_[p], resource_arn_[r],
               focus_.resource_account.empty()
                   ? std::string_view(options_.resource_account)
                   : std::string_view(focus_.resource_account));
  // Side x allows only when one of its matched Allow statements has every
  // condition true (the account root and sts:GetCallerIdentity aside):
  // combinations where none does are skipped without deciding.
  std::vector<uint32_t> x_allows;
  for (const EntryMatch& m : match) {
    if (entry_side_[m.entry] == x &&
        entry_hit_[m.entry].effect == Effect::kAllow) {
      x_allows.push_back(m.entry);
    }
  }
  const bool unconditional = traits.get_caller_identity || traits.is_root;
  std::vector<size_t> digit(choices.size(), 0);
  auto advance = [&]() {
    for (size_t i = 0; i < choices.size(); ++i) {
      if (++digit[i] < choices[i].second->size()) break;
      digit[i] = 0;
    }
  };
  auto holds = [&](uint32_t e) {
    for (const CondAt& at : *entry_conds_[e]) {
      const size_t i = choice_of_key[at.key];
      if (!Verdict(p, at.key, (*choices[i].second)[digit[i]], at.slot)) {
        return false;
      }
    }
    return true;
  };
  auto may_allow = [&]() {
    if (unconditional) return true;
    for (uint32_t e : x_allows) {
      if (holds(e)) return true;
    }
    return false;
  };
  std::vector<StatementHit> hits;
  auto quick = [&](size_t s) {
    hits.clear();
    for (const EntryMatch& m : match) {
      if (entry_side_[m.entry] != s || !holds(m.entry)) continue;
      StatementHit hit = entry_hit_[m.entry];
      hit.via = static_cast<PrincipalMatch>(m.via);
      hits.push_back(hit);
    }
    return QuickDecide(sides_[s].shape, traits, hits.data(), hits.size());
  };
  for (size_t n = 0; n < std::min(product, kMaxProduct); ++n) {
    if (!may_allow()) {
      advance();
      continue;
    }
    if (decisions_ >= kMaxDecisions) {
      Note(
          "the search stopped at its decision limit; the answer is not "
          "proven");
      return std::nullopt;
    }
    ++decisions_;
    const QuickDecision allowed = quick(x);
    if (allowed.allow &&
        (!focus_.require_resource_statement || allowed.cites_resource) &&
        (y < 0 || !quick(static_cast<size_t>(y)).allow)) {
      Request request = MakeRequest(cls.representative, p, r);
      for (size_t i = 0; i < choices.size(); ++i) {
        const SearchKey& key = keys_[choices[i].first];
        const ValueList& list = key.lists[(*choices[i].second)[digit[i]]];
        if (list) request.context[key.name] = *list;
      }
      std::optional<Witness> w = Verify(x, y, std::move(request));
      if (w.has_value()) return w;
      Note(
          "a candidate request was decided differently by Decide than by the "
          "search's tables; the answer is not proven");
    }
    advance();
  }
  return std::nullopt;
}

DirectionResult Searcher::Run(size_t x, int y) {
  DirectionResult out;
  std::vector<CellPattern> action_focus, resource_focus;
  for (const std::string& a : focus_.actions) {
    absl::StatusOr<CellPattern> p = TextCellPattern(a, true, true, false);
    if (p.ok()) action_focus.push_back(*std::move(p));
  }
  for (const std::string& r : focus_.resources) {
    absl::StatusOr<std::optional<CellPattern>> p = ArnCellPattern(r, false);
    if (p.ok() && p->has_value()) resource_focus.push_back(**p);
  }
  // What Decide reads of a resource beyond the statements, numbered.
  std::vector<bool> resource_ok(resources_.size());
  std::vector<uint32_t> traits(resources_.size());
  absl::flat_hash_map<std::string, uint32_t> trait_ids;
  for (size_t r = 0; r < resources_.size(); ++r) {
    resource_ok[r] = PatternsAllow(resource_focus, resources_[r]);
    std::string text;
    AppendResourceTraits(resource_arn_[r], text);
    traits[r] =
        trait_ids.try_emplace(text, static_cast<uint32_t>(trait_ids.size()))
            .first->second;
  }
  absl::flat_hash_map<std::string, std::optional<Witness>> cache;
  std::vector<EntryMatch> match;
  std::string signature;
  for (size_t ci = 0; ci < classes_.classes.size(); ++ci) {
    const ActionClass& cls = classes_.classes[ci];
    if (!PatternsAllow(action_focus, cls.representative)) continue;
    const std::vector<uint8_t>& action_match = action_matches_[ci];
    const bool special =
        EqualsIgnoreCase(cls.representative, "sts:GetCallerIdentity");
    const bool assume_role =
        cls.representative.size() >= 14 &&
        EqualsIgnoreCase(std::string_view(cls.representative).substr(0, 14),
                         "sts:assumerole");
    std::optional<Witness> found;
    for (size_t p = 0; p < principals_.size() && !found; ++p) {
      const bool root =
          principal_info_[p].kind == PrincipalInfo::Kind::kAccountRoot;
      for (size_t r = 0; r < resources_.size() && !found; ++r) {
        if (!resource_ok[r]) continue;
        // The entries whose action and target match; skipped when no
        // Allow statement of side x applies (Decide could not allow).
        match.clear();
        bool allow_hit = false;
        signature.clear();
        for (const EntryMatch& m : targets_[p][r]) {
          if (action_match[m.entry] == 0) continue;
          match.push_back(m);
          allow_hit =
              allow_hit || (entry_side_[m.entry] == x &&
                            entry_hit_[m.entry].effect == Effect::kAllow);
          signature.append(reinterpret_cast<const char*>(&m.entry),
                           sizeof(m.entry));
          signature.push_back(static_cast<char>(m.via));
        }
        if (!allow_hit && !special && !root) continue;
        const uint32_t tail[3] = {
            static_cast<uint32_t>(p), traits[r],
            (special ? 1u : 0u) | (assume_role ? 2u : 0u)};
        signature.push_back('|');
        signature.append(reinterpret_cast<const char*>(tail), sizeof(tail));
        auto it = cache.find(signature);
        if (it != cache.end() && !it->second) continue;
        if (it != cache.end()) {
          // Same verdicts for every context: replay the context found.
          Request request = MakeRequest(cls.representative, p, r);
          request.context = it->second->request.context;
          if (std::optional<Witness> w = Verify(x, y, std::move(request))) {
            found = std::move(w);
            continue;
          }
        }
        std::optional<Witness> w = SearchContexts(x, y, p, r, cls, match);
        cache[signature] = w;
        found = std::move(w);
      }
    }
    if (!found) continue;
    for (std::string& m : cls.Names()) out.actions.push_back(std::move(m));
    if (out.witnesses.size() < options_.max_witnesses) {
      out.witnesses.push_back(*std::move(found));
    }
  }
  std::sort(out.actions.begin(), out.actions.end());
  return out;
}

absl::StatusOr<SearchResult> Search(const PolicySet& first,
                                    const PolicySet* second,
                                    const SearchFocus& focus,
                                    const CompareOptions& options) {
  Searcher searcher(focus, options);
  if (absl::Status s = searcher.Prepare(first, second); !s.ok()) return s;
  searcher.result.forward = searcher.Run(0, second != nullptr ? 1 : -1);
  if (second != nullptr) searcher.result.backward = searcher.Run(1, 0);
  return std::move(searcher.result);
}

}  // namespace polygraph::iam::internal

namespace polygraph::iam {

absl::StatusOr<Comparison> Compare(const PolicySet& a, const PolicySet& b,
                                   const CompareOptions& options) {
  absl::StatusOr<internal::SearchResult> found =
      internal::Search(b, &a, internal::SearchFocus{}, options);
  if (!found.ok()) return found.status();
  Comparison out;
  out.only_b = std::move(found->forward.witnesses);
  out.only_b_actions = std::move(found->forward.actions);
  out.only_a = std::move(found->backward.witnesses);
  out.only_a_actions = std::move(found->backward.actions);
  out.unknown_actions = std::move(found->unknown_actions);
  out.notes = std::move(found->notes);
  return out;
}

}  // namespace polygraph::iam
