#include "iam/request_context.h"

#include "gtest/gtest.h"
#include "polygraph/iam_decision.h"

namespace polygraph::iam::internal {
namespace {

using Kind = PrincipalInfo::Kind;

TEST(RequestContextTest, ClassifiesPrincipals) {
  EXPECT_EQ(ParsePrincipal(Request::kAnonymous).kind, Kind::kAnonymous);
  EXPECT_EQ(ParsePrincipal("111122223333").kind, Kind::kAccountRoot);
  EXPECT_EQ(ParsePrincipal("arn:aws:iam::111122223333:root").kind,
            Kind::kAccountRoot);
  PrincipalInfo user = ParsePrincipal("arn:aws:iam::111122223333:user/ops/al");
  EXPECT_EQ(user.kind, Kind::kUser);
  EXPECT_EQ(user.account, "111122223333");
  EXPECT_EQ(user.name, "al");
  PrincipalInfo session =
      ParsePrincipal("arn:aws:sts::111122223333:assumed-role/app/s1");
  EXPECT_EQ(session.kind, Kind::kRoleSession);
  EXPECT_EQ(session.name, "app");
  EXPECT_EQ(ParsePrincipal("lambda.amazonaws.com").kind, Kind::kService);
  EXPECT_EQ(ParsePrincipal("cognito-identity.amazonaws.com").kind,
            Kind::kExternal);
  EXPECT_EQ(ParsePrincipal("arn:aws:iam::111122223333:saml-provider/x").kind,
            Kind::kExternal);
  EXPECT_FALSE(ParsePrincipal("lambda.amazonaws.com").InAccount());
  EXPECT_TRUE(session.InAccount());
}

TEST(RequestContextTest, SplitsArnsAtTheFirstFiveColons) {
  ArnView arn = SplitArn("arn:aws:sqs:us-east-1:111122223333:q:extra");
  ASSERT_EQ(arn.count, 6u);
  EXPECT_EQ(arn.parts[3], "us-east-1");
  EXPECT_EQ(arn.parts[5], "q:extra");
  EXPECT_EQ(SplitArn("*").count, 1u);
}

TEST(RequestContextTest, CaseInsensitiveKeysAndDerivedValues) {
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.context["aws:SourceIp"] = {"10.0.0.1"};
  request.context["aws:TagKeys"] = {"a", "b"};
  PrincipalInfo principal = ParsePrincipal(request.principal);
  RequestContext context(request, principal);
  ASSERT_TRUE(context.Find("AWS:SOURCEIP").has_value());
  EXPECT_EQ((*context.Find("aws:sourceip"))[0], "10.0.0.1");
  EXPECT_FALSE(context.Find("aws:Missing").has_value());
  EXPECT_EQ(context.Variable("aws:username"), "alice");
  EXPECT_EQ(context.Variable("aws:PrincipalAccount"), "111122223333");
  EXPECT_EQ(context.Variable("aws:PrincipalArn"), request.principal);
  EXPECT_FALSE(context.Variable("aws:TagKeys").has_value());
  // A key given in the context wins over a derived one.
  request.context["aws:username"] = {"override"};
  EXPECT_EQ(context.Variable("aws:username"), "override");
}

}  // namespace
}  // namespace polygraph::iam::internal
