#ifndef POLYGRAPH_LIB_IAM_CATALOGUE_TABLES_H_
#define POLYGRAPH_LIB_IAM_CATALOGUE_TABLES_H_

// The parsed form of the catalogue text (lib/iam/catalogue_data/catalogue.txt,
// whose header documents the line format) behind iam::Catalogue, and the
// case-insensitive helpers its lookups use.
//
// Every std::string_view in the tables points into the text given to
// ParseCatalogue, which must outlive them; the embedded text is static, so
// the built-in tables are valid for the whole process.
//
// Thread safety: the tables are immutable once parsed; thread-safe to read.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam::catalogue_internal {

// The text of lib/iam/catalogue_data/catalogue.txt in the order it must be
// read, as static storage; defined in the file cmake/EmbedCatalogue.cmake
// generates. No line spans two chunks.
absl::Span<const std::string_view> EmbeddedCatalogueChunks();

// ASCII case-insensitive hashing and equality for hash containers.
struct FoldedHash {
  size_t operator()(std::string_view text) const;
};
struct FoldedEq {
  bool operator()(std::string_view a, std::string_view b) const;
};

bool EqualsFolded(std::string_view a, std::string_view b);

// True when the documented condition key `pattern` matches `key`: ASCII case
// is ignored, and a placeholder segment of the pattern ("${TagKey}" or
// "<key>") matches any non-empty text.
bool ConditionKeyMatches(std::string_view pattern, std::string_view key);

// True when `key` holds a placeholder segment ("${...}" or "<...>").
bool HasPlaceholder(std::string_view key);

struct ConditionKeyEntry {
  std::string_view key;   // as documented: "aws:RequestTag/${TagKey}"
  std::string_view type;  // "String"
};

struct ServiceEntry {
  std::string_view prefix;  // "s3"
  // The service's actions are actions[first_action, end_action).
  uint32_t first_action = 0;
  uint32_t end_action = 0;
  std::vector<ResourceType> resource_types;  // sorted by name, folded
};

struct ActionKey {
  std::string_view service;
  std::string_view name;
};
struct ActionKeyHash {
  size_t operator()(const ActionKey& key) const;
};
struct ActionKeyEq {
  bool operator()(const ActionKey& a, const ActionKey& b) const;
};

struct CatalogueTables {
  std::string_view version;
  std::vector<ConditionKeyEntry> global_keys;
  std::vector<ServiceEntry> services;  // sorted by prefix
  std::vector<ActionInfo> actions;     // grouped by service, in its order
  // action_resources[resource_begin[i] + j] is the ResourceType of
  // actions[i].resources[j]; resource_begin has actions.size() + 1 entries.
  std::vector<const ResourceType*> action_resources;
  std::vector<uint32_t> resource_begin;

  absl::flat_hash_map<std::string_view, uint32_t, FoldedHash, FoldedEq>
      service_index;
  absl::flat_hash_map<ActionKey, uint32_t, ActionKeyHash, ActionKeyEq>
      action_index;
  // Global keys without a placeholder, and those with one.
  absl::flat_hash_map<std::string_view, std::string_view, FoldedHash, FoldedEq>
      global_exact;
  std::vector<ConditionKeyEntry> global_patterns;
  // The type of every documented key without a placeholder (global keys
  // first, then services in order; the first spelling wins), and the keys
  // with one, grouped by the text before their ':' (folded); keys whose
  // text before ':' itself holds a placeholder are in `other_patterns`.
  absl::flat_hash_map<std::string_view, std::string_view, FoldedHash, FoldedEq>
      key_types;
  absl::flat_hash_map<std::string_view, std::vector<ConditionKeyEntry>,
                      FoldedHash, FoldedEq>
      key_patterns;
  std::vector<ConditionKeyEntry> other_patterns;
};

// Parses catalogue text given as chunks read in order (each ends at a line
// end, except perhaps the last). Errors are InvalidArgument with the
// location "catalogue.txt:<line>:<column>".
absl::StatusOr<std::unique_ptr<CatalogueTables>> ParseCatalogue(
    absl::Span<const std::string_view> chunks);

}  // namespace polygraph::iam::catalogue_internal

#endif  // POLYGRAPH_LIB_IAM_CATALOGUE_TABLES_H_
