#include "terraform/iam_policy_document.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "base/strings.h"
#include "polygraph/document.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform::internal {
namespace {

using polygraph::internal::ToAbsl;

// A string or a list of strings, as the provider's model holds Action,
// identifiers and condition values.
struct Strings {
  bool is_list = false;
  std::vector<std::string> items;
};

struct Principal {
  std::string type;
  Strings identifiers;
};

struct Condition {
  std::string test;
  std::string variable;
  Strings values;
};

struct Statement {
  // Where the statement block is, and where each element it gives is
  // written ("Action" -> the actions argument), for located documents.
  SourceLocation location;
  std::map<std::string, SourceLocation> element_locations;
  std::string sid;
  std::string effect;
  // Action, NotAction, Resource, NotResource as they will be written.
  std::optional<Value> action, not_action, resource, not_resource;
  std::vector<Principal> principals, not_principals;
  std::vector<Condition> conditions;
};

struct Document {
  std::string version;
  std::string id;
  std::vector<Statement> statements;
};

// ---------------------------------------------------------------- writing

Value StringValue(std::string text) {
  Value value;
  value.kind = Value::Kind::kString;
  value.text = std::move(text);
  return value;
}

Value ObjectValue() {
  Value value;
  value.kind = Value::Kind::kObject;
  return value;
}

void AddMember(Value& object, std::string key, Value member) {
  object.keys.push_back(std::move(key));
  object.key_locations.emplace_back();
  object.items.push_back(std::move(member));
}

Value StringsValue(const Strings& strings) {
  if (!strings.is_list) return StringValue(strings.items.front());
  Value list;
  list.kind = Value::Kind::kArray;
  for (const std::string& item : strings.items) {
    list.items.push_back(StringValue(item));
  }
  return list;
}

// A JSON string as Go's encoder writes it: HTML-sensitive characters and
// U+2028/U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
void AppendQuoted(std::string& out, std::string_view text) {
  functions_internal::AppendJsonString(text, out);
}

// `indent` < 0: compact; else that many levels of two spaces.
void AppendJson(std::string& out, const Value& value, int indent) {
  auto newline = [&](int depth) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<size_t>(depth) * 2, ' ');
  };
  switch (value.kind) {
    case Value::Kind::kNull:
      out += "null";
      return;
    case Value::Kind::kBool:
      out += value.boolean ? "true" : "false";
      return;
    case Value::Kind::kNumber:
      out += value.text;
      return;
    case Value::Kind::kString:
      AppendQuoted(out, value.text);
      return;
    case Value::Kind::kArray:
      if (value.items.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ',';
        newline(indent + 1);
        AppendJson(out, value.items[i], indent < 0 ? -1 : indent + 1);
      }
      newline(indent);
      out += ']';
      return;
    case Value::Kind::kObject:
      if (value.items.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ',';
        newline(indent + 1);
        AppendQuoted(out, value.keys[i]);
        out += indent < 0 ? ":" : ": ";
        AppendJson(out, value.items[i], indent < 0 ? -1 : indent + 1);
      }
      newline(indent);
      out += '}';
      return;
  }
}

std::optional<Value> PrincipalsValue(std::vector<Principal> principals) {
  if (principals.empty()) return std::nullopt;
  if (principals.size() == 1 && principals[0].type == "*" &&
      principals[0].identifiers.items == std::vector<std::string>{"*"}) {
    return StringValue("*");
  }
  std::map<std::string, Strings> by_type;
  for (Principal& principal : principals) {
    auto found = by_type.find(principal.type);
    std::vector<std::string>& ids = principal.identifiers.items;
    if (principal.identifiers.is_list) {
      Strings& group = by_type[principal.type];
      if (found == by_type.end() || !group.is_list) group.is_list = true;
      std::sort(ids.begin(), ids.end(), std::greater<>());
      group.items.insert(group.items.end(), ids.begin(), ids.end());
    } else if (found == by_type.end()) {
      by_type[principal.type] = principal.identifiers;
    } else {
      found->second.is_list = true;
      found->second.items.push_back(ids.front());
    }
  }
  Value object = ObjectValue();
  for (auto& [type, identifiers] : by_type) {
    AddMember(object, type, StringsValue(identifiers));
  }
  return object;
}

std::optional<Value> ConditionsValue(const std::vector<Condition>& conditions) {
  if (conditions.empty()) return std::nullopt;
  std::map<std::string, std::map<std::string, std::vector<std::string>>> raw;
  for (const Condition& condition : conditions) {
    std::vector<std::string>& values = raw[condition.test][condition.variable];
    values.insert(values.end(), condition.values.items.begin(),
                  condition.values.items.end());
  }
  Value object = ObjectValue();
  for (auto& [test, variables] : raw) {
    Value inner = ObjectValue();
    for (auto& [variable, values] : variables) {
      AddMember(inner, variable,
                StringsValue({.is_list = values.size() != 1, .items = values}));
    }
    AddMember(object, test, std::move(inner));
  }
  return object;
}

// Gives `value` and the nodes under it that have no location `location`.
void Locate(Value& value, const SourceLocation& location) {
  if (value.location.file.empty()) value.location = location;
  for (SourceLocation& key_location : value.key_locations) {
    if (key_location.file.empty()) key_location = location;
  }
  for (Value& item : value.items) Locate(item, location);
}

Value StatementValue(const Statement& statement) {
  Value object = ObjectValue();
  if (!statement.sid.empty()) {
    AddMember(object, "Sid", StringValue(statement.sid));
  }
  if (!statement.effect.empty()) {
    AddMember(object, "Effect", StringValue(statement.effect));
  }
  if (statement.action) AddMember(object, "Action", *statement.action);
  if (statement.not_action) {
    AddMember(object, "NotAction", *statement.not_action);
  }
  if (statement.resource) AddMember(object, "Resource", *statement.resource);
  if (statement.not_resource) {
    AddMember(object, "NotResource", *statement.not_resource);
  }
  if (auto principal = PrincipalsValue(statement.principals)) {
    AddMember(object, "Principal", std::move(*principal));
  }
  if (auto principal = PrincipalsValue(statement.not_principals)) {
    AddMember(object, "NotPrincipal", std::move(*principal));
  }
  if (auto condition = ConditionsValue(statement.conditions)) {
    AddMember(object, "Condition", std::move(*condition));
  }
  // Each element at the argument it came from, else at the block.
  object.location = statement.location;
  for (size_t i = 0; i < object.keys.size(); ++i) {
    auto at = statement.element_locations.find(object.keys[i]);
    const SourceLocation& location = at != statement.element_locations.end()
                                         ? at->second
                                         : statement.location;
    object.key_locations[i] = location;
    Locate(object.items[i], location);
  }
  return object;
}

Value DocumentValue(const Document& document) {
  Value object = ObjectValue();
  if (!document.version.empty()) {
    AddMember(object, "Version", StringValue(document.version));
  }
  if (!document.id.empty()) AddMember(object, "Id", StringValue(document.id));
  if (!document.statements.empty()) {
    Value list;
    list.kind = Value::Kind::kArray;
    for (const Statement& statement : document.statements) {
      list.items.push_back(StatementValue(statement));
    }
    AddMember(object, "Statement", std::move(list));
  }
  return object;
}

// Later documents adopt Id and a higher Version and replace statements of
// the same Sid.
void Merge(Document& into, Document from) {
  if (!from.id.empty()) into.id = from.id;
  if (from.version > into.version) into.version = from.version;
  for (Statement& statement : from.statements) {
    auto same =
        statement.sid.empty()
            ? into.statements.end()
            : std::find_if(into.statements.begin(), into.statements.end(),
                           [&](const Statement& existing) {
                             return existing.sid == statement.sid;
                           });
    if (same != into.statements.end()) {
      *same = std::move(statement);
    } else {
      into.statements.push_back(std::move(statement));
    }
  }
}

// ------------------------------------------------- policy JSON documents

// The member matching `name` case-insensitively (an exact match first), as
// Go's decoder finds struct fields.
const Value* FindField(const Value& object, std::string_view name) {
  if (const Value* exact = object.Find(name)) return exact;
  for (size_t i = 0; i < object.keys.size(); ++i) {
    if (absl::EqualsIgnoreCase(ToAbsl(object.keys[i]), ToAbsl(name))) {
      return &object.items[i];
    }
  }
  return nullptr;
}

absl::Status StringField(const Value& object, std::string_view name,
                         std::string& out) {
  const Value* field = FindField(object, name);
  if (field == nullptr || field->is_null()) return absl::OkStatus();
  if (!field->is_string()) {
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(name), " must be a string"));
  }
  out = field->text;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Principal>> ParsePrincipals(const Value& value) {
  std::vector<Principal> principals;
  if (value.is_null()) return principals;
  if (value.is_string()) {
    principals.push_back(
        {.type = "*", .identifiers = {.is_list = true, .items = {"*"}}});
    return principals;
  }
  if (!value.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat("a principal must be a string or an object, not ",
                     ToAbsl(Value::KindName(value.kind))));
  }
  for (size_t i = 0; i < value.keys.size(); ++i) {
    const Value& ids = value.items[i];
    Principal principal{.type = value.keys[i], .identifiers = {}};
    if (ids.is_string()) {
      principal.identifiers.items.push_back(ids.text);
    } else if (ids.is_array()) {
      principal.identifiers.is_list = true;
      for (const Value& id : ids.items) {
        if (!id.is_string()) {
          return absl::InvalidArgumentError(
              absl::StrCat("the identifiers of principal type ", value.keys[i],
                           " must be strings"));
        }
        principal.identifiers.items.push_back(id.text);
      }
      std::sort(principal.identifiers.items.begin(),
                principal.identifiers.items.end());
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("the identifiers of principal type ", value.keys[i],
                       " must be a string or a list"));
    }
    principals.push_back(std::move(principal));
  }
  return principals;
}

absl::StatusOr<std::vector<Condition>> ParseConditions(const Value& value) {
  std::vector<Condition> conditions;
  if (value.is_null()) return conditions;
  if (!value.is_object()) {
    return absl::InvalidArgumentError("Condition must be an object");
  }
  for (size_t i = 0; i < value.keys.size(); ++i) {
    const Value& variables = value.items[i];
    if (variables.is_null()) continue;
    if (!variables.is_object()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "condition operator ", value.keys[i], " must hold an object"));
    }
    for (size_t j = 0; j < variables.keys.size(); ++j) {
      const Value& values = variables.items[j];
      Condition condition{
          .test = value.keys[i], .variable = variables.keys[j], .values = {}};
      if (values.is_string() || values.is_bool()) {
        condition.values.items.push_back(values.text);
      } else if (values.is_array()) {
        condition.values.is_list = true;
        for (const Value& item : values.items) {
          if (!item.is_string()) {
            return absl::InvalidArgumentError(
                absl::StrCat("the values of condition key ", variables.keys[j],
                             " must be strings"));
          }
          condition.values.items.push_back(item.text);
        }
      } else {
        continue;  // the provider drops other kinds
      }
      conditions.push_back(std::move(condition));
    }
  }
  return conditions;
}

absl::StatusOr<Statement> ParseStatement(const Value& value) {
  if (!value.is_object()) {
    return absl::InvalidArgumentError("a statement must be an object");
  }
  Statement statement;
  if (absl::Status s = StringField(value, "Sid", statement.sid); !s.ok()) {
    return s;
  }
  if (absl::Status s = StringField(value, "Effect", statement.effect);
      !s.ok()) {
    return s;
  }
  auto any_field = [&](std::string_view name, std::optional<Value>& out) {
    const Value* field = FindField(value, name);
    if (field != nullptr && !field->is_null()) out = *field;
  };
  any_field("Action", statement.action);
  any_field("NotAction", statement.not_action);
  any_field("Resource", statement.resource);
  any_field("NotResource", statement.not_resource);
  if (const Value* field = FindField(value, "Principal")) {
    absl::StatusOr<std::vector<Principal>> principals = ParsePrincipals(*field);
    if (!principals.ok()) return principals.status();
    statement.principals = *std::move(principals);
  }
  if (const Value* field = FindField(value, "NotPrincipal")) {
    absl::StatusOr<std::vector<Principal>> principals = ParsePrincipals(*field);
    if (!principals.ok()) return principals.status();
    statement.not_principals = *std::move(principals);
  }
  if (const Value* field = FindField(value, "Condition")) {
    absl::StatusOr<std::vector<Condition>> conditions = ParseConditions(*field);
    if (!conditions.ok()) return conditions.status();
    statement.conditions = *std::move(conditions);
  }
  return statement;
}

absl::StatusOr<Document> ParsePolicyJson(std::string_view text) {
  absl::StatusOr<Value> parsed = ParseJson(text, "");
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(ErrorReason(parsed.status()));
  }
  Document document;
  if (parsed->is_null()) return document;
  if (!parsed->is_object()) {
    return absl::InvalidArgumentError("a policy document must be an object");
  }
  if (absl::Status s = StringField(*parsed, "Version", document.version);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = StringField(*parsed, "Id", document.id); !s.ok()) {
    return s;
  }
  const Value* statements = FindField(*parsed, "Statement");
  if (statements == nullptr || statements->is_null()) return document;
  if (!statements->is_array()) {
    return absl::InvalidArgumentError("Statement must be a list");
  }
  for (const Value& item : statements->items) {
    absl::StatusOr<Statement> statement = ParseStatement(item);
    if (!statement.ok()) return statement.status();
    document.statements.push_back(*std::move(statement));
  }
  return document;
}

// ------------------------------------------------ the block's arguments

// Reads the arguments; sets `unknown_structure` instead of failing where
// the document's shape is known only at apply time.
class BlockReader {
 public:
  bool unknown_structure = false;

  // The string a scalar argument stands for; unknowns as "${...}" text.
  // nullopt for null.
  static absl::StatusOr<std::optional<std::string>> Text(
      const TfValue& value, std::string_view what) {
    switch (value.kind) {
      case TfValue::Kind::kNull:
        return std::nullopt;
      case TfValue::Kind::kString:
      case TfValue::Kind::kNumber:
      case TfValue::Kind::kBool:
        return value.text;
      case TfValue::Kind::kUnknown:
        return ToDocument(value).text;
      case TfValue::Kind::kList:
      case TfValue::Kind::kObject:
        break;
    }
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(what), " must be a string, not ",
                     ToAbsl(TfValue::KindName(value.kind))));
  }

  // A list argument's elements as text (a whole unknown as one element).
  static absl::StatusOr<std::vector<std::string>> Texts(const TfValue& value,
                                                        std::string_view what) {
    std::vector<std::string> texts;
    if (value.kind != TfValue::Kind::kList) {
      absl::StatusOr<std::optional<std::string>> text = Text(value, what);
      if (!text.ok()) return text.status();
      if (text->has_value()) texts.push_back(**text);
      return texts;
    }
    for (const TfValue& item : value.items) {
      absl::StatusOr<std::optional<std::string>> text = Text(item, what);
      if (!text.ok()) return text.status();
      if (text->has_value()) texts.push_back(**text);
    }
    return texts;
  }

  // A set of strings as the provider writes it; nullopt when empty.
  absl::StatusOr<std::optional<Strings>> Set(const TfValue& block,
                                             std::string_view name,
                                             bool replace_variables) {
    const TfValue* value = block.Find(name);
    if (value == nullptr) return std::nullopt;
    absl::StatusOr<std::vector<std::string>> texts = Texts(*value, name);
    if (!texts.ok()) return texts.status();
    std::set<std::string> unique(texts->begin(), texts->end());
    if (unique.empty()) return std::nullopt;
    Strings strings{.is_list = unique.size() != 1,
                    .items = {unique.rbegin(), unique.rend()}};
    if (replace_variables) {
      absl::Status status = ReplaceVariables(strings.items);
      if (!status.ok()) return status;
    }
    return strings;
  }

  absl::Status ReplaceVariables(std::vector<std::string>& items) const {
    for (std::string& item : items) {
      if (version_ == "2008-10-17" && item.find("&{") != std::string::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            "found &{ sequence in (", item,
            "), which is not supported in document version 2008-10-17"));
      }
      item = absl::StrReplaceAll(item, {{"&{", "${"}});
    }
    return absl::OkStatus();
  }

  // The objects of nested block list `name` of `block`; nullopt (and
  // unknown_structure set) when the list or one of its blocks is unknown.
  std::optional<std::vector<const TfValue*>> Blocks(const TfValue& block,
                                                    std::string_view name) {
    std::vector<const TfValue*> blocks;
    const TfValue* value = block.Find(name);
    if (value == nullptr || value->is_null()) return blocks;
    std::vector<const TfValue*> items;
    if (value->kind == TfValue::Kind::kObject) {
      items.push_back(value);
    } else if (value->kind == TfValue::Kind::kList) {
      for (const TfValue& item : value->items) items.push_back(&item);
    } else {
      unknown_structure = true;
      return std::nullopt;
    }
    for (const TfValue* item : items) {
      if (item->is_null()) continue;
      if (item->kind != TfValue::Kind::kObject) {
        unknown_structure = true;
        return std::nullopt;
      }
      blocks.push_back(item);
    }
    return blocks;
  }

  absl::StatusOr<std::optional<std::vector<Principal>>> Principals(
      const TfValue& statement, std::string_view name) {
    std::optional<std::vector<const TfValue*>> blocks = Blocks(statement, name);
    if (!blocks) return std::nullopt;
    std::vector<Principal> principals;
    for (const TfValue* block : *blocks) {
      const TfValue* type = block->Find("type");
      absl::StatusOr<std::optional<std::string>> type_text =
          type == nullptr ? std::optional<std::string>()
                          : Text(*type, "a principals type");
      if (!type_text.ok()) return type_text.status();
      if (!type_text->has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat("a ", ToAbsl(name), " block without type"));
      }
      Principal principal{.type = **type_text, .identifiers = {}};
      absl::StatusOr<std::optional<Strings>> ids =
          Set(*block, "identifiers", /*replace_variables=*/true);
      if (!ids.ok()) return ids.status();
      if (ids->has_value()) {
        principal.identifiers = **ids;
      } else {
        principal.identifiers.is_list = true;
      }
      principals.push_back(std::move(principal));
    }
    return principals;
  }

  absl::StatusOr<std::optional<std::vector<Condition>>> Conditions(
      const TfValue& statement) {
    std::optional<std::vector<const TfValue*>> blocks =
        Blocks(statement, "condition");
    if (!blocks) return std::nullopt;
    std::vector<Condition> conditions;
    for (const TfValue* block : *blocks) {
      Condition condition;
      for (auto [key, out] : {std::pair{"test", &condition.test},
                              std::pair{"variable", &condition.variable}}) {
        const TfValue* value = block->Find(key);
        absl::StatusOr<std::optional<std::string>> text =
            value == nullptr ? std::optional<std::string>() : Text(*value, key);
        if (!text.ok()) return text.status();
        if (!text->has_value()) {
          return absl::InvalidArgumentError(
              absl::StrCat("a condition block without ", key));
        }
        *out = **text;
      }
      const TfValue* values = block->Find("values");
      if (values != nullptr) {
        absl::StatusOr<std::vector<std::string>> texts =
            Texts(*values, "condition values");
        if (!texts.ok()) return texts.status();
        condition.values.items = *std::move(texts);
      }
      condition.values.is_list = condition.values.items.size() != 1;
      absl::Status status = ReplaceVariables(condition.values.items);
      if (!status.ok()) return status;
      conditions.push_back(std::move(condition));
    }
    return conditions;
  }

  absl::StatusOr<std::optional<Statement>> ReadStatement(const TfValue& block) {
    Statement statement;
    statement.effect = "Allow";
    statement.location = block.location;
    for (auto [argument, element] :
         {std::pair{"sid", "Sid"}, std::pair{"effect", "Effect"},
          std::pair{"actions", "Action"}, std::pair{"not_actions", "NotAction"},
          std::pair{"resources", "Resource"},
          std::pair{"not_resources", "NotResource"},
          std::pair{"principals", "Principal"},
          std::pair{"not_principals", "NotPrincipal"},
          std::pair{"condition", "Condition"}}) {
      if (const TfValue* given = block.Find(argument)) {
        statement.element_locations[element] = given->location;
      }
    }
    if (const TfValue* effect = block.Find("effect")) {
      absl::StatusOr<std::optional<std::string>> text = Text(*effect, "effect");
      if (!text.ok()) return text.status();
      if (text->has_value()) {
        if (effect->is_known() && **text != "Allow" && **text != "Deny") {
          return absl::InvalidArgumentError(absl::StrCat(
              "statement effect must be Allow or Deny, not \"", **text, "\""));
        }
        statement.effect = **text;
      }
    }
    if (const TfValue* sid = block.Find("sid")) {
      absl::StatusOr<std::optional<std::string>> text = Text(*sid, "sid");
      if (!text.ok()) return text.status();
      if (text->has_value()) {
        // The provider takes any Sid: a KMS key policy's default statement
        // is "Enable IAM User Permissions".
        statement.sid = **text;
      }
    }
    struct SetField {
      const char* name;
      bool replace_variables;
      std::optional<Value>* out;
    };
    for (const SetField& field :
         {SetField{"actions", false, &statement.action},
          SetField{"not_actions", false, &statement.not_action},
          SetField{"resources", true, &statement.resource},
          SetField{"not_resources", true, &statement.not_resource}}) {
      absl::StatusOr<std::optional<Strings>> set =
          Set(block, field.name, field.replace_variables);
      if (!set.ok()) return set.status();
      if (set->has_value()) *field.out = StringsValue(**set);
    }
    for (auto [name, out] :
         {std::pair{"principals", &statement.principals},
          std::pair{"not_principals", &statement.not_principals}}) {
      absl::StatusOr<std::optional<std::vector<Principal>>> principals =
          Principals(block, name);
      if (!principals.ok()) return principals.status();
      if (!principals->has_value()) return std::nullopt;
      *out = **std::move(principals);
    }
    absl::StatusOr<std::optional<std::vector<Condition>>> conditions =
        Conditions(block);
    if (!conditions.ok()) return conditions.status();
    if (!conditions->has_value()) return std::nullopt;
    statement.conditions = **std::move(conditions);
    return statement;
  }

  // The documents of a list-of-JSON argument; nullopt when one is unknown.
  absl::StatusOr<std::optional<std::vector<Document>>> PolicyDocuments(
      const TfValue& arguments, std::string_view name) {
    std::vector<Document> documents;
    const TfValue* value = arguments.Find(name);
    if (value == nullptr || value->is_null()) return documents;
    if (value->kind != TfValue::Kind::kList) {
      if (value->kind == TfValue::Kind::kUnknown) {
        unknown_structure = true;
        return std::nullopt;
      }
      return absl::InvalidArgumentError(
          absl::StrCat(ToAbsl(name), " must be a list of policy JSON strings"));
    }
    for (size_t i = 0; i < value->items.size(); ++i) {
      const TfValue& item = value->items[i];
      if (item.is_null()) continue;
      if (item.kind == TfValue::Kind::kUnknown) {
        unknown_structure = true;
        return std::nullopt;
      }
      if (item.kind != TfValue::Kind::kString) {
        return absl::InvalidArgumentError(absl::StrCat(
            ToAbsl(name), "[", i, "] must be a policy JSON string"));
      }
      absl::StatusOr<Document> document = ParsePolicyJson(item.text);
      if (!document.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            ToAbsl(name), "[", i, "]: ", document.status().message()));
      }
      documents.push_back(*std::move(document));
    }
    return documents;
  }

  absl::StatusOr<std::optional<Document>> Read(const TfValue& arguments) {
    Document merged;
    absl::StatusOr<std::optional<std::vector<Document>>> sources =
        PolicyDocuments(arguments, "source_policy_documents");
    if (!sources.ok()) return sources.status();
    if (!sources->has_value()) return std::nullopt;
    std::set<std::string> sids;
    for (size_t i = 0; i < (*sources)->size(); ++i) {
      Document& source = (**sources)[i];
      for (const Statement& statement : source.statements) {
        if (statement.sid.empty()) continue;
        if (!sids.insert(statement.sid).second) {
          return absl::InvalidArgumentError(
              absl::StrCat("duplicate Sid (", statement.sid,
                           ") in source_policy_documents (document ", i, ")"));
        }
      }
      Merge(merged, std::move(source));
    }

    Document document;
    document.version = "2012-10-17";
    if (const TfValue* version = arguments.Find("version")) {
      absl::StatusOr<std::optional<std::string>> text =
          Text(*version, "version");
      if (!text.ok()) return text.status();
      if (text->has_value()) document.version = **text;
      if (version->is_known() && document.version != "2012-10-17" &&
          document.version != "2008-10-17") {
        return absl::InvalidArgumentError(
            absl::StrCat("version must be 2012-10-17 or 2008-10-17, not \"",
                         document.version, "\""));
      }
    }
    version_ = document.version;
    if (const TfValue* id = arguments.Find("policy_id")) {
      absl::StatusOr<std::optional<std::string>> text = Text(*id, "policy_id");
      if (!text.ok()) return text.status();
      if (text->has_value()) document.id = **text;
    }
    std::optional<std::vector<const TfValue*>> blocks =
        Blocks(arguments, "statement");
    if (!blocks) return std::nullopt;
    std::set<std::string> block_sids;
    for (const TfValue* block : *blocks) {
      absl::StatusOr<std::optional<Statement>> statement =
          ReadStatement(*block);
      if (!statement.ok()) return statement.status();
      if (!statement->has_value()) return std::nullopt;
      const std::string& sid = (*statement)->sid;
      if (!sid.empty() && !block_sids.insert(sid).second) {
        return absl::InvalidArgumentError(
            absl::StrCat("duplicate Sid (", sid, ")"));
      }
      document.statements.push_back(**std::move(statement));
    }
    Merge(merged, std::move(document));

    absl::StatusOr<std::optional<std::vector<Document>>> overrides =
        PolicyDocuments(arguments, "override_policy_documents");
    if (!overrides.ok()) return overrides.status();
    if (!overrides->has_value()) return std::nullopt;
    for (Document& override_document : **overrides) {
      Merge(merged, std::move(override_document));
    }
    return merged;
  }

 private:
  std::string version_ = "2012-10-17";
};

std::array<uint32_t, 256> Crc32Table() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t crc = i;
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    table[i] = crc;
  }
  return table;
}

}  // namespace

absl::StatusOr<std::optional<RenderedPolicyDocument>> RenderIamPolicyDocument(
    const TfValue& arguments) {
  if (arguments.kind != TfValue::Kind::kObject) {
    if (arguments.kind == TfValue::Kind::kUnknown) return std::nullopt;
    return absl::InvalidArgumentError(
        "aws_iam_policy_document arguments must be an object");
  }
  BlockReader reader;
  absl::StatusOr<std::optional<Document>> document = reader.Read(arguments);
  if (!document.ok()) return document.status();
  if (!document->has_value()) return std::nullopt;
  Value value = DocumentValue(**document);
  RenderedPolicyDocument rendered;
  AppendJson(rendered.json, value, 0);
  AppendJson(rendered.minified_json, value, -1);
  rendered.document = std::move(value);
  return rendered;
}

std::string PolicyDocumentId(const std::string& json) {
  static const std::array<uint32_t, 256> kTable = Crc32Table();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : json) crc = kTable[(crc ^ c) & 0xFF] ^ (crc >> 8);
  return absl::StrCat(crc ^ 0xFFFFFFFFu);
}

}  // namespace polygraph::terraform::internal
