#ifndef POLYGRAPH_LIB_INGEST_ECS_TASK_DEFINITION_H_
#define POLYGRAPH_LIB_INGEST_ECS_TASK_DEFINITION_H_

// The ECS task definition front-end: a task definition JSON document as
// `aws ecs register-task-definition --cli-input-json` reads it, or as
// `aws ecs describe-task-definition` prints it ({"taskDefinition": {...}}).
//
// Thread safety: stateless; thread-compatible on the builder it fills.

#include "absl/status/status.h"
#include "polygraph/model.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// Adds one Resource (kind and format kEcsTaskDefinition, type
// "ecs_task_definition", named after `family`, properties = the task
// definition object). Errors (InputError): family not a non-empty string,
// containerDefinitions not an array of objects.
absl::Status ImportEcsTaskDefinition(const Value& document,
                                     ModelBuilder& builder);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_ECS_TASK_DEFINITION_H_
