#include "polygraph/diff.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

namespace fs = std::filesystem;
using ::polygraph::testing::StatusIs;
using ::testing::Contains;
using ::testing::Gt;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Fixture(const std::string& side) {
  return ::polygraph::testing::SourcePath("tests/api/testdata/diff/" + side);
}

std::string Read(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// A fresh folder holding `text` as stack.yaml.
std::string TreeWith(const std::string& name, const std::string& text) {
  // Unique per process: ctest runs tests in parallel processes.
  fs::path dir = fs::path(::testing::TempDir()) /
                 ("diff_test_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "stack.yaml") << text;
  return dir.string();
}

std::vector<std::string> Descriptions(const DiffResult& diff,
                                      DeltaItem::Kind kind) {
  std::vector<std::string> out;
  for (const DeltaItem& item : diff.delta) {
    if (item.kind == kind) out.push_back(item.description);
  }
  return out;
}

TEST(DiffTest, ReportsPlantedFindingsAndDelta) {
  ASSERT_OK_AND_ASSIGN(DiffResult diff,
                       Diff({Fixture("base")}, {Fixture("head")}, {}));
  // The new SSH rule is a new finding, located in head, relative path.
  auto ssh =
      std::find_if(diff.new_findings.begin(), diff.new_findings.end(),
                   [](const Finding& f) { return f.rule_id == "PG-NET-001"; });
  ASSERT_NE(ssh, diff.new_findings.end());
  EXPECT_EQ(ssh->location.file, "stack.yaml");
  EXPECT_THAT(ssh->message, HasSubstr("22"));
  EXPECT_GT(diff.unchanged + diff.new_findings.size(), 0u);
  EXPECT_THAT(diff.head_files, Contains("stack.yaml"));

  std::vector<std::string> exposure =
      Descriptions(diff, DeltaItem::Kind::kExposure);
  EXPECT_THAT(exposure,
              Contains(AllOf(HasSubstr("WebServer"), HasSubstr("tcp 22"),
                             HasSubstr("WebGroup"))));
  EXPECT_THAT(exposure, Contains(AllOf(HasSubstr("bucket AssetsBucket"),
                                       HasSubstr("anonymous read"))));
  std::vector<std::string> access =
      Descriptions(diff, DeltaItem::Kind::kAccess);
  EXPECT_THAT(access, Contains("role AppRole may now s3:DeleteObject (+1 "
                               "more) on arn:aws:s3:::app-assets/*"));
  EXPECT_THAT(access, Contains("trust policy of AppRole now admits "
                               "arn:aws:iam::999999999999:root"));
  EXPECT_THAT(access, Contains(HasSubstr("now admits * (anyone)")));
  for (const DeltaItem& item : diff.delta) {
    EXPECT_EQ(item.location.file, "stack.yaml") << item.description;
    EXPECT_TRUE(item.location.known()) << item.description;
  }
  // The exposure's location is the rule that opened port 22.
  for (const DeltaItem& item : diff.delta) {
    if (item.resource != "WebServer") continue;
    std::vector<std::string> lines;
    std::stringstream head(Read(Fixture("head") + "/stack.yaml"));
    for (std::string line; std::getline(head, line);) lines.push_back(line);
    ASSERT_LE(item.location.line, static_cast<int>(lines.size()));
    EXPECT_THAT(lines[item.location.line - 1], HasSubstr("IpProtocol: tcp"));
    EXPECT_THAT(lines[item.location.line], HasSubstr("22"));
  }
  EXPECT_TRUE(diff.Fails(Severity::kCritical));  // the delta alone fails
}

TEST(DiffTest, SameTreeHasNoChanges) {
  ASSERT_OK_AND_ASSIGN(DiffResult diff,
                       Diff({Fixture("base")}, {Fixture("base")}, {}));
  EXPECT_THAT(diff.new_findings, IsEmpty());
  EXPECT_THAT(diff.fixed_findings, IsEmpty());
  EXPECT_THAT(diff.delta, IsEmpty());
  ASSERT_OK_AND_ASSIGN(CheckResult checked, Check({Fixture("base")}, {}));
  EXPECT_EQ(diff.unchanged, checked.findings.size());
  EXPECT_FALSE(diff.Fails(Severity::kInfo));
}

TEST(DiffTest, FindingsSurviveLinesInsertedAbove) {
  std::string base = Read(Fixture("head") + "/stack.yaml");
  std::string moved = TreeWith("moved", "# one\n# two\n# three\n" + base);
  ASSERT_OK_AND_ASSIGN(DiffResult diff, Diff({Fixture("head")}, {moved}, {}));
  EXPECT_THAT(diff.new_findings, IsEmpty());
  EXPECT_THAT(diff.fixed_findings, IsEmpty());
  EXPECT_THAT(diff.unchanged, Gt(0u));
  EXPECT_THAT(diff.delta, IsEmpty());
}

TEST(DiffTest, ReverseDiffReportsFixedFindings) {
  ASSERT_OK_AND_ASSIGN(DiffResult diff,
                       Diff({Fixture("head")}, {Fixture("base")}, {}));
  EXPECT_THAT(diff.fixed_findings,
              Contains(::testing::Field(&Finding::rule_id, "PG-NET-001")));
  EXPECT_THAT(Descriptions(diff, DeltaItem::Kind::kExposure), IsEmpty());
  // The base's AppRole principal is new when going back.
  EXPECT_THAT(
      Descriptions(diff, DeltaItem::Kind::kAccess),
      Contains(HasSubstr("admits arn:aws:iam::111111111111:role/AppRole")));
}

TEST(DiffTest, ExplicitRootsMakePathsRelative) {
  DiffOptions options;
  options.base_root = fs::path(Fixture("base")).parent_path().string();
  options.head_root = fs::path(Fixture("head")).parent_path().string();
  ASSERT_OK_AND_ASSIGN(DiffResult diff,
                       Diff({Fixture("base")}, {Fixture("head")}, options));
  // Different relative paths (base/ vs head/): nothing matches.
  EXPECT_EQ(diff.unchanged, 0u);
  ASSERT_FALSE(diff.new_findings.empty());
  EXPECT_EQ(diff.new_findings[0].location.file, "head/stack.yaml");
}

TEST(DiffTest, InputErrorsAreReturned) {
  EXPECT_THAT(Diff({Fixture("missing")}, {Fixture("head")}, {}),
              StatusIs(absl::StatusCode::kNotFound));
  std::string broken = TreeWith("broken", "Resources: [\n");
  absl::StatusOr<DiffResult> diff = Diff({Fixture("base")}, {broken}, {});
  ASSERT_FALSE(diff.ok());
  EXPECT_TRUE(ErrorLocation(diff.status()).has_value());
}

}  // namespace
}  // namespace polygraph
