// The access part of Diff's delta: what IAM policy documents newly allow
// (exactly, through diff_access_exact.cc, where Compare can decide; else the
// actions each Allow statement's expansion adds, per Resource pattern), and
// principals resource and trust policies newly admit.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "api/diff_internal.h"
#include "base/strings.h"
#include "polygraph/glob.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::diff_internal {
namespace {

// What one document's Allow statements grant.
struct DocumentAccess {
  // Resource pattern ("*" when absent or NotResource) -> actions allowed.
  std::map<std::string, iam::ActionSet> actions;
  // The first statement granting on each pattern.
  std::map<std::string, SourceLocation> action_locations;
  // "AWS arn:...", "Service ec2.amazonaws.com", "*" -> where written.
  std::map<std::string, SourceLocation> principals;
};

DocumentAccess Summarise(const PolicyDocument& document,
                         const iam::Catalogue& catalogue) {
  DocumentAccess access;
  for (const iam::Statement& statement : document.policy.statements) {
    if (statement.effect != iam::Effect::kAllow) continue;
    if (document.kind != iam::PolicyKind::kTrust) {
      iam::ActionSet actions = catalogue.None();
      for (const iam::LocatedString& action : statement.actions) {
        if (!action.symbolic) actions |= catalogue.Expand(action.value);
      }
      if (statement.not_action) actions = actions.Complement();
      std::vector<std::string> patterns;
      if (!statement.has_resource || statement.not_resource) {
        patterns.push_back("*");
      } else {
        for (const iam::LocatedString& resource : statement.resources) {
          patterns.push_back(resource.value);
        }
      }
      for (const std::string& pattern : patterns) {
        auto [it, inserted] =
            access.actions.try_emplace(pattern, catalogue.None());
        it->second |= actions;
        access.action_locations.try_emplace(pattern, statement.location);
      }
    }
    if (document.kind == iam::PolicyKind::kIdentity || statement.not_principal)
      continue;
    for (const iam::Principal& principal : statement.principals) {
      std::string key =
          principal.type == "*"
              ? std::string("*")
              : absl::StrCat(principal.type, " ", principal.value.value);
      SourceLocation location = principal.value.location.known()
                                    ? principal.value.location
                                    : statement.location;
      access.principals.try_emplace(key, location);
    }
  }
  return access;
}

std::string DocumentKey(const Model& model, const PolicyDocument& document) {
  std::string owner = document.owner < model.resources().size()
                          ? model.resources()[document.owner].name
                          : "";
  return absl::StrCat(owner, "\x1f", document.name, "\x1f",
                      static_cast<int>(document.kind));
}

// "role AppRole", "trust policy of DeployRole", "policy of bucket Assets",
// "policy app-read" (a standalone file).
std::string Subject(const Model& model, const PolicyDocument& document) {
  if (document.owner >= model.resources().size()) {
    return absl::StrCat("policy ", document.name);
  }
  if (document.kind == iam::PolicyKind::kTrust) {
    return absl::StrCat("trust policy of ",
                        model.resources()[document.owner].name);
  }
  std::string owner = DescribeResource(model, document.owner);
  if (document.kind == iam::PolicyKind::kResource) {
    return absl::StrCat("policy of ", owner);
  }
  return owner;
}

std::string PrincipalText(const std::string& key) {
  if (key == "*") return "* (anyone)";
  size_t space = key.find(' ');
  std::string_view type = std::string_view(key).substr(0, space);
  std::string_view value = std::string_view(key).substr(space + 1);
  if (type == "AWS") {
    return std::string(value);
  }
  return absl::StrCat(absl::AsciiStrToLower(internal::ToAbsl(type)), " ",
                      internal::ToAbsl(value));
}

}  // namespace

std::string DescribeResource(const Model& model, size_t resource) {
  if (resource >= model.resources().size()) return "";
  const Resource& r = model.resources()[resource];
  std::string_view kind = ResourceKindName(r.kind);
  std::string words =
      absl::StrReplaceAll(std::string(kind.data(), kind.size()), {{"_", " "}});
  if (r.kind == ResourceKind::kOther) words = r.type;
  return absl::StrCat(words, " ", r.name);
}

size_t FindResourceByName(const Model& model, std::string_view name) {
  for (size_t i = 0; i < model.resources().size(); ++i) {
    if (model.resources()[i].name == name) return i;
  }
  return kNoResource;
}

std::vector<DeltaItem> AccessDelta(const Model& base, const Model& head) {
  const iam::Catalogue& catalogue = iam::Catalogue::Builtin();
  std::map<std::string, DocumentAccess> before;
  std::map<std::string, std::vector<const PolicyDocument*>> base_documents;
  for (const PolicyDocument& document : base.policies()) {
    DocumentAccess access = Summarise(document, catalogue);
    const std::string key = DocumentKey(base, document);
    base_documents[key].push_back(&document);
    DocumentAccess& merged = before[key];
    for (auto& [pattern, actions] : access.actions) {
      auto [it, inserted] = merged.actions.try_emplace(pattern, actions);
      if (!inserted) it->second |= actions;
    }
    merged.principals.merge(access.principals);
  }
  std::map<std::string, std::vector<const PolicyDocument*>> head_documents;
  for (const PolicyDocument& document : head.policies()) {
    head_documents[DocumentKey(head, document)].push_back(&document);
  }

  std::vector<DeltaItem> items;
  const DocumentAccess nothing;
  std::map<std::string, bool> compared;  // key -> decided exactly
  for (const PolicyDocument& document : head.policies()) {
    DocumentAccess after = Summarise(document, catalogue);
    const std::string key = DocumentKey(head, document);
    auto found = before.find(key);
    const DocumentAccess& old = found == before.end() ? nothing : found->second;
    std::string resource = document.owner < head.resources().size()
                               ? head.resources()[document.owner].name
                               : document.name;
    std::string subject = Subject(head, document);
    std::string verb = document.kind == iam::PolicyKind::kIdentity
                           ? " may now "
                           : " now allows ";
    bool exact = false;
    if (document.kind != iam::PolicyKind::kTrust) {
      auto [it, first] = compared.try_emplace(key, false);
      if (!first) {
        exact = it->second;  // this owner's documents were compared already
      } else {
        std::optional<std::vector<DeltaItem>> decided = ExactAccessItems(
            base_documents[key], head_documents[key],
            {.resource = resource, .subject = subject, .verb = verb});
        if (decided.has_value()) {
          items.insert(items.end(), decided->begin(), decided->end());
          it->second = exact = true;
        }
      }
    }
    if (!exact) {
      for (const auto& [pattern, actions] : after.actions) {
        iam::ActionSet added = actions;
        for (const auto& [old_pattern, old_actions] : old.actions) {
          if (old_pattern == pattern ||
              GlobMatch(old_pattern, pattern, GlobCase::kSensitive)) {
            added -= old_actions;
          }
        }
        if (added.Empty() || document.kind == iam::PolicyKind::kTrust) {
          continue;
        }
        std::vector<size_t> indices = added.Indices();
        std::string first = catalogue.action(indices.front()).FullName();
        std::string more =
            indices.size() > 1
                ? absl::StrCat(" (+", indices.size() - 1, " more)")
                : std::string();
        items.push_back({.kind = DeltaItem::Kind::kAccess,
                         .resource = resource,
                         .location = after.action_locations[pattern],
                         .description = absl::StrCat(subject, verb, first, more,
                                                     " on ", pattern)});
      }
    }
    for (const auto& [principal, location] : after.principals) {
      if (old.principals.contains(principal)) continue;
      items.push_back({.kind = DeltaItem::Kind::kAccess,
                       .resource = resource,
                       .location = location,
                       .description = absl::StrCat(subject, " now admits ",
                                                   PrincipalText(principal))});
    }
  }
  return items;
}

}  // namespace polygraph::diff_internal
