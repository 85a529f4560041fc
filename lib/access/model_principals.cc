// Principals' memberships read from a Model (model_principals.h).

#include "access/model_principals.h"

#include <cstddef>
#include <set>

namespace polygraph::internal {

std::set<size_t> UserAndGroups(const Model& model, size_t user) {
  std::set<size_t> members = {user};
  const size_t n = model.resources().size();
  std::set<size_t> memberships;
  for (const Reference& reference : model.references()) {
    if (reference.to == user && reference.from < n) {
      memberships.insert(reference.from);
    }
  }
  for (const Reference& reference : model.references()) {
    if (reference.to >= n || reference.from >= n ||
        model.resources()[reference.to].kind != ResourceKind::kGroup) {
      continue;
    }
    if (reference.from == user ||
        (memberships.contains(reference.from) &&
         model.resources()[reference.from].kind == ResourceKind::kOther)) {
      members.insert(reference.to);
    }
  }
  return members;
}

}  // namespace polygraph::internal
