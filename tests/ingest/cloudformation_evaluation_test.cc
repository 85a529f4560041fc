// The template evaluator's conditions and parameters, and how the
// front-end uses them: resources left out, conditions assumed, evaluated
// properties feeding the facets.

#include "ingest/cloudformation_evaluation.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/evaluation_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

using ::testing::HasSubstr;

const char kConditional[] = R"(Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Trusted:
    Type: String
    Default: 203.0.113.0/24
Mappings:
  Ports:
    dev: {Admin: 8443}
    prod: {Admin: 443}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  InEurope: !Equals [!Ref "AWS::Region", eu-west-1]
  ProdInEurope: !And [!Condition IsProd, !Condition InEurope]
  ProdOrEurope: !Or [!Condition IsProd, !Condition InEurope]
Resources:
  Audit:
    Type: AWS::S3::Bucket
    Condition: IsProd
  Web:
    Type: AWS::EC2::SecurityGroup
    Condition: IsDev
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: !FindInMap [Ports, !Ref Env, Admin]
          ToPort: !FindInMap [Ports, !Ref Env, Admin]
          CidrIp: !Ref Trusted
      Tags:
        - Key: audit
          Value: !If [IsProd, !Ref Audit, none]
  Regional:
    Type: AWS::S3::Bucket
    Condition: InEurope
)";

TEST(EvaluationTest, ConditionFalseLeavesTheResourceOutAndSaysWhy) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(kConditional));
  EXPECT_EQ(imported.Find("Audit"), nullptr);
  std::vector<Diagnostic> notes = imported.WithCode("condition-false");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].message,
            "resource \"Audit\" is left out: its condition \"IsProd\" is "
            "false because Env is \"dev\" by default");
  EXPECT_EQ(notes[0].location.line, 22);
  // Web's Ref to Audit sits in the branch that is not taken: no error, no
  // reference.
  for (const Reference& reference : imported.model.references()) {
    EXPECT_NE(reference.property, "Tags[0].Value");
  }
}

TEST(EvaluationTest, ConditionTrueOrUndecidedIsRecordedOnTheResource) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(kConditional));
  const Resource* web = imported.Find("Web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->assumed_condition,
            "\"IsDev\", true because Env is \"dev\" by default");
  const Resource* regional = imported.Find("Regional");
  ASSERT_NE(regional, nullptr);
  EXPECT_EQ(regional->assumed_condition,
            "\"InEurope\", undecided because AWS::Region is not given");
}

TEST(EvaluationTest, EvaluatedPropertiesFeedTheFacets) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(kConditional));
  ASSERT_EQ(imported.model.security_group_rules().size(), 2u);  // + egress
  const SecurityGroupRule& rule = imported.model.security_group_rules()[0];
  EXPECT_EQ(rule.cidr, "203.0.113.0/24");
  EXPECT_EQ(rule.from_port, 8443);
  EXPECT_EQ(rule.to_port, 8443);
  EXPECT_EQ(rule.cidr_location.line, 32);  // the !Ref Trusted
  EXPECT_TRUE(imported.WithCode("symbolic-value").empty());
}

TEST(EvaluationTest, GivenParametersChangeWhatIsCreated) {
  ASSERT_OK_AND_ASSIGN(
      Imported imported,
      ImportTemplate(
          kConditional, false,
          {.parameters = {{"Env", "prod"}, {"AWS::Region", "eu-west-1"}}}));
  EXPECT_EQ(imported.Find("Web"), nullptr);
  ASSERT_NE(imported.Find("Audit"), nullptr);
  EXPECT_EQ(imported.Find("Audit")->assumed_condition,
            "\"IsProd\", true because Env is \"prod\" as given");
  EXPECT_EQ(imported.Find("Regional")->assumed_condition,
            "\"InEurope\", true because AWS::Region is \"eu-west-1\" as given");
}

TEST(EvaluationTest, AndOrNotAreThreeValued) {
  absl::StatusOr<Value> document = ParseYaml(kConditional, "t.yaml");
  ASSERT_OK(document);
  std::vector<Diagnostic> diagnostics;
  TemplateInputs inputs;
  TemplateEvaluator evaluator(*document, inputs, diagnostics);
  // IsProd is false: And is false whatever the region; Or is undecided.
  ASSERT_OK_AND_ASSIGN(ConditionValue both,
                       evaluator.Condition("ProdInEurope"));
  EXPECT_EQ(both.value, std::optional<bool>(false));
  ASSERT_OK_AND_ASSIGN(ConditionValue either,
                       evaluator.Condition("ProdOrEurope"));
  EXPECT_EQ(either.value, std::nullopt);
  EXPECT_THAT(either.assumptions,
              ::testing::ElementsAre("Env is \"dev\" by default",
                                     "AWS::Region is not given"));
  TemplateInputs prod = {.parameters = {{"Env", "prod"}}};
  TemplateEvaluator in_prod(*document, prod, diagnostics);
  ASSERT_OK_AND_ASSIGN(ConditionValue or_prod,
                       in_prod.Condition("ProdOrEurope"));
  EXPECT_EQ(or_prod.value, std::optional<bool>(true));
  ASSERT_OK_AND_ASSIGN(ConditionValue dev, in_prod.Condition("IsDev"));
  EXPECT_EQ(dev.value, std::optional<bool>(false));
}

TEST(EvaluationTest, JsonAndYamlConditionReferencesDecideAlike) {
  const char json[] = R"({
  "Parameters": {"Env": {"Type": "String", "Default": "prod"}},
  "Conditions": {
    "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
    "Both": {"Fn::And": [{"Condition": "IsProd"},
                         {"Fn::Not": [{"Condition": "IsProd"}]}]}
  },
  "Resources": {"R": {"Type": "AWS::S3::Bucket", "Condition": "Both"}}
})";
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(json, true));
  EXPECT_EQ(imported.Find("R"), nullptr);
  EXPECT_EQ(imported.WithCode("condition-false").size(), 1u);
}

TEST(EvaluationTest, ARegionGivenDecidesPartitionAndUrlSuffix) {
  const char text[] = R"(Resources:
  R:
    Type: AWS::Test::Thing
    Properties:
      P: !Sub "${AWS::Partition}.${AWS::URLSuffix}"
)";
  ASSERT_OK_AND_ASSIGN(
      Evaluated evaluated,
      EvaluateProperty(text, "P",
                       {.parameters = {{"AWS::Region", "us-gov-west-1"}}}));
  EXPECT_EQ(evaluated.rendered, "\"aws-us-gov.amazonaws.com\"");
}

TEST(EvaluationTest, ACycleOfConditionsIsAnError) {
  const char text[] = R"(Conditions:
  A: !Condition B
  B: !And [!Condition C, !Equals [x, x]]
  C: !Not [!Condition A]
Resources:
  R:
    Type: AWS::S3::Bucket
    Condition: A
)";
  ExpectInputError(ImportTemplate(text).status(), 2, 3,
                   "condition \"A\" depends on itself: A -> B -> C -> A");
}

TEST(EvaluationTest, AGivenValueOutsideAllowedValuesIsAnError) {
  ExpectInputError(
      ImportTemplate(kConditional, false, {.parameters = {{"Env", "qa"}}})
          .status(),
      5, 20,
      "parameter \"Env\" is given \"qa\", which is not one of its "
      "AllowedValues [\"dev\", \"prod\"]");
}

TEST(EvaluationTest, LeftOutResourcesAreStillChecked) {
  const char text[] = R"(Conditions:
  Never: !Equals [a, b]
Resources:
  R:
    Type: AWS::S3::Bucket
    Condition: Never
    Properties:
      BucketName: !Reff x
)";
  ExpectInputError(ImportTemplate(text).status(), 8, 19,
                   "unknown intrinsic function !Reff");
}

TEST(EvaluationTest, AResourceConditionMustNameACondition) {
  const char text[] = R"(Resources:
  R:
    Type: AWS::S3::Bucket
    Condition: [a]
)";
  ExpectInputError(ImportTemplate(text).status(), 4, 16,
                   "Condition of resource \"R\" must name a condition");
}

TEST(EvaluationTest, SsmParametersStaySymbolic) {
  const char text[] = R"(Parameters:
  Cidr:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /network/cidr
Resources:
  R:
    Type: AWS::Test::Thing
    Properties:
      P: !Ref Cidr
)";
  ASSERT_OK_AND_ASSIGN(Evaluated evaluated, EvaluateProperty(text, "P"));
  EXPECT_EQ(evaluated.rendered, "!Ref \"Cidr\"");
}

}  // namespace
}  // namespace polygraph::ingest::testing
