#ifndef POLYGRAPH_LIB_RULES_DECLARATIVE_PREDICATE_H_
#define POLYGRAPH_LIB_RULES_DECLARATIVE_PREDICATE_H_

// The compiled form of a declarative rule check (docs/rule-language.md):
// which resources it selects, the `where` and `require` predicates, and the
// message and fix templates. Built by ParseDeclarativeCheck
// (predicate_parser.h), evaluated by Evaluate (below).
//
// Thread safety: a compiled DeclarativeSpec is immutable and thread-safe;
// evaluation keeps no state.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "polygraph/model.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"
#include "re2/re2.h"
#include "rules/check_context.h"

namespace polygraph::rules::internal {

// A path relative to a Value: keys, indexes and wildcards.
struct PathSegment {
  enum class Kind { kKey, kIndex, kEveryElement, kEveryMember };
  Kind kind = Kind::kKey;
  std::string key;   // kKey
  size_t index = 0;  // kIndex
};

struct AttributePath {
  std::string text;  // as written
  std::vector<PathSegment> segments;
  bool has_wildcard = false;
};

// Parses "A.B[0].C[*].D.*". Errors: InvalidArgument naming the problem
// (the caller adds the location).
absl::StatusOr<AttributePath> ParseAttributePath(std::string_view text);

// One value a path reached, with its path from the start value as found
// ("Ingress[0].CidrIp").
struct ReachedValue {
  const Value* value = nullptr;
  std::string path;
  // The member name (or array index, as text) the value was reached by, and
  // where that name is written; "" and unknown for the start value.
  std::string key = {};
  SourceLocation key_location = {};
};

struct PathLookup {
  std::vector<ReachedValue> reached;
  // When nothing was reached: the location of the key of the nearest
  // present parent object (unknown when no segment matched).
  SourceLocation nearest_parent;
};

// Follows `path` from `start` (whose own path is `start_path`, "" for the
// resource's properties; `start_location` is where `start` is cited when a
// key right under it is absent, unknown for the properties). Null values
// count as absent.
PathLookup Lookup(const Value& start, const std::string& start_path,
                  const SourceLocation& start_location,
                  const AttributePath& path);

// `base` + `relative` as one path ("Ingress[0]" + "CidrIp").
std::string JoinPath(const std::string& base, const std::string& relative);

// A scalar operand as written in the rule file.
struct Operand {
  enum class Kind { kString, kNumber, kBool };
  Kind kind = Kind::kString;
  std::string text;  // as written
  double number = 0;
  bool boolean = false;
};

enum class LeafOp {
  kEquals,
  kNotEquals,
  kIn,
  kNotIn,
  kExists,
  kRegex,
  kNotRegex,
  kGt,
  kGte,
  kLt,
  kLte,
  kCidrWithin,
  kCidrOverlaps,
  kPrefixLengthGte,
  kPrefixLengthLte,
  kLiteral,
  kEqualsAttribute,     // the value equals another attribute's
  kNotEqualsAttribute,  // ... does not
};

struct Predicate {
  enum class Kind {
    kLeaf,
    kAll,
    kAny,
    kNot,
    kForEach,
    kForSome,
    kExposedToInternet,
    kReachable,
    kAllows,
    kPubliclyReadable,
    kReferencedBy,
    kReferences,
  };
  Kind kind = Kind::kLeaf;
  SourceLocation location;  // of the predicate's mapping in the rule file

  // kLeaf: alternative paths (the first present one is used).
  std::vector<AttributePath> attributes;
  LeafOp op = LeafOp::kEquals;
  std::vector<Operand> operands;  // one, or the list of in/not_in
  std::string operand_text;       // {expected}
  std::optional<Operand> default_value;
  std::shared_ptr<const RE2> regex;  // kRegex, kNotRegex
  // kEqualsAttribute, kNotEqualsAttribute: the other attribute, relative to
  // the same start value.
  std::optional<AttributePath> other_attribute;

  // kAll, kAny, kNot (one), kForEach/kForSome (the `require`).
  std::vector<Predicate> children;
  AttributePath each;  // kForEach, kForSome

  // Analysis predicates.
  std::string from;       // kReachable: "internet" or a CIDR
  int port = -1;          // -1: any
  std::string protocol;   // "" : any; "tcp", "udp", "icmp", "-1"
  std::string principal;  // kAllows
  std::string action;
  std::string resource = "*";
  bool expected = true;                // kPubliclyReadable
  std::vector<std::string> resources;  // kReferencedBy/kReferences
  std::optional<AttributePath> reference_attribute;
};

struct DeclarativeSpec {
  std::vector<std::string> resources;  // kind names and/or types
  std::optional<Predicate> where;
  Predicate require;
  std::string message;
  std::string fix;  // "" : the rule's remediation
  std::string fix_terraform;
};

// What decided a predicate: the leaf (or analysis) whose result gave the
// verdict, for the finding's location and placeholders.
struct Evidence {
  std::string attribute;    // {attribute}
  std::string value;        // {value}: as written, or "absent"
  std::string expected;     // {expected}
  SourceLocation location;  // unknown: use the resource's
};

struct Outcome {
  bool holds = true;
  Evidence evidence;
};

// Evaluates `predicate` for the resource at `resource` over `start` (its
// properties, or an element under for_each; `start_path` is its path).
// `element` is that element as for_each/for_some reached it (null for the
// properties): a leaf's attribute "@" is `start` itself and "@key" the
// element's member name or index.
Outcome Evaluate(const Predicate& predicate, const CheckContext& context,
                 size_t resource, const Value& start,
                 const std::string& start_path,
                 const SourceLocation& start_location,
                 const ReachedValue* element = nullptr);

// Analysis predicates (analysis_predicates.cc).
Outcome EvaluateAnalysis(const Predicate& predicate,
                         const CheckContext& context, size_t resource);

// True when `resource`'s kind name or type is in `selectors`.
bool Selects(const std::vector<std::string>& selectors,
             const Resource& resource);

// True for a resource kind name ("db_instance") or something that reads as
// a resource type ("AWS::RDS::DBInstance", "aws_db_instance").
bool IsResourceSelector(std::string_view selector);

}  // namespace polygraph::rules::internal

#endif  // POLYGRAPH_LIB_RULES_DECLARATIVE_PREDICATE_H_
