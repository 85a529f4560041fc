#include "polygraph/iam_json.h"

#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polygraph/document.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

absl::StatusOr<Request> Parse(const std::string& text) {
  absl::StatusOr<Value> value = ParseJson(text, "r.json");
  if (!value.ok()) return value.status();
  return ParseRequest(*value);
}

TEST(ParseRequestTest, ReadsEveryMember) {
  ASSERT_OK_AND_ASSIGN(
      Request request,
      Parse(R"({"principal": "arn:aws:iam::111122223333:user/alice",
                "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k",
                "resource_account": "444455556666",
                "context": {"aws:SourceIp": "10.0.0.1",
                            "aws:TagKeys": ["a", "b"],
                            "aws:MultiFactorAuthPresent": true,
                            "s3:max-keys": 10, "aws:Empty": []}})"));
  EXPECT_EQ(request.principal, "arn:aws:iam::111122223333:user/alice");
  EXPECT_EQ(request.action, "s3:GetObject");
  EXPECT_EQ(request.resource, "arn:aws:s3:::b/k");
  EXPECT_EQ(request.resource_account, "444455556666");
  EXPECT_THAT(
      request.context,
      ElementsAre(Pair("aws:Empty", ElementsAre()),
                  Pair("aws:MultiFactorAuthPresent", ElementsAre("true")),
                  Pair("aws:SourceIp", ElementsAre("10.0.0.1")),
                  Pair("aws:TagKeys", ElementsAre("a", "b")),
                  Pair("s3:max-keys", ElementsAre("10"))));
}

TEST(ParseRequestTest, ResourceDefaultsToStar) {
  ASSERT_OK_AND_ASSIGN(
      Request request,
      Parse(R"({"principal": "anonymous", "action": "s3:ListAllMyBuckets"})"));
  EXPECT_EQ(request.resource, "*");
  EXPECT_TRUE(request.resource_account.empty());
  EXPECT_TRUE(request.context.empty());
}

void ExpectErrorAt(const absl::StatusOr<Request>& request, int line, int column,
                   const std::string& message) {
  ASSERT_THAT(request.status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(message)));
  std::optional<SourceLocation> location = ErrorLocation(request.status());
  ASSERT_TRUE(location.has_value());
  EXPECT_EQ(location->line, line);
  EXPECT_EQ(location->column, column);
}

TEST(ParseRequestTest, RejectsMalformedRequestsWithLocations) {
  ExpectErrorAt(Parse(R"(["s3:GetObject"])"), 1, 1, "must be an object");
  ExpectErrorAt(Parse(R"({"action": "s3:GetObject"})"), 1, 1,
                "no \"principal\"");
  ExpectErrorAt(Parse(R"({"principal": "p"})"), 1, 1, "no \"action\"");
  ExpectErrorAt(Parse(R"({"principal": "p", "action": 7})"), 1, 30,
                "\"action\" must be a string, found number");
  ExpectErrorAt(Parse(R"({"principal": "p", "action": "a", "Action": "b"})"), 1,
                35, "unknown request member \"Action\"");
  ExpectErrorAt(
      Parse(R"({"principal": "p", "action": "a", "context": {"k": {"x": 1}}})"),
      1, 52, "context value of \"k\" must be a string");
  ExpectErrorAt(
      Parse(R"({"principal": "p", "action": "a", "context": {"k": [[1]]}})"), 1,
      53, "context value of \"k\"");
}

TEST(DecisionToJsonTest, WritesOneLineWithStatementsAndLocations) {
  Decision decision;
  decision.kind = DecisionKind::kExplicitDeny;
  decision.reason = "statement \"NoDelete\" denies s3:DeleteObject";
  decision.statements.push_back(
      DecidingStatement{.role = PolicyRole::kServiceControl,
                        .level = 1,
                        .policy_index = 2,
                        .statement_index = 3,
                        .sid = "NoDelete",
                        .location = SourceLocation{"scp.json", 4, 5},
                        .effect = Effect::kDeny});
  decision.missing_context_keys = {"aws:PrincipalOrgID"};
  const std::string text = DecisionToJson(decision);
  EXPECT_EQ(text.find('\n'), std::string::npos);
  const nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json["decision"], "ExplicitDeny");
  EXPECT_EQ(json["reason"], decision.reason);
  ASSERT_EQ(json["statements"].size(), 1u);
  const nlohmann::json& statement = json["statements"][0];
  EXPECT_EQ(statement["role"], "scp");
  EXPECT_EQ(statement["level"], 1);
  EXPECT_EQ(statement["policy"], 2);
  EXPECT_EQ(statement["statement"], 3);
  EXPECT_EQ(statement["sid"], "NoDelete");
  EXPECT_EQ(statement["effect"], "Deny");
  EXPECT_EQ(statement["file"], "scp.json");
  EXPECT_EQ(statement["line"], 4);
  EXPECT_EQ(statement["column"], 5);
  EXPECT_EQ(json["missing_context_keys"],
            nlohmann::json::array({"aws:PrincipalOrgID"}));
  // The member order is fixed, so scripts may compare lines as text.
  EXPECT_EQ(text.find("{\"decision\":"), 0u);
}

TEST(DecisionToJsonTest, ReplacesInvalidUtf8) {
  Decision decision;
  decision.kind = DecisionKind::kAllow;
  decision.reason = "sid \xff";
  const nlohmann::json json = nlohmann::json::parse(DecisionToJson(decision));
  EXPECT_EQ(json["decision"], "Allow");
  EXPECT_EQ(json["reason"], "sid \xEF\xBF\xBD");
}

}  // namespace
}  // namespace polygraph::iam
