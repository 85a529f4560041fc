#include "polygraph/baseline.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polygraph/check.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

using ::polygraph::testing::ErrorAt;
using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace fs = std::filesystem;

class BaselineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("polygraph_baseline_test_") + info->name() + "_" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  fs::path dir_;
};

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(BaselineTest, WriteFormat) {
  CheckResult result;
  result.findings.push_back(
      Finding{.rule_id = "PG-NET-001",
              .severity = Severity::kHigh,
              .title = "t",
              .location = {.file = (dir_ / "a/t.yaml").string(),
                           .line = 3,
                           .column = 5},
              .resource = "SG",
              .message = "ingress tcp 22 from 0.0.0.0/0",
              .fix = "f"});
  nlohmann::json out =
      nlohmann::json::parse(WriteBaseline(result, dir_.string()));
  EXPECT_EQ(out["version"], 1);
  ASSERT_EQ(out["findings"].size(), 1u);
  EXPECT_EQ(out["findings"][0]["file"], "a/t.yaml");
  EXPECT_EQ(out["findings"][0]["rule_id"], "PG-NET-001");
  EXPECT_EQ(out["findings"][0]["resource"], "SG");
  EXPECT_EQ(out["findings"][0]["message"], "ingress tcp 22 from 0.0.0.0/0");
  Finding relative = result.findings[0];
  relative.location.file = "a/t.yaml";
  EXPECT_EQ(out["findings"][0]["fingerprint"], Fingerprint(relative));
}

TEST_F(BaselineTest, MalformedJsonHasLocation) {
  std::string path =
      Write("b.json", "{\"version\": 1,\n  \"findings\": [,]}\n");
  absl::StatusOr<Baseline> baseline = ReadBaseline(path);
  EXPECT_THAT(baseline, StatusIs(absl::StatusCode::kInvalidArgument,
                                 HasSubstr(path + ":2:")));
  EXPECT_EQ(ErrorAt(baseline).substr(0, 2), "2:");
}

TEST_F(BaselineTest, BadVersionAndEntries) {
  EXPECT_EQ(ErrorAt(ReadBaseline(
                Write("v.json", "{\n  \"version\": 2,\n  \"findings\": []}"))),
            "2:14");
  EXPECT_EQ(ErrorAt(ReadBaseline(
                Write("e.json",
                      "{\"version\": 1,\n \"findings\": [\n  {\"file\": "
                      "\"x\"}]}"))),
            "3:3");
  EXPECT_EQ(ErrorAt(ReadBaseline(Write("f.json",
                                       "{\"version\": 1,\n \"findings\": [\n  "
                                       "{\"fingerprint\": 7}]}"))),
            "3:19");
  EXPECT_THAT(ReadBaseline((dir_ / "missing.json").string()),
              StatusIs(absl::StatusCode::kNotFound));
}

// Copies `from` into `to` and inserts 10 comment lines (blank lines in
// JSON, which has no comments) at the top of every file.
void CopyShifted(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive);
}

void ShiftEveryFile(const fs::path& root) {
  for (const fs::directory_entry& entry :
       fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string text = ReadAll(entry.path());
    std::string ext = entry.path().extension().string();
    std::string line = ext == ".json" ? "\n" : "# inserted line\n";
    if (ext == ".tf" || ext == ".tfvars") line = "# inserted line\n";
    std::string prefix;
    for (int i = 0; i < 10; ++i) prefix += line;
    std::ofstream(entry.path(), std::ios::binary | std::ios::trunc)
        << prefix << text;
  }
}

TEST_F(BaselineTest, SurvivesLinesInsertedAboveEveryFinding) {
  for (const char* example : {"examples/antipatterns", "examples/seed"}) {
    SCOPED_TRACE(example);
    fs::path tree = dir_ / fs::path(example).filename();
    CopyShifted(testing::SourcePath(example), tree);
    // Paths relative to the current directory, as the CLI sees them.
    fs::path previous = fs::current_path();
    fs::current_path(dir_);
    std::string relative = tree.filename().string();

    absl::StatusOr<CheckResult> before = Check({relative}, {});
    ASSERT_TRUE(before.ok()) << before.status();
    ASSERT_FALSE(before->findings.empty());
    std::string baseline_path = (dir_ / "baseline.json").string();
    std::ofstream(baseline_path) << WriteBaseline(*before);

    ShiftEveryFile(tree);
    CheckOptions options;
    options.baseline_path = baseline_path;
    absl::StatusOr<CheckResult> after = Check({relative}, options);
    fs::current_path(previous);
    ASSERT_TRUE(after.ok()) << after.status();
    // The findings moved: the same rules, 10 lines further down.
    EXPECT_EQ(after->suppressed.size(), before->findings.size());
    for (const Finding& finding : after->findings) {
      ADD_FAILURE() << "not in baseline: " << finding.location.ToString() << " "
                    << finding.rule_id << " " << finding.message;
    }
    for (size_t i = 0;
         i < after->suppressed.size() && i < before->findings.size(); ++i) {
      EXPECT_EQ(after->suppressed[i].suppression.kind, "baseline");
      EXPECT_EQ(after->suppressed[i].finding.rule_id,
                before->findings[i].rule_id);
    }
    fs::remove(baseline_path);
  }
}

TEST_F(BaselineTest, RewritingKeepsBaselinedFindings) {
  std::string path = Write("t.yaml", R"(Resources:
  AppSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
)");
  CheckOptions options;
  options.only_rules = {"PG-NET-001"};
  absl::StatusOr<CheckResult> first = Check({path}, options);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->findings.size(), 1u);
  std::string baseline_path = Write("baseline.json", WriteBaseline(*first));
  options.baseline_path = baseline_path;
  absl::StatusOr<CheckResult> second = Check({path}, options);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(second->findings, IsEmpty());
  ASSERT_EQ(second->suppressed.size(), 1u);
  EXPECT_EQ(second->suppressed[0].suppression.reason,
            "in baseline " + baseline_path);
  EXPECT_EQ(second->suppressed[0].suppression.location.line, 4);
  EXPECT_EQ(WriteBaseline(*second), WriteBaseline(*first));
}

TEST_F(BaselineTest, MalformedBaselineFailsCheck) {
  CheckOptions options;
  options.baseline_path =
      Write("bad.json", "{\"version\": 1, \"findings\": 3}");
  EXPECT_THAT(
      Check({Write("t.yaml", "Resources: {}\n")}, options),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad.json:1:28")));
}

}  // namespace
}  // namespace polygraph
