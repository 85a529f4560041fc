#include "ingest/parameter_files.h"

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

absl::Status Add(const std::string& json,
                 std::map<std::string, std::string>& values) {
  absl::StatusOr<Value> document = ParseJson(json, "p.json");
  if (!document.ok()) return document.status();
  return AddParameterFile(*document, values);
}

TEST(ParameterFilesTest, ReadsTheThreeFormats) {
  std::map<std::string, std::string> values;
  ASSERT_OK(Add(R"([{"ParameterKey": "Env", "ParameterValue": "prod"},
                    {"ParameterKey": "Keep", "UsePreviousValue": true},
                    {"ParameterKey": "Count", "ParameterValue": 3}])",
                values));
  ASSERT_OK(Add(R"(["Cidr=10.0.0.0/16", "Tags=a=b"])", values));
  ASSERT_OK(Add(R"({"Parameters": {"Env": "dev", "Debug": true}})", values));
  EXPECT_THAT(values,
              UnorderedElementsAre(Pair("Env", "dev"), Pair("Count", "3"),
                                   Pair("Cidr", "10.0.0.0/16"),
                                   Pair("Tags", "a=b"), Pair("Debug", "true")));
}

TEST(ParameterFilesTest, OtherShapesAreErrorsAtTheValue) {
  std::map<std::string, std::string> values;
  ::polygraph::ingest::testing::ExpectInputError(
      Add(R"({"Env": "prod"})", values), 1, 1, "a parameter file must be");
  ::polygraph::ingest::testing::ExpectInputError(
      Add(R"(["Env"])", values), 1, 2, "must be written Name=Value");
  ::polygraph::ingest::testing::ExpectInputError(
      Add(R"([{"ParameterKey": "Env"}])", values), 1, 2,
      "parameter \"Env\" needs a string \"ParameterValue\"");
  ::polygraph::ingest::testing::ExpectInputError(
      Add(R"([{"ParameterValue": "x"}])", values), 1, 2,
      "needs a string \"ParameterKey\"");
}

TEST(ParseParameterAssignmentTest, SplitsAtTheFirstEquals) {
  ASSERT_OK_AND_ASSIGN(auto assignment, ParseParameterAssignment("A=b=c"));
  EXPECT_EQ(assignment.first, "A");
  EXPECT_EQ(assignment.second, "b=c");
  ASSERT_OK_AND_ASSIGN(assignment, ParseParameterAssignment("Empty="));
  EXPECT_EQ(assignment.second, "");
  EXPECT_THAT(ParseParameterAssignment("=x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must be written Name=Value")));
}

}  // namespace
}  // namespace polygraph::ingest
