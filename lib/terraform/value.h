#ifndef POLYGRAPH_LIB_TERRAFORM_VALUE_H_
#define POLYGRAPH_LIB_TERRAFORM_VALUE_H_

// TfValue: a value of a Terraform expression as polygraph evaluates it
// without a cloud account. Beside Terraform's null, bool, number, string,
// list (tuples, lists and sets) and object (objects and maps) there is
// kUnknown: a value known only at apply time or from outside the files
// read ("var.vpc_id" without a value, "aws_vpc.main.id",
// "data.aws_availability_zones.az.names"). Unknowns are never invented:
// operations over them give unknowns, and a string built from known text
// and unknowns is an unknown whose `items` are those parts in order.
// Every value carries the location of the expression that produced it.
//
// Thread safety: plain value type; thread-compatible.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::terraform {

struct TfValue {
  enum class Kind { kNull, kBool, kNumber, kString, kList, kObject, kUnknown };

  Kind kind = Kind::kNull;
  bool boolean = false;  // kBool
  double number = 0;     // kNumber
  // kString: the string. kNumber: its canonical text ("3", "0.5"). kUnknown:
  // what it stands for, as written in Terraform ("var.vpc_id",
  // "aws_vpc.main.id", "data.aws_availability_zones.az.names"); "" for a
  // string template of parts.
  std::string text;
  // kList: the elements. kObject: the member values, parallel to `keys`,
  // which are sorted (Terraform iterates maps and objects in key order).
  // kUnknown: a string template's parts (kString and kUnknown), else empty.
  std::vector<TfValue> items;
  std::vector<std::string> keys;
  std::vector<SourceLocation> key_locations;  // parallel to `keys`
  // kUnknown naming an attribute of a managed resource instance: its
  // address ("module.vpc.aws_subnet.private[1]") and attribute ("id",
  // "arn"); a whole instance has attribute "". Also set on a kString that
  // is a configured attribute read through a reference
  // (aws_db_subnet_group.private.name), so a front-end can keep the link;
  // an instance's attributes object carries its own address. Empty
  // otherwise.
  std::string resource_address;
  std::string attribute;
  // A kString or kUnknown made by jsonencode: the value it encodes, located
  // where it is written, so a front-end that reads the JSON (a policy) can
  // read the located value instead, unknown parts and all. Null otherwise.
  std::shared_ptr<const TfValue> encoded;
  SourceLocation location;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_known() const { return kind != Kind::kUnknown; }
  // True when no unknown appears anywhere inside.
  bool IsWhollyKnown() const;
  // kObject: the member `key`, or nullptr.
  const TfValue* Find(std::string_view key) const;

  static TfValue Null(SourceLocation location);
  static TfValue Bool(bool value, SourceLocation location);
  static TfValue Number(double value, SourceLocation location);
  static TfValue String(std::string value, SourceLocation location);
  static TfValue List(std::vector<TfValue> items, SourceLocation location);
  // Keys need not be sorted or unique: members are sorted and a later
  // duplicate replaces an earlier one.
  static TfValue Object(std::vector<std::string> keys,
                        std::vector<TfValue> items, SourceLocation location);
  static TfValue Unknown(std::string what, SourceLocation location);
  // A reference to `attribute` ("" for the whole instance) of a managed
  // resource instance; its text is "<address>.<attribute>".
  static TfValue ResourceAttribute(std::string address, std::string attribute,
                                   SourceLocation location);
  // A string from parts (kString and kUnknown, in order): a kString when
  // all are known, else an unknown template; adjacent strings are merged.
  static TfValue Concatenation(std::vector<TfValue> parts,
                               SourceLocation location);

  // The number's canonical text: integers without a fraction ("10"),
  // others in the shortest form that reads back equal.
  static std::string FormatNumber(double value);
  // Terraform's type name for messages: "null", "bool", "number",
  // "string", "list", "object", "unknown".
  static std::string_view KindName(Kind kind);
};

// Deep equality of known values (locations ignored). Unknowns compare
// equal only to the same unknown.
bool operator==(const TfValue& a, const TfValue& b);

// A JSON/YAML document as a TfValue (numbers parsed, locations kept).
TfValue FromDocument(const Value& document);
// Lets a caller of ToDocument render some nodes itself: a Value for the
// node, or nullopt to have it rendered as usual.
using DocumentOverride =
    std::function<std::optional<Value>(const TfValue& node)>;

// A TfValue as a document: unknowns become strings of their text ("${...}"
// form: "${var.vpc_id}", a template as "prefix-${aws_vpc.main.id}"), unless
// `override` renders them (it is asked for every node first).
Value ToDocument(const TfValue& value, const DocumentOverride& override = {});
// A short rendering for messages: "\"10.0.0.0/16\"", "3", "[...]" (long
// values abbreviated), "(known after apply: aws_vpc.main.id)".
std::string Describe(const TfValue& value);

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_VALUE_H_
