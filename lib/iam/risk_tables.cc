// The tables of catalogue names risk classification (risk_categories.cc)
// uses, and the catalogue action sets made from them (risk_tables.h). Every
// table entry is a catalogue name (tests/iam/risk_tables_test.cc checks
// each one), so a misspelt entry fails a test rather than silently matching
// nothing.

#include "iam/risk_tables.h"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/effective_internal.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_effective.h"

namespace polygraph::iam::internal {

using ::polygraph::internal::ToAbsl;

const std::vector<std::string_view>& RiskTable(RiskTableId id) {
  static const std::vector<std::string_view> kDirectEscalation = {
      "iam:AddUserToGroup",
      "iam:AttachGroupPolicy",
      "iam:AttachRolePolicy",
      "iam:AttachUserPolicy",
      "iam:CreateAccessKey",
      "iam:CreateLoginProfile",
      "iam:CreatePolicyVersion",
      "iam:DeleteRolePermissionsBoundary",
      "iam:DeleteUserPermissionsBoundary",
      "iam:PutGroupPolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:PutUserPermissionsBoundary",
      "iam:PutUserPolicy",
      "iam:SetDefaultPolicyVersion",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateLoginProfile",
  };
  static const std::vector<std::string_view> kPassRoleCompute = {
      "autoscaling:CreateLaunchConfiguration",
      "cloudformation:CreateStack",
      "cloudformation:CreateStackSet",
      "cloudformation:UpdateStack",
      "codebuild:CreateProject",
      "codebuild:UpdateProject",
      "datapipeline:CreatePipeline",
      "ec2:CreateLaunchTemplate",
      "ec2:RunInstances",
      "ecs:CreateService",
      "ecs:RegisterTaskDefinition",
      "ecs:RunTask",
      "ecs:StartTask",
      "glue:CreateDevEndpoint",
      "glue:CreateJob",
      "glue:UpdateDevEndpoint",
      "glue:UpdateJob",
      "lambda:CreateFunction",
      "lambda:UpdateFunctionConfiguration",
      "sagemaker:CreateNotebookInstance",
      "sagemaker:CreateProcessingJob",
      "sagemaker:CreateTrainingJob",
  };
  static const std::vector<std::string_view> kDataRead = {
      "athena:GetQueryResults",
      "codecommit:GitPull",
      "dynamodb:BatchGetItem",
      "dynamodb:GetItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "ebs:GetSnapshotBlock",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
      "glacier:GetJobOutput",
      "kinesis:GetRecords",
      "kms:Decrypt",
      "lambda:GetFunction",
      "logs:FilterLogEvents",
      "logs:GetLogEvents",
      "rds:DownloadCompleteDBLogFile",
      "rds:DownloadDBLogFilePortion",
      "redshift-data:GetStatementResult",
      "s3:GetObject",
      "s3:GetObjectVersion",
      "secretsmanager:BatchGetSecretValue",
      "secretsmanager:GetSecretValue",
      "sqs:ReceiveMessage",
      "ssm:GetParameter",
      "ssm:GetParameterHistory",
      "ssm:GetParameters",
      "ssm:GetParametersByPath",
  };
  static const std::vector<std::string_view> kExposure = {
      "apigateway:UpdateRestApiPolicy",
      "backup:PutBackupVaultAccessPolicy",
      "dynamodb:PutResourcePolicy",
      "ec2:ModifyImageAttribute",
      "ec2:ModifySnapshotAttribute",
      "ecr-public:SetRepositoryPolicy",
      "ecr:SetRepositoryPolicy",
      "elasticfilesystem:PutFileSystemPolicy",
      "events:PutPermission",
      "glacier:SetVaultAccessPolicy",
      "glue:PutResourcePolicy",
      "kms:CreateGrant",
      "kms:PutKeyPolicy",
      "lambda:AddLayerVersionPermission",
      "lambda:AddPermission",
      "logs:PutResourcePolicy",
      "ram:CreateResourceShare",
      "rds:ModifyDBClusterSnapshotAttribute",
      "rds:ModifyDBSnapshotAttribute",
      "s3:PutAccessPointPolicy",
      "s3:PutAccountPublicAccessBlock",
      "s3:PutBucketAcl",
      "s3:PutBucketPolicy",
      "s3:PutBucketPublicAccessBlock",
      "s3:PutObjectAcl",
      "s3:PutObjectVersionAcl",
      "secretsmanager:PutResourcePolicy",
      "sns:AddPermission",
      "sns:SetTopicAttributes",
      "sqs:AddPermission",
      "sqs:SetQueueAttributes",
  };
  static const std::vector<std::string_view> kCredentials = {
      "codeartifact:GetAuthorizationToken",
      "cognito-identity:GetCredentialsForIdentity",
      "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
      "ec2-instance-connect:SendSSHPublicKey",
      "ec2:GetPasswordData",
      "ecr:GetAuthorizationToken",
      "iam:CreateAccessKey",
      "iam:CreateServiceSpecificCredential",
      "iam:ResetServiceSpecificCredential",
      "iam:UploadSSHPublicKey",
      "lightsail:GetInstanceAccessDetails",
      "rds-db:connect",
      "redshift-serverless:GetCredentials",
      "redshift:GetClusterCredentials",
      "redshift:GetClusterCredentialsWithIAM",
      "sts:GetFederationToken",
  };
  // Services whose Write actions modify infrastructure.
  static const std::vector<std::string_view> kInfrastructureServices = {
      "apigateway",
      "autoscaling",
      "batch",
      "cloudformation",
      "cloudfront",
      "docdb-elastic",
      "dynamodb",
      "ec2",
      "ecs",
      "eks",
      "elasticache",
      "elasticbeanstalk",
      "elasticloadbalancing",
      "es",
      "kafka",
      "lambda",
      "rds",
      "redshift",
      "route53",
  };
  switch (id) {
    case RiskTableId::kDirectEscalation:
      return kDirectEscalation;
    case RiskTableId::kPassRoleCompute:
      return kPassRoleCompute;
    case RiskTableId::kDataRead:
      return kDataRead;
    case RiskTableId::kExposure:
      return kExposure;
    case RiskTableId::kCredentials:
      return kCredentials;
    case RiskTableId::kInfrastructureServices:
      return kInfrastructureServices;
  }
  return kDirectEscalation;
}

namespace {

ActionSet TableSet(RiskTableId id) {
  const Catalogue& catalogue = Catalogue::Builtin();
  ActionSet set = catalogue.None();
  for (std::string_view name : RiskTable(id)) {
    if (std::optional<size_t> index = catalogue.FindAction(name)) {
      set.Insert(*index);
    }
  }
  return set;
}

// Writes that act on items or rows rather than on the resource itself
// (dynamodb:PutItem, PartiQL statements) and invocations
// (lambda:InvokeFunction) change no infrastructure.
bool IsDataPlaneWrite(const ActionInfo& action) {
  const absl::string_view name = ToAbsl(action.name);
  if (action.service == "dynamodb") {
    return absl::StrContains(name, "Item") ||
           absl::StartsWith(name, "PartiQL") ||
           name == "WriteDataForReplication";
  }
  return action.service == "lambda" && absl::StartsWith(name, "Invoke");
}

ActionSet InfrastructureSet() {
  const Catalogue& catalogue = Catalogue::Builtin();
  ActionSet set = catalogue.None();
  for (std::string_view service :
       RiskTable(RiskTableId::kInfrastructureServices)) {
    for (size_t index :
         catalogue.Expand(absl::StrCat(ToAbsl(service), ":*")).Indices()) {
      const ActionInfo& action = catalogue.action(index);
      if (action.access_level == AccessLevel::kWrite &&
          !IsDataPlaneWrite(action)) {
        set.Insert(index);
      }
    }
  }
  return set;
}

}  // namespace

const ActionSet& PassRoleComputeActions() {
  static const ActionSet* const kSet =
      new ActionSet(TableSet(RiskTableId::kPassRoleCompute));
  return *kSet;
}

const ActionSet& RiskActions(RiskCategory category) {
  struct Sets {
    ActionSet escalation, data, exposure, infrastructure, credentials;
  };
  static const Sets* const kSets =
      new Sets{.escalation = TableSet(RiskTableId::kDirectEscalation),
               .data = TableSet(RiskTableId::kDataRead),
               .exposure = TableSet(RiskTableId::kExposure),
               .infrastructure = InfrastructureSet(),
               .credentials = TableSet(RiskTableId::kCredentials)};
  switch (category) {
    case RiskCategory::kPrivilegeEscalation:
      return kSets->escalation;
    case RiskCategory::kDataExfiltration:
      return kSets->data;
    case RiskCategory::kResourceExposure:
      return kSets->exposure;
    case RiskCategory::kInfrastructureModification:
      return kSets->infrastructure;
    case RiskCategory::kCredentialsExposure:
      return kSets->credentials;
    case RiskCategory::kAdministrator:
      return IamPermissionsManagement();
  }
  return kSets->escalation;
}

}  // namespace polygraph::iam::internal
