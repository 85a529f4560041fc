// CombineActions (lib/iam/minimize_internal.h).

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "iam/minimize_internal.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam::internal {
namespace {

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(text[i])) !=
        absl::ascii_tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

size_t CountWithPrefix(const Catalogue& catalogue,
                       const std::vector<size_t>& actions,
                       std::string_view prefix) {
  size_t count = 0;
  for (size_t index : actions) {
    count += StartsWithIgnoreCase(catalogue.action(index).name, prefix) ? 1 : 0;
  }
  return count;
}

}  // namespace

std::vector<std::string> CombineActions(
    const std::vector<std::string>& actions) {
  const Catalogue& catalogue = Catalogue::Builtin();
  ActionSet used = catalogue.None();
  std::set<std::string> out;
  // Service → the used catalogue actions of it.
  std::map<std::string, std::vector<size_t>> by_service;
  for (const std::string& action : actions) {
    std::optional<size_t> index = catalogue.FindAction(action);
    if (!index) {
      out.insert(action);
      continue;
    }
    used.Insert(*index);
    by_service[std::string(catalogue.action(*index).service)].push_back(*index);
  }
  if (by_service.empty()) return {out.begin(), out.end()};
  // Every catalogue action of the services in play.
  std::map<std::string, std::vector<size_t>> service_actions;
  for (size_t i = 0; i < catalogue.action_count(); ++i) {
    auto it = by_service.find(std::string(catalogue.action(i).service));
    if (it != by_service.end()) service_actions[it->first].push_back(i);
  }
  for (const auto& [service, indices] : by_service) {
    const std::vector<size_t>& all = service_actions[service];
    for (size_t index : indices) {
      const std::string_view name = catalogue.action(index).name;
      std::string written = catalogue.action(index).FullName();
      for (size_t length = 0; length <= name.size(); ++length) {
        const std::string_view prefix = name.substr(0, length);
        size_t covered = 0;
        bool subset = true;
        for (size_t other : all) {
          if (!StartsWithIgnoreCase(catalogue.action(other).name, prefix)) {
            continue;
          }
          ++covered;
          if (!used.Contains(other)) {
            subset = false;
            break;
          }
        }
        if (!subset) continue;
        if (covered < 2) break;  // only the action itself: write it out
        // The same actions under the longest prefix: the readable spelling.
        size_t longest = length;
        while (longest < name.size() &&
               CountWithPrefix(catalogue, all, name.substr(0, longest + 1)) ==
                   covered) {
          ++longest;
        }
        std::string pattern = absl::StrCat(
            service, ":", std::string(name.substr(0, longest)), "*");
        // The contract is stated over Expand: check it there too.
        if (catalogue.Expand(pattern).IsSubsetOf(used)) {
          written = std::move(pattern);
        }
        break;
      }
      out.insert(std::move(written));
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace polygraph::iam::internal
