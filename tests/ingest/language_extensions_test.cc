#include "ingest/language_extensions.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/ingest/evaluation_testing.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest::testing {
namespace {

absl::StatusOr<Value> Expand(const std::string& text,
                             const TemplateInputs& inputs = {},
                             std::vector<Diagnostic>* notes = nullptr) {
  absl::StatusOr<Value> document = ParseYaml(text, "t.yaml");
  if (!document.ok()) return document.status();
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<Value> expanded =
      ExpandLanguageExtensions(*document, inputs, diagnostics);
  if (notes != nullptr) *notes = diagnostics;
  return expanded;
}

const char kNested[] = R"(Transform: [AWS::LanguageExtensions, Other]
Parameters:
  Envs: {Type: CommaDelimitedList, Default: "dev,pre-prod"}
Resources:
  Fn::ForEach::Envs:
    - Env
    - !Ref Envs
    - Fn::ForEach::Sizes:
        - Size
        - [small, large]
        - Queue&{Env}${Size}:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub "${Env}-${Size}-${AWS::Region}"
              Tags: [{Key: env, Value: !Ref Env}]
)";

TEST(LanguageExtensionsTest, NestedLoopsOverAParameterExpandInOrder) {
  ASSERT_OK_AND_ASSIGN(Value expanded, Expand(kNested));
  const Value& resources = *expanded.Find("Resources");
  EXPECT_THAT(resources.keys,
              ::testing::ElementsAre("Queuedevsmall", "Queuedevlarge",
                                     "Queuepreprodsmall", "Queuepreprodlarge"));
  const Value& queue = *resources.Find("Queuepreprodlarge");
  EXPECT_EQ(Render(*queue.Find("Properties")->Find("QueueName")),
            "!Sub \"pre-prod-large-${AWS::Region}\"");
  EXPECT_EQ(Render(*queue.Find("Properties")->Find("Tags")),
            "[{Key: \"env\", Value: \"pre-prod\"}]");
  // Generated members keep the location they were copied from.
  EXPECT_EQ(resources.key_locations[3].line, 11);
  // Only the language extensions leave the Transform.
  EXPECT_EQ(Render(*expanded.Find("Transform")), "[\"Other\"]");
}

TEST(LanguageExtensionsTest, GivenParametersChooseTheCollection) {
  ASSERT_OK_AND_ASSIGN(Value expanded,
                       Expand(kNested, {.parameters = {{"Envs", "qa"}}}));
  EXPECT_THAT(expanded.Find("Resources")->keys,
              ::testing::ElementsAre("Queueqasmall", "Queueqalarge"));
}

TEST(LanguageExtensionsTest, AnUndecidedCollectionIsKeptAndNoted) {
  std::vector<Diagnostic> notes;
  ASSERT_OK_AND_ASSIGN(Value expanded,
                       Expand(R"(Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList}
Resources:
  Fn::ForEach::Loop:
    - N
    - !Ref Names
    - Topic${N}: {Type: AWS::SNS::Topic}
)",
                              {}, &notes));
  EXPECT_THAT(expanded.Find("Resources")->keys,
              ::testing::ElementsAre("Fn::ForEach::Loop"));
  EXPECT_EQ(expanded.Find("Transform"), nullptr);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].code, "not-analysed");
  EXPECT_EQ(notes[0].location.line, 5);
}

TEST(LanguageExtensionsTest, MalformedLoopsAndRepeatedKeysAreErrors) {
  ExpectInputError(Expand(R"(Resources:
  Fn::ForEach::Loop: [N, [a]]
)")
                       .status(),
                   2, 22, "must be [identifier, collection,");
  ExpectInputError(Expand(R"(Resources:
  Fn::ForEach::Loop:
    - N
    - [a, a]
    - Topic${N}: {Type: AWS::SNS::Topic}
)")
                       .status(),
                   5, 7, "generates the key \"Topica\" more than once");
}

TEST(LanguageExtensionsTest, RecognisesTheTransform) {
  ASSERT_OK_AND_ASSIGN(
      Value listed,
      ParseYaml("Transform: [X, AWS::LanguageExtensions]\n", "t.yaml"));
  EXPECT_TRUE(HasLanguageExtensions(listed));
  ASSERT_OK_AND_ASSIGN(Value other, ParseYaml("Transform: X\n", "t.yaml"));
  EXPECT_FALSE(HasLanguageExtensions(other));
}

}  // namespace
}  // namespace polygraph::ingest::testing
