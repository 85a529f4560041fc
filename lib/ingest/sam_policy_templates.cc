#include "ingest/sam_policy_templates.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_text.h"

namespace polygraph::ingest::sam {
namespace {

// One statement of a policy template. `actions` and `resources` are
// space-separated; a resource is "*" or an ARN pattern in which ${Name}
// names a parameter of the template (any other ${...} is a pseudo parameter
// such as ${AWS::Region}). `condition`, when set, is "Operator Key Pattern".
struct TemplateStatement {
  std::string_view actions;
  std::string_view resources;
  std::string_view condition;
};

struct PolicyTemplate {
  std::string_view name;
  std::string_view parameters;  // space-separated
  std::vector<TemplateStatement> statements;
};

constexpr std::string_view kS3Bucket =
    "arn:${AWS::Partition}:s3:::${BucketName}";
constexpr std::string_view kS3Buckets =
    "arn:${AWS::Partition}:s3:::${BucketName} "
    "arn:${AWS::Partition}:s3:::${BucketName}/*";
constexpr std::string_view kTables =
    "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/"
    "${TableName} "
    "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/"
    "${TableName}/index/*";
constexpr std::string_view kQueue =
    "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${QueueName}";
constexpr std::string_view kKey =
    "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}";
constexpr std::string_view kSsmRead =
    "ssm:GetParameters ssm:GetParameter ssm:GetParametersByPath";

// The statements SAM's policy templates define (SAM's
// policy_templates.json), restated.
const std::vector<PolicyTemplate>& Templates() {
  static const auto* const kTemplates = new std::vector<PolicyTemplate>{
      {"S3ReadPolicy",
       "BucketName",
       {{"s3:GetObject s3:ListBucket s3:GetBucketLocation s3:GetObjectVersion "
         "s3:GetLifecycleConfiguration",
         kS3Buckets, ""}}},
      {"S3WritePolicy",
       "BucketName",
       {{"s3:PutObject s3:PutObjectAcl s3:PutLifecycleConfiguration",
         kS3Buckets, ""}}},
      {"S3CrudPolicy",
       "BucketName",
       {{"s3:GetObject s3:ListBucket s3:GetBucketLocation s3:GetObjectVersion "
         "s3:PutObject s3:PutObjectAcl s3:GetLifecycleConfiguration "
         "s3:PutLifecycleConfiguration s3:DeleteObject",
         kS3Buckets, ""}}},
      {"S3FullAccessPolicy",
       "BucketName",
       {{"s3:GetObject s3:GetObjectAcl s3:GetObjectVersion s3:PutObject "
         "s3:PutObjectAcl s3:DeleteObject s3:DeleteObjectTagging "
         "s3:DeleteObjectVersionTagging s3:GetObjectTagging "
         "s3:GetObjectVersionTagging s3:PutObjectTagging "
         "s3:PutObjectVersionTagging",
         "arn:${AWS::Partition}:s3:::${BucketName}/*", ""},
        {"s3:ListBucket s3:GetBucketLocation s3:GetLifecycleConfiguration "
         "s3:PutLifecycleConfiguration",
         kS3Bucket, ""}}},
      {"DynamoDBReadPolicy",
       "TableName",
       {{"dynamodb:GetItem dynamodb:Scan dynamodb:Query dynamodb:BatchGetItem "
         "dynamodb:DescribeTable",
         kTables, ""}}},
      {"DynamoDBWritePolicy",
       "TableName",
       {{"dynamodb:PutItem dynamodb:UpdateItem dynamodb:BatchWriteItem",
         kTables, ""}}},
      {"DynamoDBCrudPolicy",
       "TableName",
       {{"dynamodb:GetItem dynamodb:DeleteItem dynamodb:PutItem dynamodb:Scan "
         "dynamodb:Query dynamodb:UpdateItem dynamodb:BatchWriteItem "
         "dynamodb:BatchGetItem dynamodb:DescribeTable "
         "dynamodb:ConditionCheckItem",
         kTables, ""}}},
      {"DynamoDBStreamReadPolicy",
       "TableName StreamName",
       {{"dynamodb:DescribeStream dynamodb:GetRecords "
         "dynamodb:GetShardIterator",
         "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:"
         "table/${TableName}/stream/${StreamName}",
         ""},
        {"dynamodb:ListStreams",
         "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:"
         "table/${TableName}/stream/*",
         ""}}},
      {"KinesisStreamReadPolicy",
       "StreamName",
       {{"kinesis:ListStreams kinesis:DescribeLimits",
         "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:"
         "stream/*",
         ""},
        {"kinesis:DescribeStream kinesis:DescribeStreamSummary "
         "kinesis:GetRecords kinesis:GetShardIterator",
         "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:"
         "stream/${StreamName}",
         ""}}},
      {"SQSPollerPolicy",
       "QueueName",
       {{"sqs:ChangeMessageVisibility sqs:ChangeMessageVisibilityBatch "
         "sqs:DeleteMessage sqs:DeleteMessageBatch sqs:GetQueueAttributes "
         "sqs:ReceiveMessage",
         kQueue, ""}}},
      {"SQSSendMessagePolicy", "QueueName", {{"sqs:SendMessage*", kQueue, ""}}},
      {"SNSPublishMessagePolicy",
       "TopicName",
       {{"sns:Publish",
         "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:"
         "${TopicName}",
         ""}}},
      {"LambdaInvokePolicy",
       "FunctionName",
       {{"lambda:InvokeFunction",
         "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:"
         "function:${FunctionName}*",
         ""}}},
      {"KMSDecryptPolicy", "KeyId", {{"kms:Decrypt", kKey, ""}}},
      {"KMSEncryptPolicy", "KeyId", {{"kms:Encrypt", kKey, ""}}},
      {"AWSSecretsManagerGetSecretValuePolicy",
       "SecretArn",
       {{"secretsmanager:GetSecretValue", "${SecretArn}", ""}}},
      {"AWSSecretsManagerRotationPolicy",
       "FunctionName",
       {{"secretsmanager:DescribeSecret secretsmanager:GetSecretValue "
         "secretsmanager:PutSecretValue "
         "secretsmanager:UpdateSecretVersionStage",
         "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:"
         "${AWS::AccountId}:secret:*",
         "StringEquals secretsmanager:resource/AllowRotationLambdaArn "
         "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:"
         "function:${FunctionName}"},
        {"secretsmanager:GetRandomPassword", "*", ""}}},
      {"SSMParameterReadPolicy",
       "ParameterName",
       {{"ssm:DescribeParameters", "*", ""},
        {kSsmRead,
         "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:"
         "parameter/${ParameterName}",
         ""}}},
      {"SSMParameterWithSlashPrefixReadPolicy",
       "ParameterName",
       {{"ssm:DescribeParameters", "*", ""},
        {kSsmRead,
         "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:"
         "parameter${ParameterName}",
         ""}}},
      {"StepFunctionsExecutionPolicy",
       "StateMachineName",
       {{"states:StartExecution",
         "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:"
         "stateMachine:${StateMachineName}",
         ""}}},
      {"CloudWatchPutMetricPolicy",
       "",
       {{"cloudwatch:PutMetricData", "*", ""}}},
      {"EventBridgePutEventsPolicy",
       "EventBusName",
       {{"events:PutEvents",
         "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:"
         "event-bus/${EventBusName}",
         ""}}},
      {"VPCAccessPolicy",
       "",
       {{"ec2:CreateNetworkInterface ec2:DeleteNetworkInterface "
         "ec2:DescribeNetworkInterfaces ec2:DetachNetworkInterface",
         "*", ""}}},
  };
  return *kTemplates;
}

// The other policy templates SAM defines, whose statements this transform
// does not restate: each is noted, and its permissions are not seen.
constexpr std::string_view kOtherTemplates =
    "AMIDescribePolicy AcmGetCertificatePolicy AthenaQueryPolicy "
    "CloudFormationDescribeStacksPolicy CloudWatchDashboardPolicy "
    "CloudWatchDescribeAlarmHistoryPolicy CodeCommitCrudPolicy "
    "CodeCommitReadPolicy CodePipelineLambdaExecutionPolicy "
    "CodePipelineReadOnlyPolicy ComprehendBasicAccessPolicy "
    "CostExplorerReadOnlyPolicy DynamoDBBackupFullAccessPolicy "
    "DynamoDBReconfigurePolicy DynamoDBRestoreFromBackupPolicy "
    "EC2CopyImagePolicy EC2DescribePolicy EFSWriteAccessPolicy "
    "EKSDescribePolicy EcsRunTaskPolicy ElasticMapReduceAddJobFlowStepsPolicy "
    "ElasticMapReduceCancelStepsPolicy "
    "ElasticMapReduceModifyInstanceFleetPolicy "
    "ElasticMapReduceModifyInstanceGroupsPolicy "
    "ElasticMapReduceSetTerminationProtectionPolicy "
    "ElasticMapReduceTerminateJobFlowsPolicy ElasticsearchHttpPostPolicy "
    "FilterLogEventsPolicy FirehoseCrudPolicy FirehoseWritePolicy "
    "KMSEncryptPolicy_v2 KinesisCrudPolicy "
    "MobileAnalyticsWriteOnlyAccessPolicy "
    "OrganizationsListAccountsPolicy PinpointEndpointAccessPolicy "
    "PollyFullAccessPolicy RekognitionDetectOnlyPolicy "
    "RekognitionFacesManagementPolicy RekognitionFacesPolicy "
    "RekognitionLabelsPolicy RekognitionNoDataAccessPolicy "
    "RekognitionReadPolicy RekognitionWriteOnlyAccessPolicy "
    "Route53ChangeResourceRecordSetsPolicy SESBulkTemplatedCrudPolicy "
    "SESBulkTemplatedCrudPolicy_v2 SESCrudPolicy SESEmailTemplateCrudPolicy "
    "SESSendBouncePolicy SNSCrudPolicy SageMakerCreateEndpointConfigPolicy "
    "SageMakerCreateEndpointPolicy ServerlessRepoReadWriteAccessPolicy "
    "StepFunctionsCallbackPolicy StepFunctionsExecutionPolicy_v2 "
    "TextractDetectAnalyzePolicy TextractGetResultPolicy TextractPolicy";

bool IsOtherTemplate(std::string_view name) {
  for (absl::string_view entry : absl::StrSplit(
           internal::ToAbsl(kOtherTemplates), ' ', absl::SkipEmpty())) {
    if (entry == internal::ToAbsl(name)) return true;
  }
  return false;
}

const PolicyTemplate* FindTemplate(std::string_view name) {
  for (const PolicyTemplate& entry : Templates()) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

std::vector<std::string> Words(std::string_view text) {
  return absl::StrSplit(internal::ToAbsl(text), ' ', absl::SkipEmpty());
}

// SAM's variable name for a parameter: its first letter in lower case.
std::string VariableName(std::string_view parameter) {
  std::string name(parameter);
  if (!name.empty()) name[0] = absl::ascii_tolower(name[0]);
  return name;
}

// The resource `pattern` with the template's parameters substituted: "*"
// stays a string, a pattern naming parameters becomes
// Fn::Sub [pattern, {variable: value}], any other an Fn::Sub text.
Value Resource(std::string_view pattern, const PolicyTemplate& entry,
               const Value& parameters, const SourceLocation& at) {
  if (pattern.find("${") == std::string_view::npos) return Text(pattern, at);
  std::string text(pattern);
  Value variables = Object(at);
  for (const std::string& parameter : Words(entry.parameters)) {
    const std::string placeholder = absl::StrCat("${", parameter, "}");
    if (!absl::StrContains(text, placeholder)) continue;
    const std::string variable = VariableName(parameter);
    text = absl::StrReplaceAll(
        text, {{placeholder, absl::StrCat("${", variable, "}")}});
    Put(variables, variable, *parameters.Find(parameter),
        parameters.KeyLocation(parameter));
  }
  if (variables.items.empty()) return Sub(text, at);
  return Sub(text, std::move(variables), at);
}

Value Strings(const std::vector<std::string>& words, const SourceLocation& at) {
  Value list = Array(at);
  for (const std::string& word : words) list.items.push_back(Text(word, at));
  return list;
}

std::string Describe(const Value& value) {
  return std::string(Value::KindName(value.kind));
}

}  // namespace

Value Text(std::string_view text, const SourceLocation& at) {
  return evaluation::MakeString(std::string(text), at);
}

Value Object(const SourceLocation& at) { return evaluation::MakeObject(at); }

Value Array(const SourceLocation& at) { return evaluation::MakeArray({}, at); }

void Put(Value& object, std::string_view key, Value value,
         const SourceLocation& key_at) {
  for (size_t i = 0; i < object.keys.size(); ++i) {
    if (object.keys[i] == key) {
      object.items[i] = std::move(value);
      object.key_locations[i] = key_at;
      return;
    }
  }
  object.keys.emplace_back(key);
  object.key_locations.push_back(key_at);
  object.items.push_back(std::move(value));
}

void Put(Value& object, std::string_view key, Value value) {
  const SourceLocation at = object.location;
  Put(object, key, std::move(value), at);
}

Value Ref(std::string_view id, const SourceLocation& at) {
  Value ref = Object(at);
  Put(ref, "Ref", Text(id, at));
  return ref;
}

Value GetAtt(std::string_view id, std::string_view attribute,
             const SourceLocation& at) {
  Value arguments = Array(at);
  arguments.items.push_back(Text(id, at));
  arguments.items.push_back(Text(attribute, at));
  Value get_att = Object(at);
  Put(get_att, "Fn::GetAtt", std::move(arguments));
  return get_att;
}

Value Sub(std::string_view text, const SourceLocation& at) {
  Value sub = Object(at);
  Put(sub, "Fn::Sub", Text(text, at));
  return sub;
}

Value Sub(std::string_view text, Value variables, const SourceLocation& at) {
  Value arguments = Array(at);
  arguments.items.push_back(Text(text, at));
  arguments.items.push_back(std::move(variables));
  Value sub = Object(at);
  Put(sub, "Fn::Sub", std::move(arguments));
  return sub;
}

Value AwsManagedPolicyArn(std::string_view path_and_name,
                          const SourceLocation& at) {
  return Sub(absl::StrCat("arn:${AWS::Partition}:iam::aws:policy/",
                          internal::ToAbsl(path_and_name)),
             at);
}

Value AssumeRolePolicy(std::string_view service, const SourceLocation& at) {
  Value principal = Object(at);
  Value services = Array(at);
  services.items.push_back(Text(service, at));
  Put(principal, "Service", std::move(services));
  Value statement = Object(at);
  Put(statement, "Effect", Text("Allow", at));
  Put(statement, "Principal", std::move(principal));
  Value actions = Array(at);
  actions.items.push_back(Text("sts:AssumeRole", at));
  Put(statement, "Action", std::move(actions));
  Value statements = Array(at);
  statements.items.push_back(std::move(statement));
  Value document = Object(at);
  Put(document, "Version", Text("2012-10-17", at));
  Put(document, "Statement", std::move(statements));
  return document;
}

void RolePolicies::AddManaged(Value arn) {
  // The text an ARN is compared by: a literal, or an Fn::Sub's text.
  auto text_of = [](const Value& value) -> std::optional<std::string> {
    if (value.is_string() && value.tag.empty()) return value.text;
    std::optional<iam::TemplateExpression> expression =
        iam::AsTemplateExpression(value);
    if (expression.has_value() && expression->name == "Fn::Sub" &&
        expression->argument->is_string()) {
      return absl::StrCat("Fn::Sub:", expression->argument->text);
    }
    return std::nullopt;
  };
  std::optional<std::string> text = text_of(arn);
  if (text.has_value()) {
    for (const Value& existing : managed_arns) {
      if (text_of(existing) == text) return;
    }
  }
  managed_arns.push_back(std::move(arn));
}

bool IsPolicyTemplate(std::string_view name) {
  return FindTemplate(name) != nullptr;
}

absl::StatusOr<Value> ExpandPolicyTemplate(std::string_view name,
                                           const Value& parameters,
                                           const SourceLocation& at) {
  const PolicyTemplate* entry = FindTemplate(name);
  if (entry == nullptr) {
    return InputError(at, absl::StrCat("unknown SAM policy template ",
                                       internal::ToAbsl(name)));
  }
  // A template without parameters may be written with no value at all.
  const bool bare = entry->parameters.empty() && parameters.is_null();
  if (!parameters.is_object() && !bare) {
    return InputError(
        parameters.location,
        absl::StrCat("the parameters of policy template ",
                     internal::ToAbsl(name), " must be an object, found ",
                     Describe(parameters)));
  }
  for (const std::string& parameter : Words(entry->parameters)) {
    if (parameters.Find(parameter) == nullptr) {
      return InputError(parameters.location,
                        absl::StrCat("policy template ", internal::ToAbsl(name),
                                     " needs the parameter ", parameter));
    }
  }
  Value statements = Array(at);
  for (const TemplateStatement& spec : entry->statements) {
    Value statement = Object(at);
    Put(statement, "Effect", Text("Allow", at));
    Put(statement, "Action", Strings(Words(spec.actions), at));
    std::vector<std::string> patterns = Words(spec.resources);
    if (patterns.size() == 1) {
      Put(statement, "Resource", Resource(patterns[0], *entry, parameters, at));
    } else {
      Value resources = Array(at);
      for (const std::string& pattern : patterns) {
        resources.items.push_back(Resource(pattern, *entry, parameters, at));
      }
      Put(statement, "Resource", std::move(resources));
    }
    if (!spec.condition.empty()) {
      std::vector<std::string> parts = Words(spec.condition);  // op key value
      Value test = Object(at);
      Put(test, parts[1], Resource(parts[2], *entry, parameters, at));
      Value condition = Object(at);
      Put(condition, parts[0], std::move(test));
      Put(statement, "Condition", std::move(condition));
    }
    statements.items.push_back(std::move(statement));
  }
  Value document = Object(at);
  Put(document, "Version", Text("2012-10-17", at));
  Put(document, "Statement", std::move(statements));
  return document;
}

namespace {

// The path under arn:aws:iam::aws:policy/ of the AWS managed policy `name`:
// the few that live under a folder, else the name itself.
std::string ManagedPolicyPath(std::string_view name) {
  static constexpr std::string_view kServiceRole[] = {
      "AWSLambdaBasicExecutionRole",
      "AWSLambdaDynamoDBExecutionRole",
      "AWSLambdaENIManagementAccess",
      "AWSLambdaKinesisExecutionRole",
      "AWSLambdaMSKExecutionRole",
      "AWSLambdaRole",
      "AWSLambdaSQSQueueExecutionRole",
      "AWSLambdaVPCAccessExecutionRole",
      "AWSLambdaReplicator",
      "AWSIoTRuleActions",
      "AWSIoTLogging",
      "AWSConfigRole",
  };
  static constexpr std::string_view kJobFunction[] = {
      "ViewOnlyAccess",
      "DatabaseAdministrator",
      "DataScientist",
      "NetworkAdministrator",
      "SystemAdministrator",
      "SupportUser",
      "Billing",
  };
  for (std::string_view entry : kServiceRole) {
    if (entry == name)
      return absl::StrCat("service-role/", internal::ToAbsl(name));
  }
  for (std::string_view entry : kJobFunction) {
    if (entry == name)
      return absl::StrCat("job-function/", internal::ToAbsl(name));
  }
  return std::string(name);
}

Value InlinePolicy(std::string_view name, Value document,
                   const SourceLocation& at) {
  Value policy = Object(at);
  Put(policy, "PolicyName", Text(name, at));
  Put(policy, "PolicyDocument", std::move(document));
  return policy;
}

// A policy template entry {Name: parameters} or a document {Statement...}
// as a policy document; nullopt (with OK) when `entry` is neither.
// A template SAM defines but this transform does not restate is noted in
// `role` and yields nullopt too.
absl::StatusOr<std::optional<Value>> AsDocument(const Value& entry,
                                                RolePolicies& role) {
  if (!entry.is_object() || !entry.tag.empty() ||
      iam::AsTemplateExpression(entry).has_value()) {
    return std::nullopt;
  }
  if (entry.Find("Statement") != nullptr) return entry;
  if (entry.items.size() != 1) return std::nullopt;
  const std::string& name = entry.keys[0];
  if (IsOtherTemplate(name)) {
    Diagnostic note;
    note.code = "not-analysed";
    note.location = entry.key_locations[0];
    note.message = absl::StrCat("policy template ", name,
                                " is not expanded; its permissions are not "
                                "seen");
    role.notes.push_back(std::move(note));
    return std::nullopt;
  }
  if (!IsPolicyTemplate(name)) {
    return InputError(entry.key_locations[0],
                      absl::StrCat("unknown SAM policy template ", name));
  }
  absl::StatusOr<Value> document =
      ExpandPolicyTemplate(name, entry.items[0], entry.location);
  if (!document.ok()) return document.status();
  return std::optional<Value>(*std::move(document));
}

}  // namespace

absl::Status AddSamPolicies(const Value& policies, std::string_view role_id,
                            RolePolicies& role) {
  std::vector<const Value*> entries;
  if (policies.is_array() && policies.tag.empty()) {
    for (const Value& entry : policies.items) entries.push_back(&entry);
  } else {
    entries.push_back(&policies);
  }
  for (size_t index = 0; index < entries.size(); ++index) {
    const Value& entry = *entries[index];
    const std::string name =
        absl::StrCat(internal::ToAbsl(role_id), "Policy", index);
    if (iam::IsNoValue(entry)) continue;
    if (entry.is_string() && entry.tag.empty()) {
      if (absl::StartsWith(entry.text, "arn:")) {
        role.AddManaged(entry);
      } else {
        role.AddManaged(
            AwsManagedPolicyArn(ManagedPolicyPath(entry.text), entry.location));
      }
      continue;
    }
    std::optional<iam::TemplateExpression> expression =
        iam::AsTemplateExpression(entry);
    if (expression.has_value() && expression->name == "Fn::If" &&
        expression->argument->is_array() &&
        expression->argument->items.size() == 3) {
      // Branches holding documents make a conditional inline policy; else
      // the Fn::If chooses a managed policy ARN.
      Value conditional = entry;
      Value& arguments =
          conditional.tag.empty() ? conditional.items[0] : conditional;
      bool documents = false;
      for (size_t branch = 1; branch < 3; ++branch) {
        absl::StatusOr<std::optional<Value>> document =
            AsDocument(arguments.items[branch], role);
        if (!document.ok()) return document.status();
        if (!document->has_value()) continue;
        documents = true;
        arguments.items[branch] = InlinePolicy(
            name, **std::move(document), arguments.items[branch].location);
      }
      if (documents) {
        role.inline_policies.push_back(std::move(conditional));
      } else {
        role.AddManaged(entry);
      }
      continue;
    }
    if (expression.has_value()) {
      role.AddManaged(entry);
      continue;
    }
    const size_t notes = role.notes.size();
    absl::StatusOr<std::optional<Value>> document = AsDocument(entry, role);
    if (!document.ok()) return document.status();
    if (role.notes.size() > notes) continue;
    if (!document->has_value()) {
      return InputError(
          entry.location,
          absl::StrCat("a Policies entry must be a managed policy name or ARN, "
                       "a policy document or a policy template, found ",
                       entry.is_object()
                           ? "an object with " +
                                 std::to_string(entry.items.size()) +
                                 " keys and no Statement"
                           : Describe(entry)));
    }
    role.inline_policies.push_back(
        InlinePolicy(name, **std::move(document), entry.location));
  }
  return absl::OkStatus();
}

}  // namespace polygraph::ingest::sam
