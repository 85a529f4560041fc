#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_EXPRESSIONS_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_EXPRESSIONS_H_

// Checks the template expressions in a part of a template and records the
// references they make between resources.
//
// Thread safety: thread-compatible (writes to the context's builder).

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "ingest/cloudformation_context.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// Walks `value`. Errors (InputError at the expression): an unknown
// intrinsic function; a malformed Ref, Fn::GetAtt, Fn::Sub or Fn::If; a Ref,
// Fn::GetAtt or Fn::Sub variable naming no resource, parameter or pseudo
// parameter, an Fn::If naming no condition or an Fn::FindInMap naming no
// mapping (unless the template has a
// transform, which may declare them). When `from` is a resource index, each
// Ref/GetAtt/Sub naming a resource adds a Reference from it whose property
// path extends `path` ("SecurityGroupIngress[0].SourceSecurityGroupId").
// Members named "Fn::ForEach::<loop>" are not walked (their bodies use loop
// variables).
absl::Status WalkExpressions(const Value& value, const std::string& path,
                             size_t from, TemplateContext& context);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_EXPRESSIONS_H_
