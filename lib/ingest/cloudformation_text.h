#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_TEXT_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_TEXT_H_

// Building blocks of the template evaluator (cloudformation_evaluation.h):
// evaluated values, and strings made of literal text and symbolic parts
// (what Fn::Sub and Fn::Join produce).
//
// Thread safety: plain values and pure functions; thread-compatible.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::ingest::evaluation {

// A string value at `location`.
Value MakeString(std::string text, const SourceLocation& location);
// An empty object at `location`.
Value MakeObject(const SourceLocation& location);
// An array of `items` at `location`.
Value MakeArray(std::vector<Value> items, const SourceLocation& location);
// The long form {"<name>": argument} at `location`.
Value MakeExpression(std::string name, Value argument,
                     const SourceLocation& location);
// `value` with this node and every node under it located at `location`.
Value Relocated(Value value, const SourceLocation& location);

// True when no node of `value` is a template expression.
bool IsLiteral(const Value& value);

// A string being assembled from literal text and Fn::Sub variables.
class SymbolicText {
 public:
  void AppendLiteral(std::string_view text);
  // `name` is a variable ("Bucket", "Bucket.Arn", "AWS::AccountId").
  void AppendVariable(std::string_view name);
  // `text` is Fn::Sub text whose variables stay variables.
  void AppendSubText(std::string_view text);
  bool is_literal() const { return symbolic_ == 0; }
  // The literal string (REQUIRES: is_literal()).
  const std::string& literal() const { return literal_; }
  // Fn::Sub text: literal "${" written "${!", variables as "${name}".
  const std::string& sub_text() const { return sub_; }
  // A string value when literal, else {"Fn::Sub": sub_text()}.
  Value ToValue(const SourceLocation& location) const;

 private:
  std::string literal_;
  std::string sub_;
  int symbolic_ = 0;
};

// One piece of an Fn::Sub string: literal text or a variable name.
struct SubPiece {
  bool variable = false;
  std::string text;  // the literal ("${!x}" already turned into "${x}")
                     // or the variable's name
};

// Splits Fn::Sub text into pieces. An unterminated "${" is literal text.
std::vector<SubPiece> SplitSubText(std::string_view text);

// The text of `value` when it is {"Fn::Sub": "text"} (no variable map),
// else nullopt.
std::optional<std::string> PlainSubText(const Value& value);

}  // namespace polygraph::ingest::evaluation

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_TEXT_H_
