#include "polygraph/finding.h"

#include "gtest/gtest.h"

namespace polygraph {
namespace {

TEST(SeverityTest, NamesRoundTrip) {
  for (Severity severity : {Severity::kInfo, Severity::kLow, Severity::kMedium,
                            Severity::kHigh, Severity::kCritical}) {
    std::optional<Severity> parsed = ParseSeverity(SeverityName(severity));
    ASSERT_TRUE(parsed.has_value()) << SeverityName(severity);
    EXPECT_EQ(*parsed, severity);
  }
}

TEST(SeverityTest, NamesAreStable) {
  EXPECT_EQ(SeverityName(Severity::kInfo), "info");
  EXPECT_EQ(SeverityName(Severity::kLow), "low");
  EXPECT_EQ(SeverityName(Severity::kMedium), "medium");
  EXPECT_EQ(SeverityName(Severity::kHigh), "high");
  EXPECT_EQ(SeverityName(Severity::kCritical), "critical");
}

TEST(SeverityTest, ParseIgnoresCase) {
  EXPECT_EQ(ParseSeverity("HIGH"), Severity::kHigh);
  EXPECT_EQ(ParseSeverity("Critical"), Severity::kCritical);
}

TEST(SeverityTest, ParseRejectsOtherText) {
  EXPECT_EQ(ParseSeverity(""), std::nullopt);
  EXPECT_EQ(ParseSeverity("severe"), std::nullopt);
  EXPECT_EQ(ParseSeverity("high "), std::nullopt);
  EXPECT_EQ(ParseSeverity("hig"), std::nullopt);
}

TEST(SeverityTest, OrderedForThresholds) {
  EXPECT_LT(Severity::kInfo, Severity::kLow);
  EXPECT_LT(Severity::kLow, Severity::kMedium);
  EXPECT_LT(Severity::kMedium, Severity::kHigh);
  EXPECT_LT(Severity::kHigh, Severity::kCritical);
}

}  // namespace
}  // namespace polygraph
