#include "polygraph/iam_json.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polygraph/document.h"
#include "polygraph/iam_policy.h"
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

TEST(RequestToJsonTest, RoundTrips) {
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::b/k \"quoted\"";
  request.resource_account = "444455556666";
  request.context = {{"aws:Empty", {}},
                     {"aws:SourceIp", {"10.0.0.1"}},
                     {"aws:TagKeys", {"a", "b"}}};
  const std::string json = RequestToJson(request);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  ASSERT_OK_AND_ASSIGN(Request back, Parse(json));
  EXPECT_EQ(back.principal, request.principal);
  EXPECT_EQ(back.action, request.action);
  EXPECT_EQ(back.resource, request.resource);
  EXPECT_EQ(back.resource_account, request.resource_account);
  EXPECT_EQ(back.context, request.context);
}

TEST(RequestToJsonTest, ReplacesInvalidUtf8) {
  Request request;
  request.principal = "p";
  request.action = "s3:Get\xFF";
  request.resource = "*";
  ASSERT_OK_AND_ASSIGN(Request back, Parse(RequestToJson(request)));
  EXPECT_EQ(back.action, "s3:Get\xEF\xBF\xBD");
}

void ExpectSameStatements(const Policy& a, const Policy& b) {
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.id, b.id);
  ASSERT_EQ(a.statements.size(), b.statements.size());
  auto texts = [](const std::vector<LocatedString>& strings) {
    std::vector<std::string> out;
    for (const LocatedString& s : strings) out.push_back(s.value);
    return out;
  };
  for (size_t i = 0; i < a.statements.size(); ++i) {
    const Statement& x = a.statements[i];
    const Statement& y = b.statements[i];
    SCOPED_TRACE(i);
    EXPECT_EQ(x.sid, y.sid);
    EXPECT_EQ(x.effect, y.effect);
    EXPECT_EQ(texts(x.actions), texts(y.actions));
    EXPECT_EQ(x.not_action, y.not_action);
    EXPECT_EQ(texts(x.resources), texts(y.resources));
    EXPECT_EQ(x.not_resource, y.not_resource);
    EXPECT_EQ(x.has_resource, y.has_resource);
    EXPECT_EQ(x.has_principal, y.has_principal);
    EXPECT_EQ(x.not_principal, y.not_principal);
    ASSERT_EQ(x.principals.size(), y.principals.size());
    for (size_t p = 0; p < x.principals.size(); ++p) {
      EXPECT_EQ(x.principals[p].type, y.principals[p].type);
      EXPECT_EQ(x.principals[p].value.value, y.principals[p].value.value);
    }
    ASSERT_EQ(x.conditions.size(), y.conditions.size());
    for (size_t c = 0; c < x.conditions.size(); ++c) {
      EXPECT_EQ(x.conditions[c].op, y.conditions[c].op);
      EXPECT_EQ(x.conditions[c].key, y.conditions[c].key);
      EXPECT_EQ(texts(x.conditions[c].values), texts(y.conditions[c].values));
    }
  }
}

absl::StatusOr<Policy> ParsePolicyText(const std::string& text) {
  absl::StatusOr<Value> value = ParseJson(text, "p.json");
  if (!value.ok()) return value.status();
  return ParsePolicy(*value, {});
}

TEST(PolicyToJsonTest, RoundTripsEveryElement) {
  const char* documents[] = {
      R"({"Version": "2012-10-17", "Id": "x", "Statement": [
        {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject",
         "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::c"],
         "Condition": {"StringEquals": {"aws:username": ["a", "b"],
                                        "s3:prefix": "p"},
                       "Bool": {"aws:SecureTransport": false},
                       "NumericLessThan": {"s3:max-keys": 10}}},
        {"Effect": "Deny", "NotAction": ["iam:*", "sts:*"],
         "NotResource": "*"}]})",
      R"({"Statement": {"Effect": "Allow", "Principal": "*",
         "Action": [], "Resource": "*"}})",
      R"({"Version": "2008-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1:root", 2],
         "Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
        {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::1:root"},
         "Action": "*", "Resource": "*",
         "Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": []}}}]})",
  };
  for (const char* document : documents) {
    SCOPED_TRACE(document);
    ASSERT_OK_AND_ASSIGN(Policy policy, ParsePolicyText(document));
    const std::string json = PolicyToJson(policy);
    EXPECT_EQ(json.back(), '\n');
    EXPECT_NE(json.find("\n  \""), std::string::npos) << json;
    ASSERT_OK_AND_ASSIGN(Policy back, ParsePolicyText(json));
    ExpectSameStatements(policy, back);
    EXPECT_EQ(PolicyToJson(back), json);
  }
}

TEST(PolicyToJsonTest, WritesSingleValuesAsStrings) {
  ASSERT_OK_AND_ASSIGN(
      Policy policy, ParsePolicyText(R"({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]})"));
  const nlohmann::json json = nlohmann::json::parse(PolicyToJson(policy));
  EXPECT_EQ(json["Statement"][0]["Action"], "s3:GetObject");
  EXPECT_EQ(json["Statement"][0]["Resource"], "*");
  EXPECT_FALSE(json["Statement"][0].contains("Sid"));
  EXPECT_FALSE(json.contains("Id"));
}

TEST(PolicyToJsonTest, ReplacesInvalidUtf8) {
  Policy policy;
  policy.version = "2012-10-17";
  Statement statement;
  statement.sid = "bad\xC3";
  statement.actions = {LocatedString{"s3:GetObject", {}, false}};
  statement.resources = {LocatedString{"*", {}, false}};
  statement.has_resource = true;
  policy.statements.push_back(statement);
  ASSERT_OK_AND_ASSIGN(Policy back, ParsePolicyText(PolicyToJson(policy)));
  EXPECT_EQ(back.statements[0].sid, "bad\xEF\xBF\xBD");
}

TEST(PolicyToJsonTest, RoundTripsSamplePolicies) {
  for (const char* file : {"tests/data/iam/minimize/policy.json",
                           "tests/data/iam/validation-mixed.json"}) {
    absl::StatusOr<Value> value =
        ReadDocumentFile(::polygraph::testing::SourcePath(file));
    ASSERT_OK(value.status());
    absl::StatusOr<Policy> policy = ParsePolicy(*value, {});
    if (!policy.ok()) continue;  // a sample meant to be rejected
    ASSERT_OK_AND_ASSIGN(Policy back, ParsePolicyText(PolicyToJson(*policy)));
    ExpectSameStatements(*policy, back);
  }
}

}  // namespace
}  // namespace polygraph::iam
