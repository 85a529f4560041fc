#include "iam/statement_matching.h"

#include <string>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/iam_decision.h"
#include "tests/testing.h"

namespace polygraph::iam::internal {
namespace {

// The first statement of a policy written as JSON.
CompiledStatement CompileStatement(const std::string& statement_json,
                                   StatementScope scope = {},
                                   const std::string& version = "2012-10-17") {
  std::string text = "{\"Version\": \"" + version + "\", \"Statement\": [" +
                     statement_json + "]}";
  absl::StatusOr<Value> document = ParseJson(text, "p.json");
  EXPECT_TRUE(document.ok()) << document.status();
  absl::StatusOr<Policy> policy = ParsePolicy(*document, {});
  EXPECT_TRUE(policy.ok()) << policy.status();
  absl::StatusOr<CompiledStatement> compiled = CompiledStatement::Compile(
      policy->statements[0], version == "2012-10-17", scope);
  EXPECT_TRUE(compiled.ok()) << compiled.status();
  return *std::move(compiled);
}

bool Resource(const CompiledStatement& s, const std::string& arn,
              const Request& request = {}) {
  PrincipalInfo principal = ParsePrincipal(request.principal);
  RequestContext context(request, principal);
  return s.MatchesResource(SplitArn(arn), &context);
}

PrincipalMatch MatchPrincipal(const CompiledStatement& s,
                              const std::string& principal,
                              bool boundary = false) {
  return s.MatchPrincipal(ParsePrincipal(principal), boundary);
}

TEST(StatementMatchingTest, ActionsAreCaseInsensitiveWithWildcards) {
  CompiledStatement s = CompileStatement(
      R"({"Effect": "Allow", "Action": ["s3:Get*", "sqs:?endMessage"],
          "Resource": "*"})");
  EXPECT_TRUE(s.MatchesAction("S3:GETOBJECT"));
  EXPECT_TRUE(s.MatchesAction("sqs:SendMessage"));
  EXPECT_FALSE(s.MatchesAction("sqs:SSendMessage"));
  EXPECT_FALSE(s.MatchesAction("s3:PutObject"));
}

TEST(StatementMatchingTest, NotAction) {
  CompiledStatement s = CompileStatement(
      R"({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"})");
  EXPECT_FALSE(s.MatchesAction("IAM:CreateUser"));
  EXPECT_TRUE(s.MatchesAction("s3:GetObject"));
}

TEST(StatementMatchingTest, ResourcesAreCaseSensitivePerPart) {
  CompiledStatement s = CompileStatement(
      R"({"Effect": "Allow", "Action": "*",
          "Resource": ["arn:aws:s3:::logs/*", "arn:aws:sqs:*:111122223333:q"]})");
  EXPECT_TRUE(Resource(s, "arn:aws:s3:::logs/2024/a.txt"));
  EXPECT_FALSE(Resource(s, "arn:aws:s3:::Logs/a.txt"));
  EXPECT_TRUE(Resource(s, "arn:aws:sqs:eu-west-1:111122223333:q"));
  EXPECT_FALSE(Resource(s, "arn:aws:sqs:eu-west-1:444455556666:q"));
  EXPECT_FALSE(Resource(s, "*"));
}

TEST(StatementMatchingTest, NotResourceAndAbsentResource) {
  CompiledStatement s = CompileStatement(
      R"({"Effect": "Deny", "Action": "*", "NotResource": "arn:aws:s3:::ok/*"})");
  EXPECT_FALSE(Resource(s, "arn:aws:s3:::ok/x"));
  EXPECT_TRUE(Resource(s, "arn:aws:s3:::other/x"));
  const std::string no_resource =
      R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"})";
  EXPECT_TRUE(
      Resource(CompileStatement(no_resource, {.absent_resource_matches = true,
                                              .principal_required = true}),
               "arn:aws:s3:::b/k"));
  EXPECT_FALSE(Resource(CompileStatement(no_resource), "arn:aws:s3:::b/k"));
}

TEST(StatementMatchingTest, ResourceVariables) {
  CompiledStatement s = CompileStatement(
      R"({"Effect": "Allow", "Action": "*",
          "Resource": "arn:aws:s3:::home/${aws:username}/*"})");
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  EXPECT_TRUE(Resource(s, "arn:aws:s3:::home/alice/f", request));
  EXPECT_FALSE(Resource(s, "arn:aws:s3:::home/bob/f", request));
  request.principal = Request::kAnonymous;
  EXPECT_FALSE(Resource(s, "arn:aws:s3:::home/alice/f", request));
  // Version 2008-10-17: no substitution, the text is literal.
  CompiledStatement old = CompileStatement(
      R"({"Effect": "Allow", "Action": "*",
          "Resource": "arn:aws:s3:::home/${aws:username}/*"})",
      {}, "2008-10-17");
  request.principal = "arn:aws:iam::111122223333:user/alice";
  EXPECT_FALSE(Resource(old, "arn:aws:s3:::home/alice/f", request));
  EXPECT_TRUE(Resource(old, "arn:aws:s3:::home/${aws:username}/f", request));
}

TEST(StatementMatchingTest, PrincipalWildcards) {
  for (const char* principal : {R"("*")", R"({"AWS": "*"})"}) {
    CompiledStatement s = CompileStatement(
        std::string(R"({"Effect": "Allow", "Action": "*", "Principal": )") +
        principal + "}");
    EXPECT_EQ(MatchPrincipal(s, std::string(Request::kAnonymous)),
              PrincipalMatch::kEveryone);
    EXPECT_EQ(MatchPrincipal(s, "arn:aws:iam::111122223333:user/a"),
              PrincipalMatch::kEveryone);
  }
}

TEST(StatementMatchingTest, AccountPrincipals) {
  for (const char* account :
       {R"("111122223333")", R"("arn:aws:iam::111122223333:root")"}) {
    CompiledStatement s = CompileStatement(
        std::string(
            R"({"Effect": "Allow", "Action": "*", "Principal": {"AWS": )") +
        account + "}}");
    EXPECT_EQ(MatchPrincipal(s, "arn:aws:iam::111122223333:user/a"),
              PrincipalMatch::kAccount);
    EXPECT_EQ(MatchPrincipal(s, "arn:aws:sts::111122223333:assumed-role/r/s"),
              PrincipalMatch::kAccount);
    EXPECT_EQ(MatchPrincipal(s, "arn:aws:iam::444455556666:user/a"),
              PrincipalMatch::kNone);
    EXPECT_EQ(MatchPrincipal(s, std::string(Request::kAnonymous)),
              PrincipalMatch::kNone);
  }
}

TEST(StatementMatchingTest, RolePrincipalMatchesItsSessions) {
  CompiledStatement s = CompileStatement(
      R"({"Effect": "Allow", "Action": "*",
          "Principal": {"AWS": "arn:aws:iam::111122223333:role/team/app"}})");
  EXPECT_EQ(MatchPrincipal(s, "arn:aws:sts::111122223333:assumed-role/app/s1"),
            PrincipalMatch::kRole);
  EXPECT_EQ(MatchPrincipal(s, "arn:aws:iam::111122223333:role/team/app"),
            PrincipalMatch::kRole);
  EXPECT_EQ(MatchPrincipal(s, "arn:aws:sts::111122223333:assumed-role/other/s"),
            PrincipalMatch::kNone);
  EXPECT_EQ(MatchPrincipal(s, "arn:aws:sts::444455556666:assumed-role/app/s1"),
            PrincipalMatch::kNone);
}

TEST(StatementMatchingTest, UserServiceFederatedCanonical) {
  CompiledStatement s = CompileStatement(
      R"({"Effect": "Allow", "Action": "*",
          "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice",
                        "Service": "lambda.amazonaws.com",
                        "Federated": "cognito-identity.amazonaws.com",
                        "CanonicalUser": "79a59df900b949e55d96a1e698fbaced"}})");
  EXPECT_EQ(MatchPrincipal(s, "arn:aws:iam::111122223333:user/alice"),
            PrincipalMatch::kDirect);
  EXPECT_EQ(MatchPrincipal(s, "arn:aws:iam::111122223333:user/bob"),
            PrincipalMatch::kNone);
  EXPECT_EQ(MatchPrincipal(s, "lambda.amazonaws.com"), PrincipalMatch::kDirect);
  EXPECT_EQ(MatchPrincipal(s, "ec2.amazonaws.com"), PrincipalMatch::kNone);
  EXPECT_EQ(MatchPrincipal(s, "cognito-identity.amazonaws.com"),
            PrincipalMatch::kDirect);
  EXPECT_EQ(MatchPrincipal(s, "79a59df900b949e55d96a1e698fbaced"),
            PrincipalMatch::kDirect);
}

TEST(StatementMatchingTest, NotPrincipalNeedsEveryLinkOfTheChain) {
  CompiledStatement s = CompileStatement(
      R"({"Effect": "Deny", "Action": "*",
          "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:user/alice",
                                   "arn:aws:iam::111122223333:root"]}})");
  EXPECT_EQ(MatchPrincipal(s, "arn:aws:iam::111122223333:user/alice"),
            PrincipalMatch::kNone);
  EXPECT_EQ(MatchPrincipal(s, "arn:aws:iam::111122223333:user/bob"),
            PrincipalMatch::kDirect);
  EXPECT_EQ(MatchPrincipal(s, std::string(Request::kAnonymous)),
            PrincipalMatch::kDirect);
  // A principal with a permissions boundary is always denied.
  EXPECT_EQ(MatchPrincipal(s, "arn:aws:iam::111122223333:user/alice",
                           /*boundary=*/true),
            PrincipalMatch::kDirect);
  // Without the account, the user alone is not exempt.
  CompiledStatement user_only = CompileStatement(
      R"({"Effect": "Deny", "Action": "*",
          "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"}})");
  EXPECT_EQ(MatchPrincipal(user_only, "arn:aws:iam::111122223333:user/alice"),
            PrincipalMatch::kDirect);
}

// Regression: an Allow with NotPrincipal applied the Deny rule (exempt only
// when every link of the chain is listed), so it granted the very user it
// named. AWS: it "allows all principals except the one named in the
// NotPrincipal element".
TEST(StatementMatchingTest, AllowWithNotPrincipalLeavesOutWhomItNames) {
  CompiledStatement user = CompileStatement(
      R"({"Effect": "Allow", "Action": "*",
          "NotPrincipal": {"AWS": "arn:aws:iam::444455556666:user/carol"}})");
  EXPECT_EQ(MatchPrincipal(user, "arn:aws:iam::444455556666:user/carol"),
            PrincipalMatch::kNone);
  EXPECT_EQ(MatchPrincipal(user, "arn:aws:iam::444455556666:user/dave"),
            PrincipalMatch::kEveryone);
  EXPECT_EQ(MatchPrincipal(user, std::string(Request::kAnonymous)),
            PrincipalMatch::kEveryone);
  // Naming the account leaves out its principals, as Principal includes them.
  CompiledStatement account = CompileStatement(
      R"({"Effect": "Allow", "Action": "*",
          "NotPrincipal": {"AWS": "111122223333"}})");
  EXPECT_EQ(MatchPrincipal(account, "arn:aws:iam::111122223333:user/alice"),
            PrincipalMatch::kNone);
  EXPECT_EQ(
      MatchPrincipal(account, "arn:aws:sts::111122223333:assumed-role/app/s"),
      PrincipalMatch::kNone);
  EXPECT_EQ(MatchPrincipal(account, "arn:aws:iam::444455556666:user/carol"),
            PrincipalMatch::kEveryone);
}

TEST(StatementMatchingTest, CompileRejectsSymbolicValues) {
  Statement statement;
  statement.actions.push_back({"${Action}", {"t.yaml", 4, 9}, true});
  EXPECT_EQ(polygraph::testing::ErrorAt(
                CompiledStatement::Compile(statement, true, {})),
            "4:9");
  Statement resource;
  resource.actions.push_back({"s3:GetObject", {}, false});
  resource.has_resource = true;
  resource.resources.push_back({"${Bucket.Arn}", {"t.yaml", 5, 11}, true});
  EXPECT_EQ(polygraph::testing::ErrorAt(
                CompiledStatement::Compile(resource, true, {})),
            "5:11");
  Statement variable;
  variable.actions.push_back({"s3:GetObject", {}, false});
  variable.has_resource = true;
  variable.resources.push_back({"arn:aws:s3:::b/${x", {"t.yaml", 6, 3}, false});
  EXPECT_EQ(polygraph::testing::ErrorAt(
                CompiledStatement::Compile(variable, true, {})),
            "6:3");
}

}  // namespace
}  // namespace polygraph::iam::internal
