// Catalogue: lookups over the tables parsed from the embedded catalogue text.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/catalogue_tables.h"
#include "polygraph/glob.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam {

using catalogue_internal::CatalogueTables;
using catalogue_internal::ConditionKeyEntry;
using catalogue_internal::ConditionKeyMatches;

std::string_view AccessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::kList:
      return "List";
    case AccessLevel::kRead:
      return "Read";
    case AccessLevel::kWrite:
      return "Write";
    case AccessLevel::kPermissionsManagement:
      return "Permissions management";
    case AccessLevel::kTagging:
      return "Tagging";
  }
  return "Unknown";
}

std::string ActionInfo::FullName() const {
  return absl::StrCat(polygraph::internal::ToAbsl(service), ":",
                      polygraph::internal::ToAbsl(name));
}

struct Catalogue::Data {
  std::unique_ptr<CatalogueTables> tables;
  // The version when the embedded text failed to parse (a build defect the
  // tests catch); the catalogue is then empty rather than aborting the host.
  std::string failure;
};

Catalogue::Catalogue(const Data* data) : data_(data) {}

Catalogue::~Catalogue() { delete data_; }

const Catalogue& Catalogue::Builtin() {
  static const Catalogue* const kBuiltin = [] {
    auto* data = new Data;
    absl::StatusOr<std::unique_ptr<CatalogueTables>> tables =
        catalogue_internal::ParseCatalogue(
            catalogue_internal::EmbeddedCatalogueChunks());
    if (tables.ok()) {
      data->tables = *std::move(tables);
    } else {
      data->tables = std::make_unique<CatalogueTables>();
      data->tables->resource_begin.push_back(0);
      data->failure = absl::StrCat(
          "unavailable: the built-in catalogue is "
          "malformed: ",
          tables.status().message());
      data->tables->version = data->failure;
    }
    return new Catalogue(data);
  }();
  return *kBuiltin;
}

std::string_view Catalogue::version() const { return data_->tables->version; }

size_t Catalogue::action_count() const { return data_->tables->actions.size(); }

const ActionInfo& Catalogue::action(size_t index) const {
  return data_->tables->actions[index];
}

std::optional<size_t> Catalogue::FindAction(std::string_view full_name) const {
  size_t colon = full_name.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto& index = data_->tables->action_index;
  auto it = index.find(catalogue_internal::ActionKey{
      full_name.substr(0, colon), full_name.substr(colon + 1)});
  if (it == index.end()) return std::nullopt;
  return it->second;
}

bool Catalogue::HasService(std::string_view prefix) const {
  return data_->tables->service_index.contains(prefix);
}

const ResourceType* Catalogue::FindResourceType(std::string_view service,
                                                std::string_view name) const {
  const CatalogueTables& tables = *data_->tables;
  auto it = tables.service_index.find(service);
  if (it == tables.service_index.end()) return nullptr;
  const std::vector<ResourceType>& types =
      tables.services[it->second].resource_types;
  const ResourceType* folded_match = nullptr;
  for (const ResourceType& type : types) {
    if (type.name == name) return &type;
    if (folded_match == nullptr &&
        catalogue_internal::EqualsFolded(type.name, name)) {
      folded_match = &type;
    }
  }
  return folded_match;
}

ActionSet Catalogue::Expand(std::string_view pattern) const {
  const CatalogueTables& tables = *data_->tables;
  ActionSet result = None();
  if (pattern == "*") return All();
  // Action names hold no ':', so the pattern's first ':' must meet the one
  // between service and name: the part before it matches the service
  // prefix and the rest the action name.
  size_t colon = pattern.find(':');
  if (colon == std::string_view::npos) return result;
  std::string_view service_pattern = pattern.substr(0, colon);
  std::string_view name_pattern = pattern.substr(colon + 1);

  auto add_service = [&](const catalogue_internal::ServiceEntry& service) {
    if (name_pattern == "*") {
      for (uint32_t i = service.first_action; i < service.end_action; ++i) {
        result.Insert(i);
      }
      return;
    }
    for (uint32_t i = service.first_action; i < service.end_action; ++i) {
      if (GlobMatch(name_pattern, tables.actions[i].name,
                    GlobCase::kInsensitive)) {
        result.Insert(i);
      }
    }
  };
  if (!IsGlobPattern(service_pattern)) {
    auto it = tables.service_index.find(service_pattern);
    if (it != tables.service_index.end()) {
      add_service(tables.services[it->second]);
    }
    return result;
  }
  for (const catalogue_internal::ServiceEntry& service : tables.services) {
    if (GlobMatch(service_pattern, service.prefix, GlobCase::kInsensitive)) {
      add_service(service);
    }
  }
  return result;
}

ActionSet Catalogue::None() const { return ActionSet(action_count()); }

ActionSet Catalogue::All() const { return None().Complement(); }

namespace {

bool AnyMatches(const std::vector<std::string_view>& patterns,
                std::string_view key) {
  for (std::string_view pattern : patterns) {
    if (ConditionKeyMatches(pattern, key)) return true;
  }
  return false;
}

bool AnyEntryMatches(const std::vector<ConditionKeyEntry>& entries,
                     std::string_view key, std::string_view* type) {
  for (const ConditionKeyEntry& entry : entries) {
    if (ConditionKeyMatches(entry.key, key)) {
      if (type != nullptr) *type = entry.type;
      return true;
    }
  }
  return false;
}

}  // namespace

bool Catalogue::IsConditionKeyValid(const ActionInfo& action,
                                    std::string_view key) const {
  const CatalogueTables& tables = *data_->tables;
  if (key.empty()) return false;
  if (tables.global_exact.contains(key) ||
      AnyEntryMatches(tables.global_patterns, key, nullptr)) {
    return true;
  }
  if (AnyMatches(action.condition_keys, key)) return true;
  const ActionInfo* first = tables.actions.data();
  if (&action >= first && &action < first + tables.actions.size()) {
    size_t index = static_cast<size_t>(&action - first);
    for (uint32_t i = tables.resource_begin[index];
         i < tables.resource_begin[index + 1]; ++i) {
      if (AnyMatches(tables.action_resources[i]->condition_keys, key)) {
        return true;
      }
    }
    return false;
  }
  // An ActionInfo the caller built: resolve its resource types by name.
  for (const ActionResource& resource : action.resources) {
    const ResourceType* type = FindResourceType(action.service, resource.name);
    if (type != nullptr && AnyMatches(type->condition_keys, key)) return true;
  }
  return false;
}

std::optional<std::string_view> Catalogue::ConditionKeyType(
    std::string_view key) const {
  const CatalogueTables& tables = *data_->tables;
  if (auto it = tables.key_types.find(key); it != tables.key_types.end()) {
    return it->second;
  }
  std::string_view type;
  size_t colon = key.find(':');
  if (colon != std::string_view::npos) {
    auto it = tables.key_patterns.find(key.substr(0, colon));
    if (it != tables.key_patterns.end() &&
        AnyEntryMatches(it->second, key, &type)) {
      return type;
    }
  }
  if (AnyEntryMatches(tables.other_patterns, key, &type)) return type;
  return std::nullopt;
}

}  // namespace polygraph::iam
