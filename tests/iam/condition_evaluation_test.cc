#include "iam/condition_evaluation.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_decision.h"
#include "tests/testing.h"

namespace polygraph::iam::internal {
namespace {

using ::testing::HasSubstr;

using Context = std::map<std::string, std::vector<std::string>>;

Condition MakeCondition(const std::string& op, const std::string& key,
                        const std::vector<std::string>& values) {
  Condition condition;
  condition.op = op;
  condition.key = key;
  condition.location = {"p.json", 3, 7};
  int column = 20;
  for (const std::string& value : values) {
    condition.values.push_back({value, {"p.json", 3, column++}, false});
  }
  return condition;
}

// Evaluates op/key/values against `context` (principal anonymous).
bool Eval(const std::string& op, const std::string& key,
          const std::vector<std::string>& values, const Context& context,
          bool substitute = true) {
  absl::StatusOr<CompiledCondition> condition =
      CompiledCondition::Compile(MakeCondition(op, key, values), substitute);
  EXPECT_TRUE(condition.ok()) << condition.status();
  if (!condition.ok()) return false;
  Request request;
  request.context = context;
  PrincipalInfo principal = ParsePrincipal(Request::kAnonymous);
  RequestContext request_context(request, principal);
  return condition->Evaluate(request_context, nullptr);
}

TEST(ConditionEvaluationTest, KeysAreCaseInsensitiveValuesSensitive) {
  Context c = {{"aws:RequestedRegion", {"eu-west-1"}}};
  EXPECT_TRUE(Eval("StringEquals", "AWS:requestedregion", {"eu-west-1"}, c));
  EXPECT_FALSE(Eval("StringEquals", "aws:RequestedRegion", {"EU-WEST-1"}, c));
  EXPECT_TRUE(
      Eval("StringEqualsIgnoreCase", "aws:RequestedRegion", {"EU-WEST-1"}, c));
  EXPECT_FALSE(Eval("StringNotEqualsIgnoreCase", "aws:RequestedRegion",
                    {"EU-West-1"}, c));
}

TEST(ConditionEvaluationTest, SeveralValuesAreOred) {
  Context c = {{"aws:RequestedRegion", {"eu-west-1"}}};
  EXPECT_TRUE(Eval("StringEquals", "aws:RequestedRegion",
                   {"us-east-1", "eu-west-1"}, c));
  EXPECT_FALSE(Eval("StringNotEquals", "aws:RequestedRegion",
                    {"us-east-1", "eu-west-1"}, c));
  EXPECT_TRUE(Eval("StringLike", "aws:RequestedRegion", {"us-*", "eu-*"}, c));
  EXPECT_FALSE(Eval("StringNotLike", "aws:RequestedRegion", {"eu-*"}, c));
}

TEST(ConditionEvaluationTest, MissingKey) {
  Context empty;
  EXPECT_FALSE(Eval("StringEquals", "k", {"v"}, empty));
  EXPECT_TRUE(Eval("StringNotEquals", "k", {"v"}, empty));
  EXPECT_TRUE(Eval("NotIpAddress", "aws:SourceIp", {"10.0.0.0/8"}, empty));
  EXPECT_TRUE(Eval("StringEqualsIfExists", "k", {"v"}, empty));
  EXPECT_TRUE(Eval("NumericLessThanIfExists", "k", {"3"}, empty));
  EXPECT_TRUE(Eval("Null", "k", {"true"}, empty));
  EXPECT_FALSE(Eval("Null", "k", {"false"}, empty));
  Context present = {{"k", {"x"}}};
  EXPECT_FALSE(Eval("Null", "k", {"true"}, present));
  EXPECT_TRUE(Eval("Null", "k", {"false"}, present));
  // IfExists does not change a present key's verdict.
  EXPECT_FALSE(Eval("StringEqualsIfExists", "k", {"v"}, present));
}

TEST(ConditionEvaluationTest, ForAllValues) {
  Context tags = {{"aws:TagKeys", {"env", "team"}}};
  EXPECT_TRUE(Eval("ForAllValues:StringEquals", "aws:TagKeys",
                   {"env", "team", "cost"}, tags));
  EXPECT_FALSE(
      Eval("ForAllValues:StringEquals", "aws:TagKeys", {"env", "cost"}, tags));
  // True for a missing or empty key.
  EXPECT_TRUE(Eval("ForAllValues:StringEquals", "aws:TagKeys", {"env"}, {}));
  EXPECT_TRUE(Eval("ForAllValues:StringEquals", "aws:TagKeys", {"env"},
                   {{"aws:TagKeys", {}}}));
  // Negated base: no request value may be among the policy values.
  EXPECT_FALSE(
      Eval("ForAllValues:StringNotEquals", "aws:TagKeys", {"team"}, tags));
  EXPECT_TRUE(
      Eval("ForAllValues:StringNotEquals", "aws:TagKeys", {"owner"}, tags));
}

TEST(ConditionEvaluationTest, ForAnyValue) {
  Context tags = {{"aws:TagKeys", {"env", "team"}}};
  EXPECT_TRUE(Eval("ForAnyValue:StringEquals", "aws:TagKeys", {"team"}, tags));
  EXPECT_FALSE(Eval("ForAnyValue:StringEquals", "aws:TagKeys", {"x"}, tags));
  EXPECT_FALSE(Eval("ForAnyValue:StringEquals", "aws:TagKeys", {"x"}, {}));
  EXPECT_FALSE(Eval("ForAnyValue:StringEquals", "aws:TagKeys", {"x"},
                    {{"aws:TagKeys", {}}}));
  EXPECT_TRUE(
      Eval("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", {"x"}, {}));
  // Negated base: some request value is not among the policy values.
  EXPECT_TRUE(
      Eval("ForAnyValue:StringNotEquals", "aws:TagKeys", {"env"}, tags));
  EXPECT_FALSE(Eval("ForAnyValue:StringNotEquals", "aws:TagKeys",
                    {"env", "team"}, tags));
}

TEST(ConditionEvaluationTest, UnqualifiedOperatorWithMultivaluedKey) {
  Context tags = {{"aws:TagKeys", {"env", "team"}}};
  // Positive: some request value matches; negated: none does.
  EXPECT_TRUE(Eval("StringEquals", "aws:TagKeys", {"team"}, tags));
  EXPECT_FALSE(Eval("StringNotEquals", "aws:TagKeys", {"team"}, tags));
  EXPECT_TRUE(Eval("StringNotEquals", "aws:TagKeys", {"cost"}, tags));
}

TEST(ConditionEvaluationTest, Numeric) {
  Context c = {{"s3:max-keys", {"10"}}};
  EXPECT_TRUE(Eval("NumericEquals", "s3:max-keys", {"10.0"}, c));
  EXPECT_TRUE(Eval("NumericLessThan", "s3:max-keys", {"10.5"}, c));
  EXPECT_FALSE(Eval("NumericLessThan", "s3:max-keys", {"10"}, c));
  EXPECT_TRUE(Eval("NumericLessThanEquals", "s3:max-keys", {"10"}, c));
  EXPECT_TRUE(Eval("NumericGreaterThan", "s3:max-keys", {"-1"}, c));
  EXPECT_FALSE(Eval("NumericGreaterThanEquals", "s3:max-keys", {"11"}, c));
  EXPECT_TRUE(Eval("NumericNotEquals", "s3:max-keys", {"11"}, c));
  EXPECT_FALSE(
      Eval("NumericEquals", "s3:max-keys", {"10"}, {{"s3:max-keys", {"ten"}}}));
}

TEST(ConditionEvaluationTest, Dates) {
  Context c = {{"aws:CurrentTime", {"2024-05-01T12:00:00Z"}}};
  EXPECT_TRUE(Eval("DateLessThan", "aws:CurrentTime", {"2024-06-01"}, c));
  EXPECT_FALSE(Eval("DateLessThan", "aws:CurrentTime", {"2024-05-01"}, c));
  EXPECT_TRUE(Eval("DateGreaterThan", "aws:CurrentTime", {"1714521600"}, c));
  EXPECT_TRUE(
      Eval("DateEquals", "aws:CurrentTime", {"2024-05-01T14:00:00+02:00"}, c));
  EXPECT_TRUE(Eval("DateLessThanEquals", "aws:CurrentTime",
                   {"2024-05-01T12:00:00.000Z"}, c));
}

TEST(ConditionEvaluationTest, BoolAndBinary) {
  EXPECT_TRUE(Eval("Bool", "aws:SecureTransport", {"true"},
                   {{"aws:SecureTransport", {"TRUE"}}}));
  EXPECT_FALSE(Eval("Bool", "aws:SecureTransport", {"true"},
                    {{"aws:SecureTransport", {"false"}}}));
  EXPECT_FALSE(Eval("Bool", "aws:SecureTransport", {"false"}, {}));
  EXPECT_TRUE(Eval("BinaryEquals", "k", {"QmluYXJ5"}, {{"k", {"QmluYXJ5"}}}));
  EXPECT_FALSE(Eval("BinaryEquals", "k", {"QmluYXJ5"}, {{"k", {"qmluyxj5"}}}));
}

TEST(ConditionEvaluationTest, IpAddresses) {
  Context c = {{"aws:SourceIp", {"203.0.113.7"}}};
  EXPECT_TRUE(Eval("IpAddress", "aws:SourceIp", {"203.0.113.0/24"}, c));
  EXPECT_TRUE(Eval("IpAddress", "aws:SourceIp", {"203.0.113.7"}, c));
  EXPECT_FALSE(Eval("IpAddress", "aws:SourceIp", {"10.0.0.0/8"}, c));
  EXPECT_TRUE(Eval("NotIpAddress", "aws:SourceIp", {"10.0.0.0/8"}, c));
  EXPECT_TRUE(Eval("IpAddress", "aws:SourceIp", {"2001:db8::/32"},
                   {{"aws:SourceIp", {"2001:db8::5"}}}));
  EXPECT_FALSE(Eval("IpAddress", "aws:SourceIp", {"0.0.0.0/0"},
                    {{"aws:SourceIp", {"vpce-1234"}}}));
}

TEST(ConditionEvaluationTest, ArnOperatorsMatchPerPart) {
  Context c = {{"aws:SourceArn", {"arn:aws:sns:us-east-1:111122223333:t"}}};
  for (const char* op : {"ArnEquals", "ArnLike"}) {
    EXPECT_TRUE(Eval(op, "aws:SourceArn", {"arn:aws:sns:*:111122223333:*"}, c))
        << op;
    EXPECT_FALSE(Eval(op, "aws:SourceArn", {"arn:aws:sns:*:444455556666:*"}, c))
        << op;
  }
  EXPECT_FALSE(Eval("ArnNotLike", "aws:SourceArn", {"arn:aws:sns:*:*:t"}, c));
  EXPECT_TRUE(Eval("ArnNotEquals", "aws:SourceArn", {"arn:aws:sns:*:*:u"}, c));
}

TEST(ConditionEvaluationTest, PolicyVariablesInValues) {
  Context c = {{"aws:username", {"alice"}}, {"s3:prefix", {"home/alice/"}}};
  EXPECT_TRUE(Eval("StringLike", "s3:prefix", {"home/${aws:username}/*"}, c));
  EXPECT_FALSE(Eval("StringLike", "s3:prefix", {"home/${aws:userid}/*"}, c));
  // Version 2008-10-17: the text is literal.
  EXPECT_FALSE(Eval("StringLike", "s3:prefix", {"home/${aws:username}/*"}, c,
                    /*substitute=*/false));
}

TEST(ConditionEvaluationTest, RecordsMissingKeys) {
  ASSERT_OK_AND_ASSIGN(
      CompiledCondition condition,
      CompiledCondition::Compile(
          MakeCondition("StringEquals", "aws:Foo", {"x"}), true));
  Request request;
  PrincipalInfo principal = ParsePrincipal(Request::kAnonymous);
  RequestContext context(request, principal);
  MissingKeys missing;
  EXPECT_FALSE(condition.Evaluate(context, &missing));
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(*missing[0], "aws:Foo");
}

void ExpectCompileError(const std::string& op, const std::string& value,
                        const std::string& message, int column = 20) {
  absl::StatusOr<CompiledCondition> result =
      CompiledCondition::Compile(MakeCondition(op, "k", {value}), true);
  EXPECT_THAT(result,
              polygraph::testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                           HasSubstr(message)));
  EXPECT_EQ(polygraph::testing::ErrorAt(result), "3:" + std::to_string(column));
}

TEST(ConditionEvaluationTest, CompileErrorsCarryLocations) {
  ExpectCompileError("NumericEquals", "ten", "is not a number");
  ExpectCompileError("DateLessThan", "yesterday", "is not a date");
  ExpectCompileError("IpAddress", "10.0.0.0/33", "IP address or CIDR");
  ExpectCompileError("Bool", "yes", "true or false");
  ExpectCompileError("StringLike", "${aws:username", "closing");
  ExpectCompileError("StringEqualz", "x", "unknown condition operator", 7);
  Condition symbolic = MakeCondition("StringEquals", "k", {"x"});
  symbolic.values[0].symbolic = true;
  absl::StatusOr<CompiledCondition> result =
      CompiledCondition::Compile(symbolic, true);
  EXPECT_THAT(result, polygraph::testing::StatusIs(
                          absl::StatusCode::kInvalidArgument,
                          HasSubstr("unresolved template expression")));
  EXPECT_EQ(polygraph::testing::ErrorAt(result), "3:20");
}

}  // namespace
}  // namespace polygraph::iam::internal
