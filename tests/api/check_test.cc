#include "polygraph/check.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kOpenSsh[] = R"(Resources:
  AppSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
  LogsBucket:
    Type: AWS::S3::Bucket
)";

class CheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("polygraph_check_test_") + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
};

Finding WithSeverity(Severity severity) {
  Finding finding;
  finding.severity = severity;
  return finding;
}

TEST(CheckResultTest, FailsAtOrAboveTheThreshold) {
  CheckResult result;
  EXPECT_FALSE(result.Fails(Severity::kInfo));
  result.findings = {WithSeverity(Severity::kLow),
                     WithSeverity(Severity::kHigh)};
  EXPECT_TRUE(result.Fails(Severity::kInfo));
  EXPECT_TRUE(result.Fails(Severity::kHigh));
  EXPECT_FALSE(result.Fails(Severity::kCritical));
}

TEST_F(CheckTest, RunsEveryBuiltinRule) {
  std::string path = Write("app.yaml", kOpenSsh);
  ASSERT_OK_AND_ASSIGN(CheckResult result, Check({path}, {}));
  EXPECT_THAT(result.files, ElementsAre(path));
  // The bare log bucket breaks PG-S3-001 and the guide's PG-S3-006..010,
  // all at its declaration.
  std::vector<std::string> ids;
  for (const Finding& finding : result.findings) ids.push_back(finding.rule_id);
  EXPECT_THAT(ids,
              ElementsAre("PG-NET-001", "PG-S3-001", "PG-S3-006", "PG-S3-007",
                          "PG-S3-008", "PG-S3-009", "PG-S3-010"));
  ASSERT_EQ(result.findings.size(), 7u);
  EXPECT_EQ(result.findings[0].location, (SourceLocation{path, 10, 19}));
  EXPECT_EQ(result.findings[0].severity, Severity::kCritical);
  EXPECT_EQ(result.findings[1].location, (SourceLocation{path, 11, 3}));
  EXPECT_EQ(result.findings[6].location, (SourceLocation{path, 11, 3}));
  EXPECT_TRUE(result.Fails(Severity::kCritical));
}

TEST_F(CheckTest, OnlyAndSkip) {
  std::string path = Write("app.yaml", kOpenSsh);
  CheckOptions only;
  only.only_rules = {"PG-S3-001"};
  ASSERT_OK_AND_ASSIGN(CheckResult result, Check({path}, only));
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].rule_id, "PG-S3-001");

  CheckOptions skip;
  skip.skip_rules = {"PG-S3-001", "PG-S3-006", "PG-S3-007", "PG-S3-008",
                     "PG-S3-009", "PG-S3-010", "PG-NET-001"};
  ASSERT_OK_AND_ASSIGN(result, Check({path}, skip));
  EXPECT_THAT(result.findings, IsEmpty());
}

TEST_F(CheckTest, UnknownRuleIdIsAnErrorBeforeReading) {
  CheckOptions options;
  options.skip_rules = {"PG-NOPE-001"};
  EXPECT_THAT(
      Check({(dir_ / "does-not-exist.yaml").string()}, options),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("PG-NOPE-001")));
}

TEST_F(CheckTest, LoadErrorsPassThrough) {
  EXPECT_THAT(Check({(dir_ / "missing.yaml").string()}, {}),
              StatusIs(absl::StatusCode::kNotFound));
  std::string path = Write("broken.json", "{\"Statement\": [}\n");
  absl::StatusOr<CheckResult> result = Check({path}, {});
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_TRUE(ErrorLocation(result.status()).has_value());
  EXPECT_EQ(ErrorLocation(result.status())->file, path);
}

TEST_F(CheckTest, NotAnalysedFilesAreDiagnostics) {
  Write("app.yaml", kOpenSsh);
  Write("main.tf.json", "{\"resource\": {}}\n");
  ASSERT_OK_AND_ASSIGN(CheckResult result, Check({dir_.string()}, {}));
  EXPECT_EQ(result.findings.size(), 7u);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "not-analysed");
  EXPECT_THAT(result.diagnostics[0].location.file, HasSubstr("main.tf.json"));
}

// A bucket policy with an invalid CIDR: the exposure and CloudFront rules
// cannot decide it, which is one error diagnostic at the CIDR, not a silent
// skip; the bucket's public ACL is still reported.
TEST_F(CheckTest, UndecidablePolicyIsAnErrorDiagnostic) {
  std::string path = Write("bad-policy.yaml", R"(Resources:
  Assets:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
  AssetsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Assets
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '${Assets.Arn}/*'
            Condition:
              IpAddress:
                aws:SourceIp: 300.0.0.0/8
)");
  ASSERT_OK_AND_ASSIGN(CheckResult result, Check({path}, {}));
  EXPECT_TRUE(result.HasErrors());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const Diagnostic& diagnostic = result.diagnostics[0];
  EXPECT_EQ(diagnostic.level, Diagnostic::Level::kError);
  EXPECT_EQ(diagnostic.code, "policy-not-analysed");
  EXPECT_EQ(diagnostic.location.file, path);
  EXPECT_EQ(diagnostic.location.line, 18);
  EXPECT_THAT(diagnostic.message, HasSubstr("300.0.0.0/8"));
  bool acl_reported = false;
  for (const Finding& finding : result.findings) {
    if (finding.rule_id == "PG-S3-005") acl_reported = true;
  }
  EXPECT_TRUE(acl_reported);
}

}  // namespace
}  // namespace polygraph
