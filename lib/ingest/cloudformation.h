#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_H_

// The CloudFormation front-end: a template (YAML or JSON, already parsed)
// becomes Resources, References between them, and typed facets (IAM
// policies, security group rules, buckets).
//
//   absl::StatusOr<Value> doc = ParseYaml(text, "stack.yaml");
//   absl::Status status = ImportCloudFormation(*doc, builder, diagnostics);
//
// Thread safety: stateless; thread-compatible on the builder it fills.

#include <vector>

#include "absl/status/status.h"
#include "ingest/cloudformation_evaluation.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// Adds the template `document` to `builder`: one Resource per entry of
// Resources (named by logical id, located at its key, with its Properties),
// then references and facets. Notes go to `diagnostics`: "transform" for a
// template with a Transform (its generated resources are not seen),
// "symbolic-value" for values left unresolved, "not-analysed" for
// Fn::ForEach loops over a collection known only at deployment (or without
// the transform) and for templates that use Rain modules (!Rain::Module;
// nothing is added for those). Other Rain directives (!Rain::Embed) are
// kept as symbolic values.
// A template with the AWS::LanguageExtensions transform has its
// Fn::ForEach loops expanded first (language_extensions.h); one with the
// AWS::Serverless-2016-10-31 transform is expanded next (sam_transform.h),
// so its functions arrive as the roles, policies and permissions
// CloudFormation would create, located at the SAM source.
// Properties are evaluated with `inputs` (cloudformation_evaluation.h); a
// resource whose Condition is false is left out with a "condition-false"
// note, and one created under a condition records it in
// Resource::assumed_condition.
// Errors (InputError; `builder` may then hold part of the template, so a
// caller abandons it): a document or section of the wrong shape, an unknown
// section, a resource without a string Type, an unknown intrinsic function,
// a reference to an undeclared id, a circular dependency between resources
// (cloudformation_dependencies.h), the evaluator's errors, and the facets'
// errors (see
// cloudformation_facets.h).
absl::Status ImportCloudFormation(const Value& document, ModelBuilder& builder,
                                  std::vector<Diagnostic>& diagnostics,
                                  const TemplateInputs& inputs = {});

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_H_
