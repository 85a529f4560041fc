// Account: the principals of an account with their policies
// (iam_account.h).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/iam_account.h"

namespace polygraph::iam {

using ::polygraph::internal::ToAbsl;

std::string_view PrincipalKindName(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kUser:
      return "user";
    case PrincipalKind::kRole:
      return "role";
  }
  return "role";
}

std::string PrincipalLabel(const AccountPrincipal& principal) {
  return absl::StrCat(ToAbsl(PrincipalKindName(principal.kind)), " \"",
                      principal.name, "\"");
}

std::optional<size_t> Account::Find(std::string_view name_or_arn) const {
  for (size_t i = 0; i < principals.size(); ++i) {
    if (principals[i].name == name_or_arn || principals[i].arn == name_or_arn) {
      return i;
    }
  }
  for (size_t i = 0; i < principals.size(); ++i) {
    if (absl::EqualsIgnoreCase(ToAbsl(principals[i].name),
                               ToAbsl(name_or_arn))) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace polygraph::iam
