// Fuzz target for user rule files: any bytes, as a rule file given with
// --rules, are read, compiled and (when valid) run over a small model
// holding a bucket, a security group, a role and a database, with the
// reports rendered.
//
// Contract checked (std::abort() otherwise): an invalid rule file is exactly
// one error diagnostic "rule-error" located in that file (line >= 1) and the
// built-in rules still run; a valid one runs; nothing crashes, hangs or
// leaks.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/check.h"
#include "polygraph/diagnostic.h"
#include "polygraph/report.h"

namespace {

constexpr char kTemplate[] = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Assets:
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: Environment
          Value: dev
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: ecs-tasks.amazonaws.com}
            Action: sts:AssumeRole
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: false
      BackupRetentionPeriod: 3
      MasterUserPassword: hunter2
)";

struct Paths {
  std::string folder, rule, input;
};

const Paths& TempPaths() {
  static const Paths* const paths = [] {
    std::filesystem::path folder =
        std::filesystem::temp_directory_path() /
        ("polygraph_rule_fuzz_" + std::to_string(getpid()));
    std::filesystem::create_directories(folder / "rules");
    auto* out =
        new Paths{folder.string(), (folder / "rules" / "R.yaml").string(),
                  (folder / "input.yaml").string()};
    std::ofstream(out->input, std::ios::binary | std::ios::trunc) << kTemplate;
    return out;
  }();
  return *paths;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Paths& paths = TempPaths();
  {
    std::ofstream out(paths.rule, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data),
              static_cast<std::streamsize>(size));
  }
  polygraph::CheckOptions options;
  options.rule_paths = {paths.rule};
  absl::StatusOr<polygraph::CheckResult> result =
      polygraph::Check({paths.input}, options);
  if (!result.ok()) std::abort();  // the input template is valid
  int rule_errors = 0;
  for (const polygraph::Diagnostic& diagnostic : result->diagnostics) {
    if (diagnostic.code != "rule-error") continue;
    ++rule_errors;
    if (diagnostic.level != polygraph::Diagnostic::Level::kError) std::abort();
    if (diagnostic.location.file != paths.rule) std::abort();
    if (diagnostic.location.line < 1) std::abort();
  }
  if (rule_errors > 1) std::abort();
  // The built-in rules ran either way: the template's open SSH is found.
  bool builtin_ran = false;
  for (const polygraph::Finding& finding : result->findings)
    builtin_ran |= finding.rule_id == "PG-NET-001";
  if (!builtin_ran) std::abort();
  (void)polygraph::FormatText(*result);
  (void)polygraph::FormatJson(*result);
  return 0;
}
