#include "ingest/cloudformation_dependencies.h"

#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

TEST(DependenciesTest, ACycleOfRefsIsAnErrorNamingIt) {
  ExpectInputError(ImportTemplate(R"(Resources:
  A:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Ref B
  B:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "${C.GroupId}-b"
  C:
    Type: AWS::EC2::SecurityGroup
    DependsOn: [A]
)")
                       .status(),
                   12, 17,
                   "circular dependency between resources: A -> B -> C -> A");
}

TEST(DependenciesTest, AResourceNamingItselfIsACycle) {
  ExpectInputError(ImportTemplate(R"(Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: self
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 1, ToPort: 1, SourceSecurityGroupId: !Ref Sg}
)")
                       .status(),
                   7, 76, "circular dependency between resources: Sg -> Sg");
}

TEST(DependenciesTest, BranchesNotTakenAndResourcesLeftOutDoNotCount) {
  ASSERT_OK(ImportTemplate(R"(Conditions:
  Never: !Equals [a, b]
Resources:
  A:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !If [Never, !Ref B, a]
  B:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Ref A
  C:
    Type: AWS::EC2::SecurityGroup
    Condition: Never
    Properties:
      GroupDescription: !Ref C
)")
                .status());
}

TEST(DependenciesTest, AChainIsNotACycle) {
  ASSERT_OK(ImportTemplate(R"(Resources:
  A: {Type: AWS::S3::Bucket}
  B:
    Type: AWS::S3::BucketPolicy
    DependsOn: A
    Properties:
      Bucket: !Ref A
      PolicyDocument:
        Statement: [{Effect: Deny, Principal: "*", Action: "s3:*",
                     Resource: !Sub "${A.Arn}/*"}]
)")
                .status());
}

}  // namespace
}  // namespace polygraph::ingest::testing
