// ParseCatalogue: the line format of lib/iam/catalogue_data/catalogue.txt
// (documented in that file's header) into CatalogueTables.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "base/strings.h"
#include "iam/catalogue_tables.h"
#include "polygraph/source_location.h"

namespace polygraph::iam::catalogue_internal {
namespace {

constexpr std::string_view kFileName = "catalogue.txt";

// One record: its tab-separated fields and where each starts.
struct Line {
  int number = 0;
  std::string_view text;
  std::vector<std::string_view> fields;
};

class Parser {
 public:
  explicit Parser(CatalogueTables& tables) : tables_(tables) {}

  absl::Status ParseLine(int number, std::string_view text);
  absl::Status Finish();

 private:
  absl::Status Error(const Line& line, std::string_view field,
                     std::string_view message) const {
    int column = 1 + static_cast<int>(field.data() - line.text.data());
    return InputError(
        SourceLocation{std::string(kFileName), line.number, column}, message);
  }
  absl::Status Arity(const Line& line, size_t fields) const;
  // The comma-separated items of `field`; an empty field is an empty list.
  absl::Status SplitList(const Line& line, std::string_view field,
                         std::vector<std::string_view>& items) const;
  absl::Status NeedService(const Line& line) const;
  void AddKeyType(std::string_view key, std::string_view type);
  void CloseService();

  absl::Status Global(const Line& line);
  absl::Status Service(const Line& line);
  absl::Status Key(const Line& line);
  absl::Status Resource(const Line& line);
  absl::Status Action(const Line& line);

  CatalogueTables& tables_;
  bool have_version_ = false;
  bool in_actions_ = false;  // an A line was read for the current service
  // The current service's resource types by name.
  absl::flat_hash_map<std::string_view, uint32_t> resource_by_name_;
};

absl::Status Parser::Arity(const Line& line, size_t fields) const {
  if (line.fields.size() == fields) return absl::OkStatus();
  return Error(line, line.text,
               absl::StrCat("a '", polygraph::internal::ToAbsl(line.fields[0]),
                            "' record has ", fields - 1, " fields, found ",
                            line.fields.size() - 1));
}

absl::Status Parser::SplitList(const Line& line, std::string_view field,
                               std::vector<std::string_view>& items) const {
  items.clear();
  if (field.empty()) return absl::OkStatus();
  size_t count = 1;
  for (char c : field) count += c == ',' ? 1 : 0;
  items.reserve(count);
  size_t start = 0;
  while (true) {
    size_t comma = field.find(',', start);
    std::string_view item = field.substr(
        start, comma == std::string_view::npos ? field.npos : comma - start);
    if (item.empty()) return Error(line, field, "empty list item");
    items.push_back(item);
    if (comma == std::string_view::npos) return absl::OkStatus();
    start = comma + 1;
  }
}

absl::Status Parser::NeedService(const Line& line) const {
  if (!tables_.services.empty()) return absl::OkStatus();
  return Error(line, line.text, "record before the first 'S' record");
}

void Parser::AddKeyType(std::string_view key, std::string_view type) {
  ConditionKeyEntry entry{key, type};
  if (!HasPlaceholder(key)) {
    tables_.key_types.try_emplace(key, type);
    return;
  }
  size_t colon = key.find(':');
  std::vector<ConditionKeyEntry>* group = &tables_.other_patterns;
  if (colon != std::string_view::npos &&
      !HasPlaceholder(key.substr(0, colon))) {
    group = &tables_.key_patterns[key.substr(0, colon)];
  }
  for (const ConditionKeyEntry& seen : *group) {
    if (EqualsFolded(seen.key, key)) return;
  }
  group->push_back(entry);
}

void Parser::CloseService() {
  if (tables_.services.empty()) return;
  tables_.services.back().end_action =
      static_cast<uint32_t>(tables_.actions.size());
}

absl::Status Parser::Global(const Line& line) {
  if (absl::Status status = Arity(line, 3); !status.ok()) return status;
  std::string_view key = line.fields[1];
  std::string_view type = line.fields[2];
  if (key.empty() || type.empty()) {
    return Error(line, line.text, "empty global key or type");
  }
  tables_.global_keys.push_back({key, type});
  if (HasPlaceholder(key)) {
    tables_.global_patterns.push_back({key, type});
  } else {
    tables_.global_exact.try_emplace(key, type);
  }
  AddKeyType(key, type);
  return absl::OkStatus();
}

absl::Status Parser::Service(const Line& line) {
  if (absl::Status status = Arity(line, 2); !status.ok()) return status;
  std::string_view prefix = line.fields[1];
  if (prefix.empty() || prefix.find(':') != prefix.npos) {
    return Error(line, prefix, "a service prefix must be non-empty text");
  }
  if (tables_.service_index.contains(prefix)) {
    return Error(
        line, prefix,
        absl::StrCat("service ", polygraph::internal::QuoteForMessage(prefix),
                     " appears twice"));
  }
  CloseService();
  tables_.service_index.emplace(prefix,
                                static_cast<uint32_t>(tables_.services.size()));
  ServiceEntry& service = tables_.services.emplace_back();
  service.prefix = prefix;
  service.first_action = static_cast<uint32_t>(tables_.actions.size());
  service.end_action = service.first_action;
  resource_by_name_.clear();
  in_actions_ = false;
  return absl::OkStatus();
}

absl::Status Parser::Key(const Line& line) {
  if (absl::Status status = NeedService(line); !status.ok()) return status;
  if (absl::Status status = Arity(line, 3); !status.ok()) return status;
  if (line.fields[1].empty() || line.fields[2].empty()) {
    return Error(line, line.text, "empty condition key or type");
  }
  AddKeyType(line.fields[1], line.fields[2]);
  return absl::OkStatus();
}

absl::Status Parser::Resource(const Line& line) {
  if (absl::Status status = NeedService(line); !status.ok()) return status;
  if (absl::Status status = Arity(line, 4); !status.ok()) return status;
  if (in_actions_) {
    return Error(line, line.text, "an 'R' record after the service's actions");
  }
  ServiceEntry& service = tables_.services.back();
  std::string_view name = line.fields[1];
  if (name.empty()) return Error(line, name, "empty resource type name");
  if (!resource_by_name_
           .emplace(name, static_cast<uint32_t>(service.resource_types.size()))
           .second) {
    return Error(line, name,
                 absl::StrCat("resource type ",
                              polygraph::internal::QuoteForMessage(name),
                              " appears twice"));
  }
  ResourceType& type = service.resource_types.emplace_back();
  type.service = service.prefix;
  type.name = name;
  type.arn_pattern = line.fields[2];
  return SplitList(line, line.fields[3], type.condition_keys);
}

absl::Status Parser::Action(const Line& line) {
  if (absl::Status status = NeedService(line); !status.ok()) return status;
  if (absl::Status status = Arity(line, 5); !status.ok()) return status;
  in_actions_ = true;
  ServiceEntry& service = tables_.services.back();
  std::string_view name = line.fields[1];
  if (name.empty() || name.find(':') != name.npos) {
    return Error(line, name, "an action name must be non-empty, without ':'");
  }
  ActionInfo action;
  action.service = service.prefix;
  action.name = name;
  std::string_view level = line.fields[2];
  if (level == "L") {
    action.access_level = AccessLevel::kList;
  } else if (level == "R") {
    action.access_level = AccessLevel::kRead;
  } else if (level == "W") {
    action.access_level = AccessLevel::kWrite;
  } else if (level == "P") {
    action.access_level = AccessLevel::kPermissionsManagement;
  } else if (level == "T") {
    action.access_level = AccessLevel::kTagging;
  } else {
    return Error(line, level,
                 absl::StrCat("unknown access level ",
                              polygraph::internal::QuoteForMessage(level)));
  }
  std::vector<std::string_view> resources;
  if (absl::Status status = SplitList(line, line.fields[3], resources);
      !status.ok()) {
    return status;
  }
  action.resources.reserve(resources.size());
  for (std::string_view resource : resources) {
    bool required = resource.back() == '*';
    if (required) resource.remove_suffix(1);
    auto it = resource_by_name_.find(resource);
    if (it == resource_by_name_.end()) {
      return Error(
          line, resource,
          absl::StrCat("unknown resource type ",
                       polygraph::internal::QuoteForMessage(resource)));
    }
    action.resources.push_back({resource, required});
    tables_.action_resources.push_back(&service.resource_types[it->second]);
  }
  tables_.resource_begin.push_back(
      static_cast<uint32_t>(tables_.action_resources.size()));
  if (absl::Status status =
          SplitList(line, line.fields[4], action.condition_keys);
      !status.ok()) {
    return status;
  }
  uint32_t index = static_cast<uint32_t>(tables_.actions.size());
  if (!tables_.action_index.emplace(ActionKey{service.prefix, name}, index)
           .second) {
    return Error(
        line, name,
        absl::StrCat("action ", polygraph::internal::QuoteForMessage(name),
                     " appears twice"));
  }
  tables_.actions.push_back(std::move(action));
  return absl::OkStatus();
}

absl::Status Parser::ParseLine(int number, std::string_view text) {
  if (text.empty() || text[0] == '#') return absl::OkStatus();
  Line line;
  line.number = number;
  line.text = text;
  size_t start = 0;
  while (true) {
    size_t tab = text.find('\t', start);
    line.fields.push_back(text.substr(
        start, tab == std::string_view::npos ? text.npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  std::string_view tag = line.fields[0];
  if (tag == "A") return Action(line);
  if (tag == "K") return Key(line);
  if (tag == "R") return Resource(line);
  if (tag == "S") return Service(line);
  if (tag == "G") return Global(line);
  if (tag == "V") {
    if (absl::Status status = Arity(line, 2); !status.ok()) return status;
    if (have_version_) return Error(line, text, "a second 'V' record");
    have_version_ = true;
    tables_.version = line.fields[1];
    return absl::OkStatus();
  }
  return Error(line, text,
               absl::StrCat("unknown record ",
                            polygraph::internal::QuoteForMessage(tag)));
}

absl::Status Parser::Finish() {
  CloseService();
  if (!have_version_) {
    return InputError(SourceLocation{std::string(kFileName), 1, 1},
                      "no 'V' record");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<CatalogueTables>> ParseCatalogue(
    absl::Span<const std::string_view> chunks) {
  auto tables = std::make_unique<CatalogueTables>();
  // Sizing the big tables up front avoids regrowing them.
  size_t action_lines = 0;
  for (std::string_view chunk : chunks) {
    for (size_t at = chunk.find("\nA\t"); at != chunk.npos;
         at = chunk.find("\nA\t", at + 1)) {
      ++action_lines;
    }
  }
  tables->actions.reserve(action_lines);
  tables->action_index.reserve(action_lines);
  tables->resource_begin.reserve(action_lines + 1);
  tables->resource_begin.push_back(0);

  Parser parser(*tables);
  int number = 0;
  for (std::string_view chunk : chunks) {
    while (!chunk.empty()) {
      size_t newline = chunk.find('\n');
      std::string_view text = chunk.substr(0, newline);
      chunk.remove_prefix(newline == chunk.npos ? chunk.size() : newline + 1);
      if (absl::Status status = parser.ParseLine(++number, text);
          !status.ok()) {
        return status;
      }
    }
  }
  if (absl::Status status = parser.Finish(); !status.ok()) return status;
  return tables;
}

}  // namespace polygraph::iam::catalogue_internal
