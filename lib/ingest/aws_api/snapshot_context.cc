#include "ingest/aws_api/snapshot_context.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/protocol.h"
#include "polygraph/cidr.h"
#include "polygraph/document.h"
#include "polygraph/source_location.h"

namespace polygraph::ingest::aws_api {
namespace {

using ::polygraph::internal::ToAbsl;

absl::Status WrongType(const Value& value, std::string_view key,
                       std::string_view expected) {
  return InputError(value.location,
                    absl::StrCat(ToAbsl(key), " must be ", ToAbsl(expected),
                                 ", found ", Describe(value)));
}

// The member `key`, or nullptr when absent or null.
const Value* Member(const Value& object, std::string_view key) {
  const Value* value = object.Find(key);
  if (value == nullptr || value->is_null()) return nullptr;
  return value;
}

// Sets the location of `value` and of all its nodes and keys to `location`.
void Relocate(Value& value, const SourceLocation& location) {
  value.location = location;
  for (SourceLocation& key : value.key_locations) key = location;
  for (Value& item : value.items) Relocate(item, location);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The parent folder names of `path`: {file, parent, grandparent}.
std::vector<std::string_view> PathParts(std::string_view path) {
  std::vector<std::string_view> parts;
  while (parts.size() < 3) {
    const size_t slash = path.find_last_of('/');
    if (slash == std::string_view::npos) {
      parts.push_back(path);
      break;
    }
    parts.push_back(path.substr(slash + 1));
    path = path.substr(0, slash);
  }
  return parts;
}

}  // namespace

absl::StatusOr<Value> EmbeddedDocument(const Value& value,
                                       std::string_view what) {
  if (value.is_object()) return value;
  if (!value.is_string()) {
    return WrongType(value, what, "a policy document or a JSON string");
  }
  std::string_view text = value.text;
  const size_t first = text.find_first_not_of(" \t\r\n");
  std::string decoded;
  if (first != std::string_view::npos && text[first] != '{') {
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '%') {
        decoded.push_back(text[i]);
        continue;
      }
      const int high = i + 2 < text.size() ? HexDigit(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? HexDigit(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return InputError(value.location,
                          absl::StrCat(ToAbsl(what),
                                       " has a bad percent escape at "
                                       "character ",
                                       i + 1));
      }
      decoded.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
    text = decoded;
  }
  absl::StatusOr<Value> parsed = ParseJson(text, value.location.file);
  if (!parsed.ok()) {
    return InputError(value.location,
                      absl::StrCat(ToAbsl(what), " is not a JSON document: ",
                                   ErrorReason(parsed.status())));
  }
  Relocate(*parsed, value.location);
  return parsed;
}

std::string FileStem(std::string_view path, std::string_view suffix) {
  std::string_view name = PathParts(path).front();
  if (name.ends_with(suffix)) name.remove_suffix(suffix.size());
  return std::string(name);
}

std::string BucketOfPath(std::string_view path) {
  static constexpr std::string_view kCalls[] = {"policy.json",
                                                "acl.json",
                                                "public-access-block.json",
                                                "ownership-controls.json",
                                                "encryption.json",
                                                "versioning.json",
                                                "lifecycle.json",
                                                "logging.json"};
  const std::vector<std::string_view> parts = PathParts(path);
  if (parts.size() < 3 || parts[2] != "s3" || parts[1].empty()) return "";
  for (std::string_view call : kCalls) {
    if (parts[0] == call) return std::string(parts[1]);
  }
  return "";
}

absl::StatusOr<size_t> DeclareResource(SnapshotContext& context,
                                       Resource resource,
                                       const std::vector<std::string>& ids,
                                       const SourceLocation& id_location) {
  for (const std::string& id : ids) {
    if (id.empty()) continue;
    if (size_t first = context.Find(id); first != kNoResource) {
      return InputError(
          id_location,
          absl::StrCat(
              id, " is declared twice (first at ",
              context.builder.current().resources()[first].location.ToString(),
              ")"));
    }
  }
  const size_t index = context.builder.AddResource(std::move(resource));
  for (const std::string& id : ids) {
    if (!id.empty()) context.ids[id] = index;
  }
  return index;
}

const std::vector<Declared>& SnapshotContext::Objects(
    std::string_view key) const {
  static const std::vector<Declared>* const kNone = new std::vector<Declared>;
  auto it = objects.find(ToAbsl(key));
  return it == objects.end() ? *kNone : it->second;
}

const std::vector<const Value*>& SnapshotContext::Entries(
    std::string_view key) const {
  static const std::vector<const Value*>* const kNone =
      new std::vector<const Value*>;
  auto it = entries.find(ToAbsl(key));
  return it == entries.end() ? *kNone : it->second;
}

size_t SnapshotContext::Find(std::string_view id) const {
  auto it = ids.find(ToAbsl(id));
  return it == ids.end() ? kNoResource : it->second;
}

std::string Describe(const Value& value) {
  if (value.is_string()) return absl::StrCat("\"", value.text, "\"");
  if (value.is_number() || value.is_bool()) return value.text;
  return std::string(Value::KindName(value.kind));
}

absl::StatusOr<std::string> StringField(const Value& object,
                                        std::string_view key) {
  const Value* value = Member(object, key);
  if (value == nullptr) return std::string();
  if (!value->is_string()) return WrongType(*value, key, "a string");
  return value->text;
}

absl::StatusOr<std::optional<bool>> BoolField(const Value& object,
                                              std::string_view key) {
  const Value* value = Member(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) return WrongType(*value, key, "true or false");
  return value->boolean;
}

absl::StatusOr<std::optional<int>> IntField(const Value& object,
                                            std::string_view key, int low,
                                            int high) {
  const Value* value = Member(object, key);
  if (value == nullptr) return std::nullopt;
  int number = 0;
  if ((!value->is_number() && !value->is_string()) ||
      !absl::SimpleAtoi(value->text, &number) || number < low ||
      number > high) {
    return WrongType(*value, key, absl::StrCat("a number ", low, " to ", high));
  }
  return number;
}

absl::StatusOr<const Value*> ArrayField(const Value& object,
                                        std::string_view key) {
  const Value* value = Member(object, key);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) return WrongType(*value, key, "an array");
  return value;
}

absl::StatusOr<const Value*> ObjectField(const Value& object,
                                         std::string_view key) {
  const Value* value = Member(object, key);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) return WrongType(*value, key, "an object");
  return value;
}

absl::StatusOr<std::string> CidrField(const Value& object, std::string_view key,
                                      std::optional<ip::Family> family) {
  const Value* value = Member(object, key);
  if (value == nullptr) return std::string();
  return CidrValue(*value, key, family);
}

absl::StatusOr<std::string> CidrValue(const Value& value_ref,
                                      std::string_view key,
                                      std::optional<ip::Family> family) {
  const Value* value = &value_ref;
  std::string problem = "not a string";
  if (value->is_string()) {
    absl::StatusOr<ip::Cidr> cidr =
        ip::Cidr::Parse(value->text, {.normalize_host_bits = true});
    if (cidr.ok() && (!family.has_value() || cidr->family() == *family)) {
      return cidr->ToString();
    }
    problem = cidr.ok() ? absl::StrCat("it is an ",
                                       ToAbsl(ip::FamilyName(cidr->family())),
                                       " CIDR")
                        : std::string(cidr.status().message());
  }
  return InputError(
      value->location,
      absl::StrCat(ToAbsl(key), " ", Describe(*value), " is not a valid ",
                   family.has_value() ? ToAbsl(ip::FamilyName(*family)) : "",
                   family.has_value() ? " " : "", "CIDR: ", problem));
}

absl::StatusOr<Link> LinkField(const SnapshotContext& context,
                               const Value& object, std::string_view key) {
  absl::StatusOr<std::string> id = StringField(object, key);
  if (!id.ok()) return id.status();
  Link link;
  if (!id->empty()) link.index = context.Find(*id);
  link.id = *std::move(id);
  return link;
}

absl::Status ForEachObject(
    const Value& object, std::string_view key,
    const std::function<absl::Status(const Value&)>& visit) {
  absl::StatusOr<const Value*> array = ArrayField(object, key);
  if (!array.ok()) return array.status();
  if (*array == nullptr) return absl::OkStatus();
  for (const Value& element : (*array)->items) {
    if (!element.is_object()) {
      return InputError(element.location,
                        absl::StrCat(ToAbsl(key),
                                     " entries must be objects, "
                                     "found ",
                                     Describe(element)));
    }
    if (absl::Status s = visit(element); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ProtocolField(const Value& object,
                                          std::string_view key) {
  const Value* value = Member(object, key);
  if (value == nullptr) return std::string();
  if (std::optional<std::string> protocol = NormalizeProtocol(*value)) {
    return *std::move(protocol);
  }
  return InputError(value->location,
                    absl::StrCat(ToAbsl(key),
                                 " must be a protocol name, a number 0 to 255 "
                                 "or -1, found ",
                                 Describe(*value)));
}

}  // namespace polygraph::ingest::aws_api
