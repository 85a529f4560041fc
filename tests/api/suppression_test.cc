#include "polygraph/suppression.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/check.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// PG-NET-001 fires on the CidrIp line (line 10).
constexpr char kHead[] = R"(Resources:
  AppSG:
    Type: AWS::EC2::SecurityGroup
)";
constexpr char kBody[] = R"(    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
)";

class SuppressionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("polygraph_suppression_test_") + info->name() + "_" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  // A template whose ingress CIDR line is `cidr_line` (after `above`), with
  // `extra` appended to the resource (Metadata, Tags).
  std::string Template(const std::string& cidr_line,
                       const std::string& above = "",
                       const std::string& metadata = "") {
    return Write("template.yaml", std::string(kHead) + metadata + kBody +
                                      above + cidr_line + "\n");
  }

  CheckResult Run(const std::string& path, bool apply = true) {
    CheckOptions options;
    options.only_rules = {"PG-NET-001"};
    options.apply_suppressions = apply;
    absl::StatusOr<CheckResult> result = Check({path}, options);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *std::move(result) : CheckResult{};
  }

  std::vector<std::string> Codes(const CheckResult& result) {
    std::vector<std::string> codes;
    for (const Diagnostic& d : result.diagnostics) {
      if (absl::StartsWith(d.code, "suppression")) codes.push_back(d.code);
    }
    return codes;
  }

  std::filesystem::path dir_;
};

TEST_F(SuppressionTest, UnsuppressedFindingIsOnTheCidrLine) {
  CheckResult result = Run(Template("          CidrIp: 0.0.0.0/0"));
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].location.line, 10);
  EXPECT_THAT(result.suppressed, IsEmpty());
}

TEST_F(SuppressionTest, SameLineComment) {
  std::string path = Template(
      "          CidrIp: 0.0.0.0/0  # polygraph:ignore PG-NET-001 public "
      "bastion");
  CheckResult result = Run(path);
  EXPECT_THAT(result.findings, IsEmpty());
  ASSERT_EQ(result.suppressed.size(), 1u);
  const Suppression& why = result.suppressed[0].suppression;
  EXPECT_EQ(why.kind, "inline");
  EXPECT_EQ(why.reason, "public bastion");
  EXPECT_EQ(why.location.ToString(), path + ":10:30");
  EXPECT_EQ(result.suppressed[0].finding.rule_id, "PG-NET-001");
  EXPECT_THAT(Codes(result), IsEmpty());
}

TEST_F(SuppressionTest, CommentAloneOnTheLineAbove) {
  CheckResult result =
      Run(Template("          CidrIp: 0.0.0.0/0",
                   "          # polygraph:ignore PG-S3-001, PG-NET-001 - "
                   "reviewed in SEC-12\n"));
  EXPECT_THAT(result.findings, IsEmpty());
  ASSERT_EQ(result.suppressed.size(), 1u);
  EXPECT_EQ(result.suppressed[0].suppression.reason, "reviewed in SEC-12");
  EXPECT_EQ(result.suppressed[0].suppression.location.line, 10);
  EXPECT_EQ(result.suppressed[0].finding.location.line, 11);
}

TEST_F(SuppressionTest, TrailingCommentOnTheLineAboveDoesNotCoverTheNext) {
  CheckResult result =
      Run(Write("template.yaml",
                std::string(kHead) +
                    "    Properties:\n      GroupDescription: app\n"
                    "      SecurityGroupIngress:\n        - IpProtocol: tcp\n"
                    "          FromPort: 22\n          ToPort: 22  # "
                    "polygraph:ignore PG-NET-001 reason\n"
                    "          CidrIp: 0.0.0.0/0\n"));
  EXPECT_EQ(result.findings.size(), 1u);
  EXPECT_THAT(result.suppressed, IsEmpty());
}

TEST_F(SuppressionTest, TwoLinesAboveDoesNotCover) {
  CheckResult result = Run(Template(
      "          CidrIp: 0.0.0.0/0",
      "          # polygraph:ignore PG-NET-001 reason\n          # other\n"));
  EXPECT_EQ(result.findings.size(), 1u);
}

TEST_F(SuppressionTest, WrongIdDoesNotSuppress) {
  CheckResult result = Run(Template(
      "          CidrIp: 0.0.0.0/0  # polygraph:ignore PG-S3-001 reason"));
  EXPECT_EQ(result.findings.size(), 1u);
  EXPECT_THAT(result.suppressed, IsEmpty());
  EXPECT_THAT(Codes(result), IsEmpty());  // PG-S3-001 is a known rule
}

TEST_F(SuppressionTest, ReasonIsRequired) {
  std::string path =
      Template("          CidrIp: 0.0.0.0/0  # polygraph:ignore PG-NET-001");
  CheckResult result = Run(path);
  EXPECT_EQ(result.findings.size(), 1u);
  EXPECT_THAT(result.suppressed, IsEmpty());
  ASSERT_THAT(Codes(result), ElementsAre("suppression-without-reason"));
  for (const Diagnostic& d : result.diagnostics) {
    if (d.code != "suppression-without-reason") continue;
    EXPECT_EQ(d.level, Diagnostic::Level::kWarning);
    EXPECT_EQ(d.location.ToString(), path + ":10:30");
  }
}

TEST_F(SuppressionTest, UnknownRuleIdWarns) {
  CheckResult result = Run(
      Template("          CidrIp: 0.0.0.0/0  # polygraph:ignore PG-NOPE-999, "
               "PG-NET-001 reason"));
  EXPECT_THAT(result.findings, IsEmpty());
  EXPECT_THAT(Codes(result), ElementsAre("suppression-unknown-rule"));
}

TEST_F(SuppressionTest, DisabledByOption) {
  CheckResult result = Run(Template("          CidrIp: 0.0.0.0/0  # "
                                    "polygraph:ignore PG-NET-001 reason"),
                           /*apply=*/false);
  EXPECT_EQ(result.findings.size(), 1u);
  EXPECT_THAT(result.suppressed, IsEmpty());
}

TEST_F(SuppressionTest, CloudFormationMetadata) {
  std::string path = Template("          CidrIp: 0.0.0.0/0", "",
                              "    Metadata:\n      polygraph:\n"
                              "        ignore:\n"
                              "          - id: PG-NET-001\n"
                              "            reason: public bastion\n");
  CheckResult result = Run(path);
  EXPECT_THAT(result.findings, IsEmpty());
  ASSERT_EQ(result.suppressed.size(), 1u);
  EXPECT_EQ(result.suppressed[0].suppression.kind, "metadata");
  EXPECT_EQ(result.suppressed[0].suppression.reason, "public bastion");
  EXPECT_EQ(result.suppressed[0].suppression.location.line, 7);
}

TEST_F(SuppressionTest, MetadataWithoutReasonWarns) {
  CheckResult result = Run(Template("          CidrIp: 0.0.0.0/0", "",
                                    "    Metadata:\n      polygraph:\n"
                                    "        ignore: [PG-NET-001]\n"));
  EXPECT_EQ(result.findings.size(), 1u);
  EXPECT_THAT(Codes(result), ElementsAre("suppression-without-reason"));
}

TEST_F(SuppressionTest, CloudFormationTag) {
  std::string path = Write(
      "template.yaml", std::string(kHead) + kBody +
                           "          CidrIp: 0.0.0.0/0\n"
                           "      Tags:\n"
                           "        - Key: polygraph:ignore\n"
                           "          Value: PG-NET-001 bastion by design\n");
  CheckResult result = Run(path);
  EXPECT_THAT(result.findings, IsEmpty());
  ASSERT_EQ(result.suppressed.size(), 1u);
  EXPECT_EQ(result.suppressed[0].suppression.kind, "tag");
  EXPECT_EQ(result.suppressed[0].suppression.reason, "bastion by design");
}

constexpr char kTerraform[] = R"(resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]%s
  }%s
}
)";

std::string Terraform(const std::string& comment, const std::string& tags) {
  std::string text = kTerraform;
  text.replace(text.find("%s"), 2, comment);
  text.replace(text.find("%s"), 2, tags);
  return text;
}

TEST_F(SuppressionTest, TerraformTagsMap) {
  std::filesystem::create_directories(dir_ / "tf");
  Write("tf/main.tf",
        Terraform("",
                  "\n  tags = {\n    \"polygraph:ignore\" = \"PG-NET-001 "
                  "jump host\"\n  }"));
  CheckResult baseline = Run((dir_ / "tf").string(), /*apply=*/false);
  ASSERT_EQ(baseline.findings.size(), 1u);
  CheckResult result = Run((dir_ / "tf").string());
  EXPECT_THAT(result.findings, IsEmpty());
  ASSERT_EQ(result.suppressed.size(), 1u);
  EXPECT_EQ(result.suppressed[0].suppression.kind, "tag");
  EXPECT_EQ(result.suppressed[0].suppression.reason, "jump host");
}

TEST_F(SuppressionTest, TerraformSlashComments) {
  std::filesystem::create_directories(dir_ / "tf");
  std::string path =
      Write("tf/main.tf",
            Terraform("  // polygraph:ignore PG-NET-001 jump host", ""));
  CheckResult plain = Run((dir_ / "tf").string(), /*apply=*/false);
  ASSERT_EQ(plain.findings.size(), 1u);
  ASSERT_EQ(plain.findings[0].location.line, 7);
  CheckResult result = Run((dir_ / "tf").string());
  EXPECT_THAT(result.findings, IsEmpty());
  ASSERT_EQ(result.suppressed.size(), 1u);
  EXPECT_EQ(result.suppressed[0].suppression.reason, "jump host");
}

TEST(ParseInlineSuppressionsTest, Forms) {
  std::vector<SuppressionDirective> hcl = ParseInlineSuppressions(
      "a = 1 /* polygraph:ignore PG-NET-001,PG-NET-004 why */ b\n"
      "  # polygraph:ignore PG-S3-001: because\n"
      "x = \"polygraph:ignore PG-S3-001 not a comment\"\n",
      "main.tf");
  ASSERT_EQ(hcl.size(), 2u);
  EXPECT_THAT(hcl[0].rule_ids, ElementsAre("PG-NET-001", "PG-NET-004"));
  EXPECT_EQ(hcl[0].suppression.reason, "why");
  EXPECT_EQ(hcl[0].suppression.location.ToString(), "main.tf:1:7");
  EXPECT_EQ(hcl[0].covers_next_line, 0);
  EXPECT_EQ(hcl[1].suppression.reason, "because");
  EXPECT_EQ(hcl[1].covers_next_line, 3);
}

TEST(ParseInlineSuppressionsTest, YamlHonoursOnlyHash) {
  EXPECT_THAT(
      ParseInlineSuppressions("a: 1 // polygraph:ignore PG-NET-001 why\n"
                              "b: x#polygraph:ignore PG-NET-001 why\n",
                              "t.yaml"),
      IsEmpty());
  EXPECT_THAT(
      ParseInlineSuppressions("# polygraph:ignore PG-NET-001 why\n", "t.json"),
      IsEmpty());
  EXPECT_THAT(
      ParseInlineSuppressions("# polygraph:ignore PG-NET-001 why\n", "t.yml"),
      ::testing::SizeIs(1));
}

}  // namespace
}  // namespace polygraph
