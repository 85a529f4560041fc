#include "ingest/aws_api/snapshot_context.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/protocol.h"
#include "polygraph/cidr.h"
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

}  // namespace

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
