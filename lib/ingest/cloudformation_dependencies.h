#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_DEPENDENCIES_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_DEPENDENCIES_H_

// The order CloudFormation creates a template's resources in: a resource
// depends on every resource its evaluated properties name (Ref, Fn::GetAtt,
// an Fn::Sub variable) and on its DependsOn. CloudFormation rejects a
// template whose dependencies form a cycle.
//
// Thread safety: reads the context; thread-compatible.

#include "absl/status/status.h"
#include "ingest/cloudformation_context.h"

namespace polygraph::ingest {

// Errors: InputError at the reference that closes a cycle among the
// resources created, "circular dependency between resources: A -> B -> A".
// References in branches an Fn::If does not take (already evaluated away)
// and to resources left out by their condition do not count.
absl::Status CheckNoCircularDependencies(const TemplateContext& context);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_DEPENDENCIES_H_
