// The parser of declarative checks: YAML nodes to a compiled Predicate.

#include "rules/declarative/predicate_parser.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "polygraph/cidr.h"

namespace polygraph::rules::internal {
namespace {

struct OpName {
  std::string_view name;
  LeafOp op;
};

constexpr std::array<OpName, 18> kOps = {{
    {"equals", LeafOp::kEquals},
    {"not_equals", LeafOp::kNotEquals},
    {"in", LeafOp::kIn},
    {"not_in", LeafOp::kNotIn},
    {"exists", LeafOp::kExists},
    {"regex", LeafOp::kRegex},
    {"not_regex", LeafOp::kNotRegex},
    {"gt", LeafOp::kGt},
    {"gte", LeafOp::kGte},
    {"lt", LeafOp::kLt},
    {"lte", LeafOp::kLte},
    {"cidr_within", LeafOp::kCidrWithin},
    {"cidr_overlaps", LeafOp::kCidrOverlaps},
    {"prefix_length_gte", LeafOp::kPrefixLengthGte},
    {"prefix_length_lte", LeafOp::kPrefixLengthLte},
    {"literal", LeafOp::kLiteral},
    {"equals_attribute", LeafOp::kEqualsAttribute},
    {"not_equals_attribute", LeafOp::kNotEqualsAttribute},
}};

struct KindName {
  std::string_view name;
  Predicate::Kind kind;
};

constexpr std::array<KindName, 11> kPredicates = {{
    {"all", Predicate::Kind::kAll},
    {"any", Predicate::Kind::kAny},
    {"not", Predicate::Kind::kNot},
    {"for_each", Predicate::Kind::kForEach},
    {"for_some", Predicate::Kind::kForSome},
    {"exposed_to_internet", Predicate::Kind::kExposedToInternet},
    {"reachable", Predicate::Kind::kReachable},
    {"allows", Predicate::Kind::kAllows},
    {"publicly_readable", Predicate::Kind::kPubliclyReadable},
    {"referenced_by", Predicate::Kind::kReferencedBy},
    {"references", Predicate::Kind::kReferences},
}};

constexpr std::array<std::string_view, 6> kCheckKeys = {
    "resources", "where", "require", "message", "fix", "fix_terraform"};

template <typename Names>
std::string Expected(const Names& names) {
  std::vector<std::string> all;
  for (const auto& name : names) {
    if constexpr (std::is_convertible_v<decltype(name), std::string_view>) {
      all.emplace_back(name);
    } else {
      all.emplace_back(name.name);
    }
  }
  return absl::StrCat("(expected one of ", absl::StrJoin(all, ", "), ")");
}

class Parser {
 public:
  explicit Parser(std::string_view file) : file_(file) {}

  SourceLocation At(const YAML::Node& node) const {
    return NodeLocation(node, file_);
  }

  absl::StatusOr<DeclarativeSpec> Check(const YAML::Node& node) const {
    if (!node.IsMap()) {
      return InputError(At(node),
                        "check must be a C++ check name or a mapping");
    }
    for (const auto& member : node) {
      std::string key = member.first.Scalar();
      if (std::find(kCheckKeys.begin(), kCheckKeys.end(), key) ==
          kCheckKeys.end()) {
        return InputError(At(member.first),
                          absl::StrCat("unknown key \"", key, "\" in check ",
                                       Expected(kCheckKeys)));
      }
    }
    DeclarativeSpec spec;
    const YAML::Node resources = node["resources"];
    if (!resources.IsDefined()) {
      return InputError(At(node), "check is missing \"resources\"");
    }
    if (!resources.IsSequence() || resources.size() == 0) {
      return InputError(At(resources),
                        "\"resources\" must be a non-empty list of resource "
                        "kinds or types");
    }
    for (const YAML::Node& item : resources) {
      if (!item.IsScalar() || !IsResourceSelector(item.Scalar())) {
        return InputError(
            At(item), absl::StrCat("unknown resource kind \"",
                                   item.IsScalar() ? item.Scalar() : "", "\""));
      }
      spec.resources.push_back(item.Scalar());
    }
    if (const YAML::Node where = node["where"]; where.IsDefined()) {
      absl::StatusOr<Predicate> parsed = Parse(where);
      if (!parsed.ok()) return parsed.status();
      spec.where = *std::move(parsed);
    }
    const YAML::Node require = node["require"];
    if (!require.IsDefined()) {
      return InputError(At(node), "check is missing \"require\"");
    }
    absl::StatusOr<Predicate> parsed = Parse(require);
    if (!parsed.ok()) return parsed.status();
    spec.require = *std::move(parsed);
    for (auto [key, out, required] :
         {std::tuple<const char*, std::string*, bool>{"message", &spec.message,
                                                      true},
          {"fix", &spec.fix, false},
          {"fix_terraform", &spec.fix_terraform, false}}) {
      const YAML::Node text = node[key];
      if (!text.IsDefined()) {
        if (required) {
          return InputError(At(node),
                            absl::StrCat("check is missing \"", key, "\""));
        }
        continue;
      }
      if (!text.IsScalar() || text.Scalar().empty()) {
        return InputError(
            At(text), absl::StrCat("\"", key, "\" must be a non-empty string"));
      }
      if (absl::Status status = CheckTemplate(text); !status.ok())
        return status;
      *out = text.Scalar();
    }
    return spec;
  }

 private:
  // Placeholders: {resource} {type} {attribute} {value} {expected}; "{{"
  // and "}}" stand for braces.
  absl::Status CheckTemplate(const YAML::Node& node) const {
    const std::string& text = node.Scalar();
    for (size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
        ++i;
        continue;
      }
      if (text[i] != '{') continue;
      size_t close = text.find('}', i);
      std::string name =
          text.substr(i + 1, close == std::string::npos ? std::string::npos
                                                        : close - i - 1);
      if (close == std::string::npos ||
          (name != "resource" && name != "type" && name != "attribute" &&
           name != "value" && name != "expected")) {
        return InputError(
            At(node),
            absl::StrCat("unknown placeholder \"{", name,
                         "}\" (expected {resource}, {type}, {attribute}, "
                         "{value} or {expected})"));
      }
      i = close;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Predicate> Parse(const YAML::Node& node) const {
    if (!node.IsMap() || node.size() == 0) {
      return InputError(
          At(node),
          absl::StrCat("a predicate must be a mapping ", Expected(kPredicates),
                       " or {attribute: ..., <op>: ...}"));
    }
    if (node["attribute"].IsDefined()) return Leaf(node);
    const auto first = node.begin();
    std::string name = first->first.Scalar();
    const KindName* known = nullptr;
    for (const KindName& each : kPredicates) {
      if (each.name == name) known = &each;
    }
    if (known == nullptr) {
      return InputError(At(first->first),
                        absl::StrCat("unknown predicate \"", name, "\" ",
                                     Expected(kPredicates)));
    }
    Predicate predicate;
    predicate.kind = known->kind;
    predicate.location = At(node);
    bool each = known->kind == Predicate::Kind::kForEach ||
                known->kind == Predicate::Kind::kForSome;
    for (const auto& member : node) {
      std::string key = member.first.Scalar();
      if (key == name || (each && key == "require")) continue;
      return InputError(At(member.first),
                        absl::StrCat("unexpected key \"", key, "\" in \"", name,
                                     "\" predicate"));
    }
    const YAML::Node operand = first->second;
    switch (known->kind) {
      case Predicate::Kind::kAll:
      case Predicate::Kind::kAny:
        if (!operand.IsSequence() || operand.size() == 0) {
          return InputError(At(operand),
                            absl::StrCat("\"", name,
                                         "\" takes a non-empty list of "
                                         "predicates"));
        }
        for (const YAML::Node& child : operand) {
          absl::StatusOr<Predicate> parsed = Parse(child);
          if (!parsed.ok()) return parsed.status();
          predicate.children.push_back(*std::move(parsed));
        }
        return predicate;
      case Predicate::Kind::kNot: {
        absl::StatusOr<Predicate> parsed = Parse(operand);
        if (!parsed.ok()) return parsed.status();
        predicate.children.push_back(*std::move(parsed));
        return predicate;
      }
      case Predicate::Kind::kForEach:
      case Predicate::Kind::kForSome: {
        absl::StatusOr<AttributePath> path = Path(operand);
        if (!path.ok()) return path.status();
        predicate.each = *std::move(path);
        const YAML::Node require = node["require"];
        if (!require.IsDefined()) {
          return InputError(At(node),
                            absl::StrCat("\"", name, "\" needs \"require\""));
        }
        absl::StatusOr<Predicate> parsed = Parse(require);
        if (!parsed.ok()) return parsed.status();
        predicate.children.push_back(*std::move(parsed));
        return predicate;
      }
      default:
        if (absl::Status status = Analysis(operand, name, predicate);
            !status.ok()) {
          return status;
        }
        return predicate;
    }
  }

  absl::StatusOr<AttributePath> Path(const YAML::Node& node) const {
    if (!node.IsScalar()) {
      return InputError(At(node), "an attribute path must be a string");
    }
    absl::StatusOr<AttributePath> path = ParseAttributePath(node.Scalar());
    if (!path.ok()) {
      return InputError(At(node), std::string(path.status().message()));
    }
    return path;
  }

  absl::StatusOr<Operand> Scalar(const YAML::Node& node,
                                 const std::string& op) const {
    if (!node.IsScalar()) {
      return InputError(At(node), absl::StrCat("\"", op,
                                               "\" takes a scalar (string, "
                                               "number or boolean)"));
    }
    Operand operand;
    operand.text = node.Scalar();
    if (node.Tag() == "!") return operand;  // quoted: always a string
    std::string lower = absl::AsciiStrToLower(operand.text);
    if (lower == "true" || lower == "false") {
      operand.kind = Operand::Kind::kBool;
      operand.boolean = lower == "true";
    } else if (!operand.text.empty() &&
               absl::SimpleAtod(operand.text, &operand.number) &&
               (absl::ascii_isdigit(operand.text[0]) ||
                operand.text[0] == '-' || operand.text[0] == '.')) {
      operand.kind = Operand::Kind::kNumber;
    }
    return operand;
  }

  absl::StatusOr<Operand> Typed(const YAML::Node& node, const std::string& op,
                                Operand::Kind kind) const {
    absl::StatusOr<Operand> operand = Scalar(node, op);
    if (!operand.ok()) return operand;
    if (operand->kind != kind) {
      const char* want = kind == Operand::Kind::kBool     ? "true or false"
                         : kind == Operand::Kind::kNumber ? "a number"
                                                          : "a string";
      return InputError(At(node),
                        absl::StrCat("\"", op, "\" takes ", want, ", not \"",
                                     operand->text, "\""));
    }
    return operand;
  }

  absl::StatusOr<Predicate> Leaf(const YAML::Node& node) const {
    Predicate leaf;
    leaf.kind = Predicate::Kind::kLeaf;
    leaf.location = At(node);
    const YAML::Node attribute = node["attribute"];
    if (attribute.IsSequence()) {
      if (attribute.size() == 0) {
        return InputError(At(attribute), "\"attribute\" list is empty");
      }
      for (const YAML::Node& item : attribute) {
        absl::StatusOr<AttributePath> path = Path(item);
        if (!path.ok()) return path.status();
        leaf.attributes.push_back(*std::move(path));
      }
    } else {
      absl::StatusOr<AttributePath> path = Path(attribute);
      if (!path.ok()) return path.status();
      leaf.attributes.push_back(*std::move(path));
    }
    const OpName* op = nullptr;
    YAML::Node operand, op_key;
    for (const auto& member : node) {
      std::string key = member.first.Scalar();
      if (key == "attribute" || key == "default") continue;
      const OpName* known = nullptr;
      for (const OpName& each : kOps) {
        if (each.name == key) known = &each;
      }
      if (known == nullptr) {
        return InputError(
            At(member.first),
            absl::StrCat("unknown operator \"", key, "\" ", Expected(kOps)));
      }
      if (op != nullptr) {
        return InputError(
            At(member.first),
            absl::StrCat("a condition takes exactly one "
                         "operator, found \"",
                         std::string(op->name), "\" and \"", key, "\""));
      }
      op = known;
      operand = member.second;
      op_key = member.first;
    }
    if (op == nullptr) {
      return InputError(
          At(node),
          absl::StrCat("condition on \"", leaf.attributes.front().text,
                       "\" has no operator ", Expected(kOps)));
    }
    leaf.op = op->op;
    if (absl::Status status = LeafOperand(operand, std::string(op->name), leaf);
        !status.ok()) {
      return status;
    }
    if (const YAML::Node fallback = node["default"]; fallback.IsDefined()) {
      absl::StatusOr<Operand> value = Scalar(fallback, "default");
      if (!value.ok()) return value.status();
      leaf.default_value = *std::move(value);
    }
    return leaf;
  }

  absl::Status LeafOperand(const YAML::Node& node, const std::string& op,
                           Predicate& leaf) const {
    if (node.IsScalar()) leaf.operand_text = node.Scalar();
    switch (leaf.op) {
      case LeafOp::kIn:
      case LeafOp::kNotIn: {
        if (!node.IsSequence()) {
          return InputError(
              At(node), absl::StrCat("\"", op, "\" takes a list of scalars"));
        }
        std::vector<std::string> texts;
        for (const YAML::Node& item : node) {
          absl::StatusOr<Operand> operand = Scalar(item, op);
          if (!operand.ok()) return operand.status();
          texts.push_back(operand->text);
          leaf.operands.push_back(*std::move(operand));
        }
        leaf.operand_text = absl::StrCat("[", absl::StrJoin(texts, ", "), "]");
        if (leaf.operands.empty()) leaf.operands.emplace_back();
        return absl::OkStatus();
      }
      case LeafOp::kExists:
      case LeafOp::kLiteral:
        return Push(Typed(node, op, Operand::Kind::kBool), leaf);
      case LeafOp::kEqualsAttribute:
      case LeafOp::kNotEqualsAttribute: {
        absl::StatusOr<Operand> operand = Scalar(node, op);
        if (!operand.ok()) return operand.status();
        absl::StatusOr<AttributePath> other = ParseAttributePath(operand->text);
        if (!other.ok()) {
          return InputError(At(node), std::string(other.status().message()));
        }
        leaf.other_attribute = *std::move(other);
        operand->kind = Operand::Kind::kString;
        return Push(std::move(operand), leaf);
      }
      case LeafOp::kGt:
      case LeafOp::kGte:
      case LeafOp::kLt:
      case LeafOp::kLte:
        return Push(Typed(node, op, Operand::Kind::kNumber), leaf);
      case LeafOp::kPrefixLengthGte:
      case LeafOp::kPrefixLengthLte: {
        absl::StatusOr<Operand> operand =
            Typed(node, op, Operand::Kind::kNumber);
        if (operand.ok() &&
            (operand->number < 0 || operand->number > 128 ||
             operand->number != static_cast<int>(operand->number))) {
          return InputError(At(node),
                            absl::StrCat("\"", op,
                                         "\" takes a prefix length 0-128, "
                                         "not \"",
                                         operand->text, "\""));
        }
        return Push(std::move(operand), leaf);
      }
      case LeafOp::kRegex:
      case LeafOp::kNotRegex: {
        absl::StatusOr<Operand> operand = Scalar(node, op);
        if (!operand.ok()) return operand.status();
        auto regex = std::make_shared<RE2>(operand->text, RE2::Quiet);
        if (!regex->ok()) {
          return InputError(
              At(node), absl::StrCat("bad regular expression \"", operand->text,
                                     "\": ", regex->error()));
        }
        leaf.regex = std::move(regex);
        operand->kind = Operand::Kind::kString;
        return Push(std::move(operand), leaf);
      }
      case LeafOp::kCidrWithin:
      case LeafOp::kCidrOverlaps: {
        absl::StatusOr<Operand> operand = Scalar(node, op);
        if (!operand.ok()) return operand.status();
        if (absl::StatusOr<ip::Cidr> cidr = ip::Cidr::Parse(operand->text);
            !cidr.ok()) {
          return InputError(
              At(node),
              absl::StrCat("\"", op, "\" takes a CIDR, not \"", operand->text,
                           "\": ", std::string(cidr.status().message())));
        }
        operand->kind = Operand::Kind::kString;
        return Push(std::move(operand), leaf);
      }
      default:
        return Push(Scalar(node, op), leaf);
    }
  }

  static absl::Status Push(absl::StatusOr<Operand> operand, Predicate& leaf) {
    if (!operand.ok()) return operand.status();
    leaf.operands.push_back(*std::move(operand));
    return absl::OkStatus();
  }

  absl::Status Analysis(const YAML::Node& node, const std::string& name,
                        Predicate& predicate) const {
    return ParseAnalysisOperand(node, name, file_, predicate);
  }

  std::string file_;
};

}  // namespace

SourceLocation NodeLocation(const YAML::Node& node, std::string_view file) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {std::string(file), 1, 1};
  return {std::string(file), mark.line + 1, mark.column + 1};
}

absl::StatusOr<DeclarativeSpec> ParseDeclarativeCheck(const YAML::Node& node,
                                                      std::string_view file) {
  return Parser(file).Check(node);
}

}  // namespace polygraph::rules::internal
