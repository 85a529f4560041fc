// SAM Globals: the sections and properties they may set, and their merge
// into resources (lib/ingest/sam_globals.cc).

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/ingest/sam_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using testing::DumpMember;
using testing::Expanded;
using testing::ExpandYaml;
using testing::ExpectInputError;

TEST(SamTransformTest, GlobalsMergeAsSamDoes) {
  ASSERT_OK_AND_ASSIGN(Expanded expanded, ExpandYaml(R"(
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.11
    Timeout: 10
    Layers: [!Ref Common]
    Environment:
      Variables: {STAGE: prod, LOG: info}
    Tags: {owner: platform}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      CodeUri: src
      Timeout: 30
      Layers: [!Ref Extra]
      Environment:
        Variables: {LOG: debug}
  Plain:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Timeout, Layers]
    Properties: {Handler: b.h, CodeUri: src}
)"));
  const Value& fn = expanded.Properties("Fn");
  EXPECT_EQ(DumpMember(fn, "Runtime"), "\"python3.11\"");
  EXPECT_EQ(DumpMember(fn, "Timeout"), "30");
  EXPECT_EQ(DumpMember(fn, "Layers"), "[!Ref Common,!Ref Extra]");
  EXPECT_EQ(DumpMember(fn, "Environment"),
            "{Variables:{STAGE:\"prod\",LOG:\"debug\"}}");
  EXPECT_EQ(DumpMember(fn, "Tags"),
            "[{Key:\"lambda:createdBy\",Value:\"SAM\"},"
            "{Key:\"owner\",Value:\"platform\"}]");
  // A merged value keeps the location it was written at.
  EXPECT_EQ(fn.Find("Runtime")->location, (SourceLocation{"t.yaml", 5, 14}));
  EXPECT_EQ(fn.Find("Timeout")->location, (SourceLocation{"t.yaml", 17, 16}));
  const Value& plain = expanded.Properties("Plain");
  EXPECT_EQ(DumpMember(plain, "Timeout"), "<absent>");
  EXPECT_EQ(DumpMember(plain, "Layers"), "<absent>");
  EXPECT_EQ(DumpMember(plain, "Runtime"), "\"python3.11\"");
}

TEST(SamTransformTest, BadGlobals) {
  ExpectInputError(ExpandYaml("Globals: [a]\n").status(), 1, 10,
                   "Globals must be an object, found array");
  ExpectInputError(ExpandYaml("Globals:\n  Functions: {Timeout: 3}\n").status(),
                   2, 3, "unknown Globals section Functions");
  ExpectInputError(ExpandYaml("Globals:\n  Function: {Role: r}\n").status(), 2,
                   14, "Role is not a property Globals Function may set");
  ExpectInputError(ExpandYaml("Globals:\n  Api: 3\n").status(), 2, 8,
                   "Globals Api must be an object, found number");
  ExpectInputError(ExpandYaml("Resources: [a]\n").status(), 1, 12,
                   "Resources must be an object, found array");
}

}  // namespace
}  // namespace polygraph::ingest
