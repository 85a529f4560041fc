// Hostile and oversized inputs: each gives a located error or a bounded,
// correct answer. Everything is built in memory.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_policy.h"
#include "polygraph/iam_validation.h"
#include "tests/iam/validation_test_util.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::polygraph::iam::testing::Codes;
using ::polygraph::testing::ErrorAt;
using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Generous: the linear passes take a few seconds unoptimized (and several
// times that under sanitizers); a quadratic pass over these sizes would
// take hours.
constexpr auto kTimeBound = std::chrono::seconds(120);

class Stopwatch {
 public:
  std::chrono::steady_clock::duration Elapsed() const {
    return std::chrono::steady_clock::now() - start_;
  }

 private:
  std::chrono::steady_clock::time_point start_ =
      std::chrono::steady_clock::now();
};

TEST(BadInputTest, TenMegabytePolicyIsValidatedAndFlaggedAsOversized) {
  std::string text =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": "s3:GetObject", "Resource": [)";
  size_t count = 0;
  while (text.size() < (size_t{10} << 20)) {
    if (count > 0) text += ",";
    text += "\"arn:aws:s3:::bucket-" + std::to_string(count++) + "/*\"";
  }
  text += "]}]}";
  Stopwatch watch;
  ASSERT_OK_AND_ASSIGN(Value document, ParseJson(text, "big.json"));
  ASSERT_OK_AND_ASSIGN(Policy policy, ParsePolicy(document, {}));
  ASSERT_EQ(policy.statements.size(), 1u);
  EXPECT_EQ(policy.statements[0].resources.size(), count);
  std::vector<ValidationIssue> issues =
      ValidatePolicy(document, {.kind = PolicyKind::kIdentity});
  EXPECT_THAT(Codes(issues),
              ElementsAre("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"));
  EXPECT_LT(watch.Elapsed(), kTimeBound);
}

TEST(BadInputTest, HundredThousandStatements) {
  constexpr int kStatements = 100'000;
  std::string text = R"({"Version": "2012-10-17", "Statement": [)";
  for (int i = 0; i + 1 < kStatements; ++i) {
    text += R"({"Sid": "S)" + std::to_string(i) +
            R"(", "Effect": "Allow", "Action": "s3:GetObject", )"
            R"("Resource": "arn:aws:s3:::bucket-)" +
            std::to_string(i) + "/*\"},\n";
  }
  // The last statement reuses a Sid: found, at its line.
  text += R"({"Sid": "S7", "Effect": "Deny", "Action": "s3:PutObject", )"
          R"("Resource": "*"}]})";
  Stopwatch watch;
  ASSERT_OK_AND_ASSIGN(Value document, ParseJson(text, "many.json"));
  ASSERT_OK_AND_ASSIGN(Policy policy, ParsePolicy(document, {}));
  EXPECT_EQ(policy.statements.size(), static_cast<size_t>(kStatements));
  std::vector<ValidationIssue> issues = ValidatePolicy(document, {});
  ASSERT_THAT(Codes(issues), ElementsAre("UNIQUE_SIDS_REQUIRED"));
  EXPECT_EQ(issues[0].location.line, kStatements);
  EXPECT_LT(watch.Elapsed(), kTimeBound);
}

TEST(BadInputTest, DeepNestingIsRejectedWithADepthError) {
  constexpr int kDepth = 100'000;
  std::string text = R"({"Statement": )" + std::string(kDepth, '[') +
                     std::string(kDepth, ']') + "}";
  absl::StatusOr<Value> document = ParseJson(text, "deep.json");
  EXPECT_THAT(document, StatusIs(absl::StatusCode::kInvalidArgument,
                                 HasSubstr("nesting deeper than 256")));
  // The object is depth 1; the 256th '[' is the first one too deep.
  EXPECT_EQ(ErrorAt(document), "1:270");

  // Within the limit, the policy parses and validation rejects its shape.
  std::string shallow =
      R"({"Statement": )" + std::string(200, '[') + std::string(200, ']') + "}";
  ASSERT_OK_AND_ASSIGN(Value nested, ParseJson(shallow, "deep.json"));
  std::vector<ValidationIssue> issues = ValidatePolicy(nested, {});
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].code, "DATA_TYPE_MISMATCH");
}

TEST(BadInputTest, MegabyteActionIsReportedBriefly) {
  const std::string action = "s3:" + std::string(size_t{1} << 20, 'A');
  const std::string text =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": [")" +
      action + R"(", "s3:GetObject"], "Resource": "*"}})";
  Stopwatch watch;
  ASSERT_OK_AND_ASSIGN(Value document, ParseJson(text, "long.json"));
  std::vector<ValidationIssue> issues = ValidatePolicy(document, {});
  ASSERT_THAT(Codes(issues), ElementsAre("UNKNOWN_ACTION"));
  // The message quotes the action cut short, not a megabyte of it.
  EXPECT_LT(issues[0].message.size(), 300u);
  EXPECT_THAT(issues[0].message, HasSubstr("..."));

  // Without a ':' it is malformed, and still reported briefly.
  const std::string no_colon =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ")" +
      std::string(size_t{1} << 20, 'x') + R"(", "Resource": "*"}})";
  ASSERT_OK_AND_ASSIGN(Value document2, ParseJson(no_colon, "long.json"));
  std::vector<ValidationIssue> issues2 = ValidatePolicy(document2, {});
  ASSERT_THAT(Codes(issues2), ElementsAre("INVALID_ACTION"));
  EXPECT_LT(issues2[0].message.size(), 300u);

  // A megabyte of wildcards ("s3:*a*a*a...") is matched without blowing up.
  std::string pattern = "s3:";
  for (int i = 0; i < (1 << 19); ++i) pattern += "*a";
  const std::string stars =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": [")" +
      pattern + R"(", "s3:GetObject"], "Resource": "*"}})";
  ASSERT_OK_AND_ASSIGN(Value document3, ParseJson(stars, "long.json"));
  EXPECT_THAT(Codes(ValidatePolicy(document3, {})),
              ElementsAre("UNKNOWN_ACTION"));
  EXPECT_LT(watch.Elapsed(), kTimeBound);
}

TEST(BadInputTest, InvalidUtf8IsALocatedError) {
  const std::string text =
      "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"Allow\", "
      "\"Action\": \"s3:Get\xC3\x28\", \"Resource\": \"*\"}}";
  absl::StatusOr<Value> document = ParseJson(text, "utf8.json");
  EXPECT_THAT(document, StatusIs(absl::StatusCode::kInvalidArgument,
                                 HasSubstr("invalid UTF-8")));
  EXPECT_EQ(ErrorAt(document), "2:52");
  std::optional<SourceLocation> location = ErrorLocation(document.status());
  ASSERT_TRUE(location.has_value());
  EXPECT_EQ(location->file, "utf8.json");
}

}  // namespace
}  // namespace polygraph::iam
