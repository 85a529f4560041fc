#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/internal.h"
#include "tests/storage/storage_testing.h"

namespace polygraph::testing {
namespace {

using storage::Audience;
using storage::internal::BaseContext;
using storage::internal::Context;
using storage::internal::ContextFor;
using storage::internal::IsBoundKey;
using ::testing::ElementsAre;

iam::Statement WithConditions(const std::string& conditions) {
  Model model = BucketModel(Named("b"),
                            "Statement:\n"
                            "  - Effect: Allow\n"
                            "    Principal: '*'\n"
                            "    Action: s3:GetObject\n"
                            "    Resource: '*'\n"
                            "    Condition:\n" +
                                conditions);
  EXPECT_EQ(model.policies().size(), 1u);
  if (model.policies().empty()) return iam::Statement();
  return model.policies()[0].policy.statements.at(0);
}

std::vector<std::string> Values(const Context& context,
                                const std::string& key) {
  auto it = context.find(key);
  return it == context.end() ? std::vector<std::string>{"<absent>"}
                             : it->second;
}

TEST(RequestContextsTest, BoundKeys) {
  for (const char* key :
       {"aws:SourceVpce", "AWS:SourceArn", "aws:PrincipalOrgID",
        "aws:SourceAccount", "aws:userid", "aws:PrincipalArn"}) {
    EXPECT_TRUE(IsBoundKey(key)) << key;
  }
  for (const char* key : {"aws:SourceIp", "aws:SecureTransport", "aws:Referer",
                          "s3:prefix", "aws:CurrentTime"}) {
    EXPECT_FALSE(IsBoundKey(key)) << key;
  }
}

TEST(RequestContextsTest, BaseContextsDiffer) {
  Context anonymous = BaseContext(Audience::kAnonymous);
  Context outsider = BaseContext(Audience::kAuthenticatedOutsider);
  EXPECT_THAT(Values(anonymous, "aws:PrincipalType"), ElementsAre("Anonymous"));
  EXPECT_THAT(Values(anonymous, "aws:PrincipalOrgID"), ElementsAre("<absent>"));
  EXPECT_THAT(Values(outsider, "aws:PrincipalOrgID"),
              ElementsAre("o-outsider000"));
  EXPECT_THAT(Values(outsider, "aws:SecureTransport"), ElementsAre("true"));
}

TEST(RequestContextsTest, ControlledKeysSatisfyTheStatement) {
  iam::Statement statement = WithConditions(
      "      IpAddress: {aws:SourceIp: 0.0.0.0/1}\n"
      "      StringLike: {s3:prefix: 'home/*'}\n"
      "      NumericLessThan: {s3:max-keys: '10'}\n"
      "      StringNotEquals: {aws:UserAgent: curl}\n");
  Context context = ContextFor(statement, Audience::kAnonymous,
                               BaseContext(Audience::kAnonymous));
  EXPECT_THAT(Values(context, "aws:SourceIp"), ElementsAre("0.0.0.0"));
  EXPECT_THAT(Values(context, "s3:prefix"), ElementsAre("home/x"));
  EXPECT_THAT(Values(context, "s3:max-keys"), ElementsAre("9"));
  EXPECT_THAT(Values(context, "aws:UserAgent"),
              ElementsAre("polygraph-outsider-value"));
}

TEST(RequestContextsTest, NarrowSourceIpKeepsTheOutsidersAddress) {
  iam::Statement statement =
      WithConditions("      IpAddress: {aws:SourceIp: 10.0.0.0/8}\n");
  Context context = ContextFor(statement, Audience::kAnonymous,
                               BaseContext(Audience::kAnonymous));
  EXPECT_THAT(Values(context, "aws:SourceIp"), ElementsAre("198.18.7.9"));
}

TEST(RequestContextsTest, BoundKeysGetValuesThatAreNotTheOwners) {
  iam::Statement statement = WithConditions(
      "      StringEquals:\n"
      "        aws:SourceVpce: vpce-1a2b3c4d\n"
      "        aws:SourceAccount: '111111111111'\n");
  Context context = ContextFor(statement, Audience::kAnonymous,
                               BaseContext(Audience::kAnonymous));
  EXPECT_THAT(Values(context, "aws:SourceVpce"),
              ElementsAre("vpce-0outsider0000000"));
  EXPECT_THAT(Values(context, "aws:SourceAccount"),
              ElementsAre("999999999999"));
}

TEST(RequestContextsTest, NullTrueRemovesTheKey) {
  iam::Statement statement =
      WithConditions("      'Null': {aws:SecureTransport: 'true'}\n");
  Context context = ContextFor(statement, Audience::kAnonymous,
                               BaseContext(Audience::kAnonymous));
  EXPECT_THAT(Values(context, "aws:SecureTransport"), ElementsAre("<absent>"));
}

}  // namespace
}  // namespace polygraph::testing
