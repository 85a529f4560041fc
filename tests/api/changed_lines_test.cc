#include "polygraph/changed_lines.h"

#include <unistd.h>

#include <climits>
#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

namespace fs = std::filesystem;
using ::polygraph::testing::ErrorAt;
using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// `git diff -U0 HEAD` output: a modified file (a changed line, an insertion,
// a pure deletion), a new file, a deleted file.
constexpr char kGitDiff[] = R"(diff --git a/infra/app.yaml b/infra/app.yaml
index 1111111..2222222 100644
--- a/infra/app.yaml
+++ b/infra/app.yaml
@@ -4 +4 @@ Resources:
-      CidrIp: 10.0.0.0/8
+      CidrIp: 0.0.0.0/0
@@ -10,0 +11,2 @@ Resources:
+        - IpProtocol: tcp
+          FromPort: 22
@@ -20,2 +21,0 @@ Resources:
-  Old:
-    Type: AWS::SNS::Topic
diff --git a/new.yaml b/new.yaml
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.yaml
@@ -0,0 +1,3 @@
+Resources:
+  Topic:
+    Type: AWS::SNS::Topic
diff --git a/gone.yaml b/gone.yaml
deleted file mode 100644
--- a/gone.yaml
+++ /dev/null
@@ -1,2 +0,0 @@
-Resources: {}
-# end
)";

TEST(ParseUnifiedDiffTest, ReadsGitZeroContextDiff) {
  ASSERT_OK_AND_ASSIGN(ChangedLines changed, ParseUnifiedDiff(kGitDiff));
  EXPECT_THAT(changed.files["infra/app.yaml"],
              ElementsAre(LineRange{.first = 4, .last = 4},
                          LineRange{.first = 11, .last = 12}));
  EXPECT_THAT(changed.files["new.yaml"],
              ElementsAre(LineRange{.first = 1, .last = 3}));
  EXPECT_FALSE(changed.files.contains("gone.yaml"));
  EXPECT_TRUE(changed.Contains("infra/app.yaml", 12));
  EXPECT_FALSE(changed.Contains("infra/app.yaml", 13));
  EXPECT_FALSE(changed.Contains("infra/app.yaml", 21));  // deleted there
  EXPECT_FALSE(changed.Contains("other.yaml", 1));
}

TEST(ParseUnifiedDiffTest, CountsLinesThroughContext) {
  constexpr char kContext[] =
      "--- a/a.tf\n+++ b/a.tf\n@@ -1,4 +1,5 @@\n resource {\n-  x = 1\n+  x = "
      "2\n+  y = 3\n \n\\ No newline at end of file\n }\n";
  ASSERT_OK_AND_ASSIGN(ChangedLines changed, ParseUnifiedDiff(kContext));
  EXPECT_THAT(changed.files["a.tf"],
              ElementsAre(LineRange{.first = 2, .last = 3}));
}

TEST(ParseUnifiedDiffTest, BodyLinesThatLookLikeHeadersAreContent) {
  constexpr char kTricky[] =
      "--- a/a.md\n+++ b/a.md\n@@ -1,0 +1,2 @@\n+++ not a header\n+@@ nor "
      "this\n";
  ASSERT_OK_AND_ASSIGN(ChangedLines changed, ParseUnifiedDiff(kTricky));
  EXPECT_THAT(changed.files["a.md"],
              ElementsAre(LineRange{.first = 1, .last = 2}));
  EXPECT_EQ(changed.files.size(), 1u);
}

TEST(ParseUnifiedDiffTest, UnquotesPathsAndDropsTimestamps) {
  constexpr char kQuoted[] =
      "--- \"a/my dir/x.yaml\"\n+++ \"b/my dir/\\303\\251.yaml\"\n@@ -1 +1 "
      "@@\n-a\n+b\n--- a/t.yaml\t2024-01-01\n+++ b/t.yaml\t2024-01-02\n@@ "
      "-2 +2 @@\n-a\n+b\n";
  ASSERT_OK_AND_ASSIGN(ChangedLines changed, ParseUnifiedDiff(kQuoted));
  EXPECT_TRUE(changed.Contains("my dir/\xc3\xa9.yaml", 1));
  EXPECT_TRUE(changed.Contains("t.yaml", 2));
}

TEST(ParseUnifiedDiffTest, EmptyInputHasNoFiles) {
  ASSERT_OK_AND_ASSIGN(ChangedLines changed, ParseUnifiedDiff(""));
  EXPECT_THAT(changed.files, IsEmpty());
}

TEST(ParseUnifiedDiffTest, MalformedInputIsLocated) {
  absl::StatusOr<ChangedLines> bad_header =
      ParseUnifiedDiff("--- a/x\n+++ b/x\n@@ -1 +one @@\n", "changes.diff");
  EXPECT_THAT(bad_header, StatusIs(absl::StatusCode::kInvalidArgument,
                                   HasSubstr("malformed hunk header")));
  EXPECT_EQ(ErrorAt(bad_header), "3:1");
  EXPECT_EQ(ErrorLocation(bad_header.status())->file, "changes.diff");

  EXPECT_EQ(ErrorAt(ParseUnifiedDiff("intro\n@@ -1 +1 @@\n-a\n+b\n")), "2:1");
  EXPECT_EQ(ErrorAt(ParseUnifiedDiff("+++ b/x\n@@ -1,2 +1,2 @@\n-a\n+b\n")),
            "5:1");  // two more lines were announced
  EXPECT_EQ(ErrorAt(ParseUnifiedDiff("+++ b/x\n@@ -1 +1 @@\n-a\n?b\n")), "4:1");
}

class FilterToChangedLinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Unique per process: ctest runs tests in parallel processes.
    root_ = (fs::path(::testing::TempDir()) /
             ("changed_lines_repo_" + std::to_string(getpid())))
                .string();
    fs::create_directories(fs::path(root_) / "infra");
  }
  Finding At(const std::string& file, int line, const std::string& rule) {
    Finding finding;
    finding.rule_id = rule;
    finding.location = {.file = root_ + "/" + file, .line = line, .column = 3};
    return finding;
  }
  std::string root_;
};

TEST_F(FilterToChangedLinesTest, KeepsFindingsOnChangedLines) {
  ASSERT_OK_AND_ASSIGN(ChangedLines changed, ParseUnifiedDiff(kGitDiff));
  CheckResult result;
  result.findings = {
      At("infra/app.yaml", 4, "A"),  At("infra/app.yaml", 5, "B"),
      At("infra/app.yaml", 12, "C"), At("new.yaml", 2, "D"),
      At("gone.yaml", 1, "E"),       At("other.yaml", 4, "F"),
      At("new.yaml", 0, "G")};
  result.suppressed = {
      {.finding = At("infra/app.yaml", 4, "S"), .suppression = {}},
      {.finding = At("infra/app.yaml", 7, "T"), .suppression = {}}};
  result.diagnostics.push_back({});
  FilterToChangedLines(result, changed, root_);
  std::vector<std::string> kept;
  for (const Finding& f : result.findings) kept.push_back(f.rule_id);
  EXPECT_THAT(kept, ElementsAre("A", "C", "D", "G"));
  ASSERT_EQ(result.suppressed.size(), 1u);
  EXPECT_EQ(result.suppressed[0].finding.rule_id, "S");
  EXPECT_EQ(result.diagnostics.size(), 1u);
}

TEST_F(FilterToChangedLinesTest, RelativeFindingPathsAndWholeFiles) {
  ChangedLines changed;
  changed.files["infra/app.yaml"] = {LineRange{.first = 1, .last = INT_MAX}};
  CheckResult result;
  result.findings = {At("infra/app.yaml", 40, "A")};
  Finding outside = At("x.yaml", 1, "B");
  outside.location.file = "/elsewhere/infra/app.yaml";
  result.findings.push_back(outside);
  fs::path cwd = fs::current_path();
  fs::current_path(root_);
  Finding relative = At("infra/app.yaml", 2, "C");
  relative.location.file = "infra/app.yaml";
  result.findings.push_back(relative);
  FilterToChangedLines(result, changed, root_);
  fs::current_path(cwd);
  std::vector<std::string> kept;
  for (const Finding& f : result.findings) kept.push_back(f.rule_id);
  EXPECT_THAT(kept, ElementsAre("A", "C"));
}

}  // namespace
}  // namespace polygraph
