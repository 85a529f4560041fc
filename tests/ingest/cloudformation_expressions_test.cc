#include "ingest/cloudformation_expressions.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::ExpectInputError;
using testing::Imported;
using testing::ImportTemplate;

TEST(CloudFormationExpressionsTest, RecordsReferencesWithPropertyPaths) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  Env: {Type: String}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      GroupDescription: !Sub "${Env} web in ${Vpc} (${AWS::Region}) ${!Literal}"
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          SourceSecurityGroupId: !GetAtt Lb.GroupId
  Lb:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId:
        Fn::GetAtt: [Vpc, VpcId]
      GroupDescription:
        Fn::Sub:
          - "${Name}-${Vpc.CidrBlock}"
          - Name: !Ref Env
)"));
  const std::vector<Reference>& refs = imported.model.references();
  ASSERT_EQ(refs.size(), 5u);  // Sub variables naming parameters add none
  const size_t vpc = imported.IndexOf("Vpc");
  const size_t web = imported.IndexOf("Web");
  const size_t lb = imported.IndexOf("Lb");
  EXPECT_EQ(refs[0].from, web);
  EXPECT_EQ(refs[0].to, vpc);
  EXPECT_EQ(refs[0].attribute, "");
  EXPECT_EQ(refs[0].property, "VpcId");
  EXPECT_EQ(refs[0].location, (SourceLocation{"t.yaml", 10, 14}));
  EXPECT_EQ(refs[1].to, vpc);
  EXPECT_EQ(refs[1].property, "GroupDescription");
  EXPECT_EQ(refs[2].to, lb);
  EXPECT_EQ(refs[2].attribute, "GroupId");
  EXPECT_EQ(refs[2].property, "SecurityGroupIngress[0].SourceSecurityGroupId");
  EXPECT_EQ(refs[2].location, (SourceLocation{"t.yaml", 16, 34}));
  EXPECT_EQ(refs[3].from, lb);
  EXPECT_EQ(refs[3].attribute, "VpcId");
  EXPECT_EQ(refs[3].location, (SourceLocation{"t.yaml", 21, 22}));
  EXPECT_EQ(refs[4].to, vpc);
  EXPECT_EQ(refs[4].attribute, "CidrBlock");
  EXPECT_EQ(refs[4].property, "GroupDescription");
}

TEST(CloudFormationExpressionsTest, LongFormReferencesInJson) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"({
  "Resources": {
    "Bucket": {"Type": "AWS::S3::Bucket"},
    "Policy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
      "Bucket": {"Ref": "Bucket"},
      "PolicyDocument": {"Statement": []},
      "Tags": [{"Value": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"},
                                             {"Fn::GetAtt": "Bucket.Arn"}]]}}]
    }}
  }
})",
                                                         /*json=*/true));
  const std::vector<Reference>& refs = imported.model.references();
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].property, "Bucket");
  EXPECT_EQ(refs[0].location, (SourceLocation{"t.json", 5, 25}));
  EXPECT_EQ(refs[1].property, "Tags[0].Value");
  EXPECT_EQ(refs[1].attribute, "Arn");
}

TEST(CloudFormationExpressionsTest, UnknownIntrinsics) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  A:
    Type: X
    Properties:
      Name: !Reff B
)")
                       .status(),
                   6, 13, "unknown intrinsic function !Reff");
  ExpectInputError(ImportTemplate(R"({"Resources": {"A": {"Type": "X",
  "Properties": {"Name": {"Fn::Foo": "x"}}}}})",
                                  /*json=*/true)
                       .status(),
                   2, 27, "unknown intrinsic function Fn::Foo");
  ExpectInputError(ImportTemplate(R"(
Resources:
  A: {Type: X}
Outputs:
  O:
    Value: !Lenght [1]
)")
                       .status(),
                   6, 12, "unknown intrinsic function !Lenght");
}

TEST(CloudFormationExpressionsTest, UndefinedReferences) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  A:
    Type: X
    Properties:
      Name: !Ref Missing
)")
                       .status(),
                   6, 13,
                   R"(Ref to undefined resource or parameter "Missing")");
  ExpectInputError(ImportTemplate(R"(
Parameters:
  P: {Type: String}
Resources:
  A:
    Type: X
    Properties:
      Name: !GetAtt P.Arn
)")
                       .status(),
                   8, 13, R"(GetAtt to undefined resource "P")");
  ExpectInputError(
      ImportTemplate(R"(
Resources:
  A:
    Type: X
    Properties:
      Name: !Sub "${AWS::StackName}-${Nope.Arn}"
)")
          .status(),
      6, 13, R"(Fn::Sub refers to undefined resource or parameter "Nope")");
  ExpectInputError(ImportTemplate(R"(
Resources:
  A:
    Type: X
    Properties:
      Name: !If [NoSuchCondition, a, b]
)")
                       .status(),
                   6, 18,
                   R"(!If refers to undefined condition "NoSuchCondition")");
  ExpectInputError(ImportTemplate(R"(
Conditions:
  A: !Equals [a, b]
  B: !Not [!Condition C]
Resources:
  A: {Type: X}
)")
                       .status(),
                   4, 12, R"(!Condition refers to undefined condition "C")");
  ExpectInputError(ImportTemplate(R"(
Mappings:
  Amis: {us-east-1: {id: ami-1}}
Resources:
  A:
    Type: X
    Properties:
      Name: !FindInMap [Ami, !Ref AWS::Region, id]
)")
                       .status(),
                   8, 25, R"(!FindInMap refers to undefined mapping "Ami")");
}

TEST(CloudFormationExpressionsTest, PseudoParametersAndConditionsResolve) {
  EXPECT_OK(ImportTemplate(R"(
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  A:
    Type: X
    Condition: IsProd
    Properties:
      A: !Ref AWS::Region
      B: !Ref AWS::AccountId
      C: !Ref AWS::Partition
      D: !Ref AWS::StackName
      E: !Ref AWS::StackId
      F: !Ref AWS::URLSuffix
      G: !Ref AWS::NotificationARNs
      H: !If [NotProd, !Ref AWS::NoValue, x]
      I: !Select [0, !GetAZs ""]
      J: !Base64 {"Fn::Sub": "echo ${Env}"}
      K: !Cidr [10.0.0.0/16, 4, 8]
      L: !FindInMap [M, !Ref "AWS::Region", ami]
      M: !ImportValue shared-vpc
      N: !Split [",", "a,b"]
      O: !Length [1, 2]
      P: !ToJsonString {a: !Ref Env}
      Q: !And [!Condition IsProd, !Or [!Equals [a, a], !Condition NotProd]]
Mappings:
  M:
    us-east-1: {ami: ami-1}
)"));
}

TEST(CloudFormationExpressionsTest, MalformedFunctions) {
  ExpectInputError(ImportTemplate(R"(
Resources:
  A:
    Type: X
    Properties:
      Name: !GetAtt NoDot
)")
                       .status(),
                   6, 13, "Fn::GetAtt must be \"Resource.Attribute\"");
  ExpectInputError(ImportTemplate(R"(
Resources:
  A:
    Type: X
    Properties:
      Name: !Sub [1, 2]
)")
                       .status(),
                   6, 13, "Fn::Sub must be a string or [string, variables]");
  ExpectInputError(ImportTemplate(R"(
Resources:
  A:
    Type: X
    Properties:
      Name: !If [a, b]
)")
                       .status(),
                   6, 13, "Fn::If must be [condition, value if true");
}

}  // namespace
}  // namespace polygraph::ingest
