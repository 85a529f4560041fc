#ifndef POLYGRAPH_LIB_IAM_COMPILED_PATTERN_H_
#define POLYGRAPH_LIB_IAM_COMPILED_PATTERN_H_

// Patterns compiled once per policy and matched many times: a text pattern
// (Action, String* and Arn* condition values) made of literal text, the
// wildcards '*' and '?', and policy variables resolved per request; and an
// ARN pattern (Resource, ArnLike) matched part by part.
//
// Matching allocates nothing for patterns of up to 16 tokens.
//
// Thread safety: immutable after construction; Matches is thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "iam/request_context.h"
#include "polygraph/iam_condition.h"

namespace polygraph::iam::internal {

enum class PatternCase { kSensitive, kInsensitive };

// Splits `text` into parts; with substitute=false (policies of version
// 2008-10-17 or none) the whole text is one literal part. Errors as
// PolicyVariableText::Parse.
absl::StatusOr<PolicyVariableText> SplitPolicyText(std::string_view text,
                                                   bool substitute);

class TextPattern {
 public:
  TextPattern() = default;
  // `wildcards`: '*' and '?' in literal parts act as wildcards (StringLike,
  // Action, Resource) or as themselves (StringEquals).
  TextPattern(const std::vector<PolicyVariableText::Part>& parts,
              bool wildcards, PatternCase case_mode);

  // True when the pattern matches all of `text`. A variable that `context`
  // cannot resolve (and that has no default) makes the pattern match
  // nothing; `context` may be null when the pattern has no variables.
  bool Matches(std::string_view text, const RequestContext* context) const;

  bool has_variables() const { return has_variables_; }
  // The keys of the pattern's variables.
  void AppendVariableKeys(std::vector<const std::string*>& keys) const;
  // True for the pattern "*".
  bool matches_everything() const { return star_only_; }
  // True when the last token is a '*' wildcard.
  bool ends_with_star() const;

 private:
  struct Token {
    enum class Kind { kLiteral, kStar, kQuestion, kVariable };
    Kind kind = Kind::kLiteral;
    std::string text;  // literal (lowercased when insensitive) or key
    std::optional<std::string> default_value;
  };
  void AddLiteral(std::string_view text);

  std::vector<Token> tokens_;
  bool fold_ = false;
  bool has_variables_ = false;
  bool has_wildcards_ = false;
  bool star_only_ = false;
};

// An ARN pattern as IAM matches Resource and ArnLike: "*" matches every
// resource; otherwise the six ':'-separated parts match part by part, so a
// wildcard crosses ':' only in the resource part. A shorter pattern whose
// last part ends in '*' lets that part match the rest of the ARN; any other
// shorter pattern matches nothing. Case-sensitive.
class ArnPattern {
 public:
  ArnPattern() = default;
  explicit ArnPattern(const PolicyVariableText& text);

  bool Matches(const ArnView& arn, const RequestContext* context) const;
  bool has_variables() const;
  void AppendVariableKeys(std::vector<const std::string*>& keys) const;

 private:
  bool all_ = false;
  std::vector<TextPattern> parts_;
};

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_COMPILED_PATTERN_H_
