#include "report/internal/report_text.h"

#include <string>

#include "gtest/gtest.h"

namespace polygraph::report::internal {
namespace {

TEST(ReportTextTest, ValidUtf8ReplacesBadBytes) {
  EXPECT_EQ(ValidUtf8("plain"), "plain");
  EXPECT_EQ(ValidUtf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(ValidUtf8("a\xFF"
                      "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(ValidUtf8("\xC3"), "\xEF\xBF\xBD");  // truncated sequence
}

TEST(ReportTextTest, DumpJsonReplacesInvalidUtf8) {
  Json json = {{"b", "x\xFFy"}, {"a", 1}};
  EXPECT_EQ(DumpJson(json), "{\n  \"b\": \"x\xEF\xBF\xBDy\",\n  \"a\": 1\n}\n");
}

TEST(ReportTextTest, CountBySeverity) {
  EXPECT_EQ(CountBySeverity({}), "no findings");
  Finding high;
  high.severity = Severity::kHigh;
  Finding low;
  low.severity = Severity::kLow;
  EXPECT_EQ(CountBySeverity({low}), "1 finding (1 low)");
  EXPECT_EQ(CountBySeverity({low, high, high}), "3 findings (2 high, 1 low)");
}

TEST(ReportTextTest, MarkdownCellNeutralisesTableAndMarkup) {
  EXPECT_EQ(MarkdownCell("a | b"), "a \\| b");
  EXPECT_EQ(MarkdownCell("one\ntwo\r\nthree"), "one<br>two<br>three");
  EXPECT_EQ(MarkdownCell("<script>&"), "&lt;script&gt;&amp;");
  EXPECT_EQ(MarkdownCell("web_acl_id `*` [x]"),
            "web\\_acl\\_id \\`\\*\\` \\[x\\]");
  EXPECT_EQ(MarkdownCell("x\xFFy"), "x\xEF\xBF\xBDy");
}

TEST(ReportTextTest, MarkdownWhere) {
  EXPECT_EQ(MarkdownWhere({.file = "a_b.tf", .line = 3, .column = 9}),
            "a\\_b.tf:3");
  EXPECT_EQ(MarkdownWhere({.file = "main.tf", .line = 0, .column = 0}),
            "main.tf");
}

}  // namespace
}  // namespace polygraph::report::internal
