#ifndef POLYGRAPH_LIB_INGEST_SAM_TRANSFORM_H_
#define POLYGRAPH_LIB_INGEST_SAM_TRANSFORM_H_

// The AWS SAM transform (Transform: AWS::Serverless-2016-10-31) as a
// template-to-template expansion, the way CloudFormation's SAM macro expands
// it before creating a stack:
//
//   if (HasServerlessTransform(*doc)) {
//     absl::StatusOr<Value> expanded =
//         ExpandServerlessTransform(*doc, diagnostics);
//     if (!expanded.ok()) return expanded.status();
//     status = ImportCloudFormation(*expanded, builder, diagnostics);
//   }
//
// Generated resources follow SAM's logical ids: "<Function>Role",
// "<Function><Event>Permission" ("...PermissionProd" for Api events),
// "<Function><Event>" for event source mappings, rules and subscriptions,
// "ServerlessRestApi" (with "ServerlessRestApiDeployment<hash>" and
// "ServerlessRestApiProdStage"), "ServerlessHttpApi" (with
// "ServerlessHttpApiApiGatewayDefaultStage"), "<Function>RolePolicy<N>" for
// inline role policies. Every generated node carries the SourceLocation of
// the SAM source that caused it (a function's role and the function itself
// at the function's logical id, a policy statement at its Policies entry, an
// event's resources at the event's name); copied values keep their own.
//
// Thread safety: stateless functions; thread-safe.

#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// True when the template's Transform (a string or a list) names
// AWS::Serverless-2016-10-31.
bool HasServerlessTransform(const Value& document);

// The template CloudFormation would see after the SAM transform: every
// AWS::Serverless::* resource replaced by the resources SAM generates,
// Globals merged into them and removed, and AWS::Serverless-2016-10-31
// removed from Transform (the Transform key dropped when nothing is left).
// Other resources and sections are copied unchanged.
//
// Expanded: Function (with its role, Policies and policy templates,
// FunctionUrlConfig, and the events Api, HttpApi, S3, SQS, Kinesis,
// DynamoDB, SNS, Schedule, ScheduleV2, CloudWatchEvent, EventBridgeRule),
// Api, HttpApi, SimpleTable, LayerVersion, StateMachine (with its role and
// its Schedule, CloudWatchEvent and EventBridgeRule events).
// Notes ("not-analysed") go to `diagnostics` for what is not expanded: other
// event types, S3 bucket notifications, API Auth, SAM policy templates
// whose statements are not restated here, nested applications
// (AWS::Serverless::Application becomes an AWS::CloudFormation::Stack),
// other AWS::Serverless::* types (kept as written), and function settings
// such as AutoPublishAlias or DeploymentPreference.
// Errors (InputError at the offending value): a Resources, Properties,
// Globals or Events value that is not an object, an unknown Globals section
// or property, an event without a string Type or without a required
// property, a Policies entry of the wrong shape, an unknown policy template
// (at its name) or missing template parameter.
absl::StatusOr<Value> ExpandServerlessTransform(
    const Value& document, std::vector<Diagnostic>& diagnostics);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_SAM_TRANSFORM_H_
