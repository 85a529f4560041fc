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

Finding SampleFinding() {
  Finding finding;
  finding.rule_id = "PG-NET-001";
  finding.location = {.file = "vpc.tf", .line = 12, .column = 3};
  finding.resource = "aws_security_group.web";
  finding.message = "ingress tcp 22 from 0.0.0.0/0";
  return finding;
}

TEST(FingerprintTest, IsSixteenHexDigits) {
  std::string fingerprint = Fingerprint(SampleFinding());
  ASSERT_EQ(fingerprint.size(), 16u);
  EXPECT_EQ(fingerprint.find_first_not_of("0123456789abcdef"),
            std::string::npos);
}

TEST(FingerprintTest, SurvivesLineMovesAndQuotedPositions) {
  Finding moved = SampleFinding();
  moved.location.line = 22;
  moved.location.column = 9;
  EXPECT_EQ(Fingerprint(moved), Fingerprint(SampleFinding()));

  Finding quoting = SampleFinding();
  quoting.message = "peer declared at vpc.tf:27:1";
  Finding quoting_moved = quoting;
  quoting_moved.message = "peer declared at vpc.tf:37:1";
  EXPECT_EQ(Fingerprint(quoting), Fingerprint(quoting_moved));
}

TEST(FingerprintTest, ChangesWithRuleFileResourceOrMessage) {
  const std::string base = Fingerprint(SampleFinding());
  Finding other = SampleFinding();
  other.rule_id = "PG-NET-002";
  EXPECT_NE(Fingerprint(other), base);
  other = SampleFinding();
  other.location.file = "other.tf";
  EXPECT_NE(Fingerprint(other), base);
  other = SampleFinding();
  other.resource = "aws_security_group.db";
  EXPECT_NE(Fingerprint(other), base);
  other = SampleFinding();
  other.message = "ingress tcp 3389 from 0.0.0.0/0";
  EXPECT_NE(Fingerprint(other), base);
}

TEST(FingerprintTest, FieldBoundariesMatter) {
  Finding a = SampleFinding();
  a.rule_id = "PG-NET-00";
  a.location.file = "1vpc.tf";
  EXPECT_NE(Fingerprint(a), Fingerprint(SampleFinding()));
}

TEST(FingerprintTest, EqualFindingsAreNumberedByOccurrence) {
  Finding second = SampleFinding();
  second.location.line = 40;
  std::vector<std::string> fingerprints =
      Fingerprints({SampleFinding(), second, SampleFinding()});
  ASSERT_EQ(fingerprints.size(), 3u);
  EXPECT_EQ(fingerprints[0], Fingerprint(SampleFinding()));
  EXPECT_EQ(fingerprints[1], fingerprints[0] + ":1");
  EXPECT_EQ(fingerprints[2], fingerprints[0] + ":2");
}

}  // namespace
}  // namespace polygraph
