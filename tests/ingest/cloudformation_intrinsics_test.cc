// Golden tests of the value-producing intrinsic functions: each function on
// decided arguments, on undecided ones (kept, in the long form), nested,
// and the errors CloudFormation would fail the stack with.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/evaluation_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

// A template with parameters, a mapping, conditions and a bucket; `body`
// is the Properties of resource R (indented by 6).
std::string Template(const std::string& body) {
  return R"(Parameters:
  Env:
    Type: String
    Default: prod
    AllowedValues: [dev, prod]
  Cidr:
    Type: String
    Default: 10.0.0.0/16
  Subnets:
    Type: CommaDelimitedList
    Default: "subnet-1, subnet-2,subnet-3"
  Port:
    Type: Number
    Default: 443
  Unset:
    Type: String
  Ami:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023
Mappings:
  Sizes:
    prod: {Instance: m5.large, Count: 3}
    dev: {Instance: t3.micro, Count: 1}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  InEurope: !Equals [!Ref "AWS::Region", eu-west-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  R:
    Type: AWS::Test::Thing
    Properties:
)" + body;
}

std::string Eval(const std::string& body, const std::string& property = "P",
                 const TemplateInputs& inputs = {}) {
  absl::StatusOr<Evaluated> evaluated =
      EvaluateProperty(Template(body), property, inputs);
  if (!evaluated.ok()) return std::string(evaluated.status().ToString());
  return evaluated->rendered;
}

TEST(IntrinsicsTest, RefToParametersGivesTheirValues) {
  EXPECT_EQ(Eval("      P: !Ref Env\n"), "\"prod\"");
  EXPECT_EQ(Eval("      P: {Ref: Cidr}\n"), "\"10.0.0.0/16\"");
  EXPECT_EQ(Eval("      P: !Ref Port\n"), "443");
  EXPECT_EQ(Eval("      P: !Ref Subnets\n"),
            "[\"subnet-1\", \"subnet-2\", \"subnet-3\"]");
  EXPECT_EQ(Eval("      P: !Ref Env\n", "P", {.parameters = {{"Env", "dev"}}}),
            "\"dev\"");
}

TEST(IntrinsicsTest, UndecidedRefsStayAsWritten) {
  EXPECT_EQ(Eval("      P: !Ref Unset\n"), "!Ref \"Unset\"");  // as written
  EXPECT_EQ(Eval("      P: !Ref Ami\n"), "!Ref \"Ami\"");
  EXPECT_EQ(Eval("      P: {Ref: Bucket}\n"), "{Ref: \"Bucket\"}");
  EXPECT_EQ(Eval("      P: {Ref: AWS::Region}\n"), "{Ref: \"AWS::Region\"}");
  // A Sub that stays symbolic inlines into the strings around it.
  EXPECT_EQ(
      Eval("      P: !Sub [\"${A}-${Env}\", {A: !Sub \"${Bucket.Arn}\"}]\n"),
      "{Fn::Sub: \"${Bucket.Arn}-prod\"}");
}

TEST(IntrinsicsTest, PseudoParameters) {
  EXPECT_EQ(Eval("      P: !Ref AWS::Partition\n"), "\"aws\"");
  EXPECT_EQ(Eval("      P: !Ref AWS::URLSuffix\n"), "\"amazonaws.com\"");
  const TemplateInputs china = {
      .parameters = {{"AWS::Region", "cn-north-1"}, {"AWS::AccountId", "123"}}};
  EXPECT_EQ(Eval("      P: !Ref AWS::Partition\n", "P", china), "\"aws-cn\"");
  EXPECT_EQ(Eval("      P: !Ref AWS::URLSuffix\n", "P", china),
            "\"amazonaws.com.cn\"");
  EXPECT_EQ(Eval("      P: !Ref AWS::Region\n", "P", china), "\"cn-north-1\"");
  EXPECT_EQ(Eval("      P: !Ref AWS::AccountId\n", "P", china), "\"123\"");
}

TEST(IntrinsicsTest, NoValueRemovesMembersAndEntries) {
  EXPECT_EQ(Eval("      P: !Ref AWS::NoValue\n"), "<no value>");
  EXPECT_EQ(Eval("      P:\n        A: 1\n        B: !Ref AWS::NoValue\n"),
            "{A: 1}");
  EXPECT_EQ(Eval("      P: [1, !If [IsDev, 2, !Ref AWS::NoValue], 3]\n"),
            "[1, 3]");
}

TEST(IntrinsicsTest, SubBothFormsAndEscapes) {
  EXPECT_EQ(Eval("      P: !Sub \"${Env}-${AWS::Partition}-${!Literal}\"\n"),
            "\"prod-aws-${Literal}\"");
  EXPECT_EQ(Eval("      P: !Sub [\"${Name}:${Port}\", {Name: !Ref Env}]\n"),
            "\"prod:443\"");
  // Resources stay variables; a literal "${" is escaped again.
  EXPECT_EQ(Eval("      P: !Sub \"arn:${AWS::Partition}:s3:::${Bucket}/"
                 "${!x}\"\n"),
            "{Fn::Sub: \"arn:aws:s3:::${Bucket}/${!x}\"}");
  EXPECT_EQ(Eval("      P: !Sub \"${Bucket.Arn}/*\"\n"),
            "{Fn::Sub: \"${Bucket.Arn}/*\"}");
  // A variable of the map that names a resource becomes its variable.
  EXPECT_EQ(Eval("      P: !Sub [\"${B}/*\", {B: !GetAtt Bucket.Arn}]\n"),
            "{Fn::Sub: \"${Bucket.Arn}/*\"}");
  // A variable that stays undecided keeps its map entry.
  EXPECT_EQ(Eval("      P: !Sub [\"${X}-${Env}\", {X: !ImportValue Shared}]\n"),
            "{Fn::Sub: [\"${X}-prod\", {X: {Fn::ImportValue: \"Shared\"}}]}");
  EXPECT_EQ(Eval("      P: !Sub \"${AWS::Region}-${Env}\"\n"),
            "{Fn::Sub: \"${AWS::Region}-prod\"}");
}

TEST(IntrinsicsTest, JoinSelectSplit) {
  EXPECT_EQ(Eval("      P: !Join [\":\", [a, !Ref Env, 3]]\n"), "\"a:prod:3\"");
  EXPECT_EQ(Eval("      P: !Join [\",\", !Ref Subnets]\n"),
            "\"subnet-1,subnet-2,subnet-3\"");
  EXPECT_EQ(Eval("      P: !Join [\"\", [\"arn:aws:s3:::\", !Ref Bucket, "
                 "\"/*\"]]\n"),
            "{Fn::Sub: \"arn:aws:s3:::${Bucket}/*\"}");
  EXPECT_EQ(Eval("      P: !Select [1, !Ref Subnets]\n"), "\"subnet-2\"");
  EXPECT_EQ(Eval("      P: !Select [\"2\", [a, b, c]]\n"), "\"c\"");
  EXPECT_EQ(Eval("      P: !Split [\"-\", !Sub \"${Env}-x-\"]\n"),
            "[\"prod\", \"x\", \"\"]");
  EXPECT_EQ(Eval("      P: !Select [0, !Split [\"/\", !Ref Cidr]]\n"),
            "\"10.0.0.0\"");
  // Undecided arguments keep the call.
  EXPECT_EQ(Eval("      P: !Join [\"-\", [!ImportValue X, b]]\n"),
            "{Fn::Join: [\"-\", [{Fn::ImportValue: \"X\"}, \"b\"]]}");
  EXPECT_EQ(Eval("      P: !Select [0, !GetAZs \"\"]\n"),
            "{Fn::Select: [0, {Fn::GetAZs: \"\"}]}");
}

TEST(IntrinsicsTest, FindInMap) {
  EXPECT_EQ(Eval("      P: !FindInMap [Sizes, !Ref Env, Instance]\n"),
            "\"m5.large\"");
  EXPECT_EQ(Eval("      P: !FindInMap [Sizes, dev, Count]\n"), "1");
  EXPECT_EQ(Eval("      P: !FindInMap [Sizes, qa, Count, {DefaultValue: 2}]\n"),
            "2");
  EXPECT_EQ(Eval("      P: !FindInMap [Sizes, !Ref AWS::Region, Count]\n"),
            "{Fn::FindInMap: [\"Sizes\", !Ref \"AWS::Region\", \"Count\"]}");
}

TEST(IntrinsicsTest, FindInMapWithAMissingKeyIsAnError) {
  absl::StatusOr<Evaluated> evaluated = EvaluateProperty(
      Template("      P: !FindInMap [Sizes, prod, Memory]\n"), "P");
  ExpectInputError(evaluated.status(), 34, 35,
                   "mapping \"Sizes\" has no key \"Memory\" under \"prod\"");
}

TEST(IntrinsicsTest, SelectOutOfRangeIsAnError) {
  absl::StatusOr<Evaluated> evaluated =
      EvaluateProperty(Template("      P: !Select [3, !Ref Subnets]\n"), "P");
  ExpectInputError(evaluated.status(), 34, 10,
                   "index 3 is out of range for a list of 3");
}

TEST(IntrinsicsTest, IfChoosesTheBranchOfADecidedCondition) {
  EXPECT_EQ(Eval("      P: !If [IsProd, big, small]\n"), "\"big\"");
  EXPECT_EQ(Eval("      P: !If [IsProd, big, small]\n", "P",
                 {.parameters = {{"Env", "dev"}}}),
            "\"small\"");
  // Undecided (the region is not given): both branches, each evaluated.
  EXPECT_EQ(Eval("      P: !If [InEurope, !Ref Env, !Ref AWS::NoValue]\n"),
            "{Fn::If: [\"InEurope\", \"prod\", !Ref \"AWS::NoValue\"]}");
}

TEST(IntrinsicsTest, NestedSubInsideJoinInsideIf) {
  const std::string body =
      "      P: !If\n"
      "        - IsProd\n"
      "        - !Join [\"/\", [!Sub \"${Env}-${AWS::Partition}\", !Ref "
      "Port]]\n"
      "        - !Join [\"/\", [!Sub \"${Bucket}-x\", tail]]\n";
  EXPECT_EQ(Eval(body), "\"prod-aws/443\"");
  EXPECT_EQ(Eval(body, "P", {.parameters = {{"Env", "dev"}}}),
            "{Fn::Sub: \"${Bucket}-x/tail\"}");
}

TEST(IntrinsicsTest, Base64CidrGetAzsLength) {
  EXPECT_EQ(Eval("      P: !Base64 \"hello ${x}\"\n"), "\"aGVsbG8gJHt4fQ==\"");
  EXPECT_EQ(Eval("      P:\n        Fn::Base64: !Sub \"echo ${Env}\"\n"),
            "\"ZWNobyBwcm9k\"");
  EXPECT_EQ(Eval("      P: !Cidr [!Ref Cidr, 3, 8]\n"),
            "[\"10.0.0.0/24\", \"10.0.1.0/24\", \"10.0.2.0/24\"]");
  EXPECT_EQ(Eval("      P: !Cidr [\"2001:db8::/56\", 2, 64]\n"),
            "[\"2001:db8::/64\", \"2001:db8:0:1::/64\"]");
  EXPECT_EQ(Eval("      P: !GetAZs \"\"\n", "P",
                 {.parameters = {{"AWS::Region", "eu-west-1"}}}),
            "[\"eu-west-1a\", \"eu-west-1b\", \"eu-west-1c\"]");
  EXPECT_EQ(Eval("      P: !Select [1, !GetAZs us-east-2]\n"),
            "\"us-east-2b\"");
  EXPECT_EQ(Eval("      P: {Fn::Length: [a, b, !Ref Env]}\n"), "3");
}

TEST(IntrinsicsTest, CidrThatDoesNotFitIsAnError) {
  absl::StatusOr<Evaluated> evaluated =
      EvaluateProperty(Template("      P: !Cidr [10.0.0.0/24, 4, 7]\n"), "P");
  ExpectInputError(evaluated.status(), 34, 10,
                   "Fn::Cidr cannot fit 4 subnets of 7 host bits");
}

TEST(IntrinsicsTest, EvaluatedValuesAreLocatedAtTheirExpression) {
  absl::StatusOr<Evaluated> evaluated = EvaluateProperty(
      Template("      P:\n        - !Ref Env\n        - !Ref Subnets\n"), "P");
  ASSERT_OK(evaluated);
  const Value& list = *evaluated->value;
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].location.line, 35);
  EXPECT_EQ(list.items[0].location.column, 11);
  EXPECT_EQ(list.items[1].items[2].location.line, 36);
}

TEST(IntrinsicsTest, ImportValueAndUnknownAttributesStaySymbolic) {
  EXPECT_EQ(Eval("      P:\n        Fn::ImportValue: !Sub \"${Env}-vpc\"\n"),
            "{Fn::ImportValue: \"prod-vpc\"}");
  EXPECT_EQ(Eval("      P: !GetAtt Bucket.NoSuchAttribute\n"),
            "!GetAtt \"Bucket.NoSuchAttribute\"");
}

}  // namespace
}  // namespace polygraph::ingest::testing
