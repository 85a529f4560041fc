#ifndef POLYGRAPH_LIB_INGEST_LANGUAGE_EXTENSIONS_H_
#define POLYGRAPH_LIB_INGEST_LANGUAGE_EXTENSIONS_H_

// The AWS::LanguageExtensions transform's loops: every
// "Fn::ForEach::<Loop>": [Identifier, Collection, {OutputKey: OutputValue}]
// member (in Resources, Outputs, Conditions, or any object within them) is
// replaced by one copy of its members per item of the collection, as
// CloudFormation expands it:
//   - in an output key, "${Identifier}" becomes the item and
//     "&{Identifier}" the item with every non-alphanumeric character
//     removed;
//   - in an output value, a Ref to the identifier becomes the item, and
//     "${Identifier}" and "&{Identifier}" in Fn::Sub text become it too;
//   - loops nest (an inner loop may use the outer identifiers).
// The collection is evaluated with the template's parameters
// (cloudformation_evaluation.h): a literal list, a CommaDelimitedList
// parameter, an Fn::Split... A collection that stays undecided leaves the
// loop as written, with a "not-analysed" note at it. Every generated node
// keeps the location of the node it was copied from.
//
// Thread safety: stateless; thread-compatible on `diagnostics`.

#include <vector>

#include "absl/status/statusor.h"
#include "ingest/cloudformation_evaluation.h"
#include "polygraph/diagnostic.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// True when the template's Transform (a string or a list) names
// AWS::LanguageExtensions.
bool HasLanguageExtensions(const Value& document);

// `document` with its loops expanded and AWS::LanguageExtensions removed
// from Transform (the key dropped when nothing is left). Errors
// (InputError at the loop): a loop that is not [identifier string,
// collection, object], an item that is not a string or number, and two
// items that generate the same key.
absl::StatusOr<Value> ExpandLanguageExtensions(
    const Value& document, const TemplateInputs& inputs,
    std::vector<Diagnostic>& diagnostics);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_LANGUAGE_EXTENSIONS_H_
