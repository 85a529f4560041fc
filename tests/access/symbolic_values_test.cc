#include "access/symbolic_values.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace polygraph::internal {
namespace {

TEST(SymbolResolverTest, ResolvesDeclaredResourcesAndPseudoParameters) {
  SymbolResolver resolver("123456789012");
  resolver.Add("aws_iam_role.deploy", "arn:aws:iam::123456789012:role/deploy",
               "deploy");
  EXPECT_EQ(resolver.ResolveText("${AwsIamRoleDeploy.Arn}"),
            "arn:aws:iam::123456789012:role/deploy");
  EXPECT_EQ(resolver.ResolveText("${AwsIamRoleDeploy}"), "deploy");
  EXPECT_EQ(resolver.ResolveText(
                "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x"),
            "arn:aws:iam::123456789012:role/x");
}

TEST(SymbolResolverTest, UnknownExpressionsLeaveNoPolicyVariable) {
  SymbolResolver resolver("123456789012");
  std::string text = resolver.ResolveText("${Bucket.Arn}/*");
  EXPECT_EQ(text, "unresolved-Bucket.Arn/*");
  EXPECT_EQ(resolver.ResolveText("${Fn::Weird"), "unresolved-{Fn::Weird");
}

TEST(SymbolKeyTest, AddressAndSynthesizedIdAgree) {
  EXPECT_EQ(SymbolKey("aws_iam_role.deploy"), SymbolKey("AwsIamRoleDeploy"));
  EXPECT_NE(SymbolKey("aws_iam_role.deploy"), SymbolKey("AwsIamRoleDeploy2"));
}

}  // namespace
}  // namespace polygraph::internal
