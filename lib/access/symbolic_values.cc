// SymbolResolver: literal stand-ins for unresolved template expressions in
// policies (symbolic_values.h).

#include "access/symbolic_values.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"

namespace polygraph::internal {

std::string SymbolKey(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      key.push_back(
          static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return key;
}

void SymbolResolver::Add(std::string_view name, std::string arn,
                         std::string plain_name) {
  entries_[SymbolKey(name)] =
      Entry{.arn = std::move(arn), .name = std::move(plain_name)};
}

std::string SymbolResolver::ResolveOne(std::string_view inner) const {
  if (inner == "AWS::AccountId") return account_id_;
  if (inner == "AWS::Partition") return "aws";
  if (inner == "AWS::Region") return "us-east-1";
  if (inner == "AWS::URLSuffix") return "amazonaws.com";
  std::string_view target = inner;
  bool arn = false;
  if (size_t dot = inner.rfind('.'); dot != std::string_view::npos) {
    std::string_view attribute = inner.substr(dot + 1);
    if (attribute == "Arn" || attribute == "arn") {
      target = inner.substr(0, dot);
      arn = true;
    }
  }
  auto it = entries_.find(SymbolKey(target));
  if (it != entries_.end()) return arn ? it->second.arn : it->second.name;
  return absl::StrCat("unresolved-", ToAbsl(inner));
}

std::string SymbolResolver::ResolveText(std::string_view rendering) const {
  std::string out;
  size_t i = 0;
  while (i < rendering.size()) {
    size_t open = rendering.find("${", i);
    if (open == std::string_view::npos) break;
    size_t close = rendering.find('}', open + 2);
    if (close == std::string_view::npos) break;
    out.append(rendering.substr(i, open - i));
    out += ResolveOne(rendering.substr(open + 2, close - open - 2));
    i = close + 1;
  }
  out.append(rendering.substr(std::min(i, rendering.size())));
  // No "${" may remain: the Authorizer would read a policy variable. One
  // that does (an unclosed expression) marks the whole text unresolved.
  const bool unclosed = out.find("${") != std::string::npos;
  std::string clean;
  for (size_t k = 0; k < out.size(); ++k) {
    if (out[k] == '$' && k + 1 < out.size() && out[k + 1] == '{') continue;
    clean.push_back(out[k]);
  }
  if (unclosed || clean == rendering || clean.empty()) {
    return absl::StrCat("unresolved-", ToAbsl(clean));
  }
  return clean;
}

namespace {

void ResolveAll(std::vector<iam::LocatedString>& values,
                const SymbolResolver& resolver) {
  for (iam::LocatedString& value : values) {
    if (!value.symbolic) continue;
    value.value = resolver.ResolveText(value.value);
    value.symbolic = false;
  }
}

}  // namespace

iam::Policy SymbolResolver::Resolve(const iam::Policy& policy) const {
  iam::Policy out = policy;
  for (iam::Statement& statement : out.statements) {
    ResolveAll(statement.actions, *this);
    ResolveAll(statement.resources, *this);
    for (iam::Principal& principal : statement.principals) {
      if (!principal.value.symbolic) continue;
      principal.value.value = ResolveText(principal.value.value);
      principal.value.symbolic = false;
    }
    for (iam::Condition& condition : statement.conditions) {
      ResolveAll(condition.values, *this);
    }
  }
  return out;
}

}  // namespace polygraph::internal
