// The pass-role technique of EdgeFinder (escalation_finder.h): iam:PassRole
// of a role to a service that runs compute as it, with the actions that
// create and start that compute (the PassRoleServices() table).

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "iam/escalation_finder.h"
#include "iam/escalation_internal.h"

namespace polygraph::iam::internal {

using ::polygraph::internal::ToAbsl;

const std::vector<PassRoleService>& PassRoleServices() {
  static const std::vector<PassRoleService>* const services =
      new std::vector<PassRoleService>{
          {"lambda.amazonaws.com",
           "a new Lambda function",
           {{"lambda:CreateFunction", "lambda:InvokeFunction"},
            {"lambda:CreateFunction", "lambda:CreateEventSourceMapping"}}},
          {"ec2.amazonaws.com", "a new EC2 instance", {{"ec2:RunInstances"}}},
          {"ecs-tasks.amazonaws.com",
           "a new ECS task",
           {{"ecs:RegisterTaskDefinition", "ecs:RunTask"},
            {"ecs:RegisterTaskDefinition", "ecs:CreateService"}}},
          {"glue.amazonaws.com",
           "a new Glue job",
           {{"glue:CreateDevEndpoint"},
            {"glue:CreateJob", "glue:StartJobRun"}}},
          {"cloudformation.amazonaws.com",
           "a new CloudFormation stack",
           {{"cloudformation:CreateStack"}}},
          {"codebuild.amazonaws.com",
           "a new CodeBuild project",
           {{"codebuild:CreateProject", "codebuild:StartBuild"}}},
          {"sagemaker.amazonaws.com",
           "a new SageMaker notebook or job",
           {{"sagemaker:CreateNotebookInstance"},
            {"sagemaker:CreateTrainingJob"},
            {"sagemaker:CreateProcessingJob"}}},
          {"datapipeline.amazonaws.com",
           "a new Data Pipeline",
           {{"datapipeline:CreatePipeline",
             "datapipeline:PutPipelineDefinition",
             "datapipeline:ActivatePipeline"}}},
      };
  return *services;
}

bool EdgeFinder::FindUsableServices(size_t p) {
  const std::vector<PassRoleService>& services = PassRoleServices();
  usable_.assign(services.size(), nullptr);
  bool any = false;
  for (size_t i = 0; i < services.size(); ++i) {
    for (const std::vector<std::string_view>& set : services[i].alternatives) {
      if (std::all_of(set.begin(), set.end(),
                      [&](std::string_view a) { return Has(p, a); })) {
        usable_[i] = &set;
        any = true;
        break;
      }
    }
  }
  return any;
}

absl::Status EdgeFinder::PassRoleEdges(size_t p, size_t q) {
  const AccountPrincipal& to = account_.principals[q];
  const std::vector<PassRoleService>& services = PassRoleServices();
  for (size_t i = 0; i < services.size(); ++i) {
    const PassRoleService& service = services[i];
    const std::vector<std::string_view>* usable = usable_[i];
    if (usable == nullptr ||
        !std::binary_search(to.service_principals.begin(),
                            to.service_principals.end(), service.service,
                            std::less<>())) {
      continue;
    }
    std::vector<StatementRef> statements;
    absl::StatusOr<bool> allowed =
        Allowed(p, kPassRole, to.arn, &statements, service.service);
    if (!allowed.ok()) return allowed.status();
    if (!*allowed) continue;
    std::vector<std::string> actions = {std::string(kPassRole)};
    for (std::string_view action : *usable) {
      actions.emplace_back(action);
      GrantStatements(p, action, &statements);
    }
    std::string explanation =
        absl::StrCat(PrincipalLabel(account_.principals[p]), " can pass ",
                     PrincipalLabel(to), " to ", ToAbsl(service.noun), " (",
                     absl::StrJoin(actions, ", "), ") and run as it");
    Emit(p, q, EscalationTechnique::kPassRole, std::move(actions),
         std::string(service.service), std::move(statements),
         std::move(explanation));
  }
  return absl::OkStatus();
}

}  // namespace polygraph::iam::internal
