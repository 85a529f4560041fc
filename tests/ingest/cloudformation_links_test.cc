// Links between resources (lib/ingest/cloudformation_links.cc), seen through
// the workloads that use them.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using ::testing::ElementsAre;
using testing::Imported;
using testing::ImportTemplate;

TEST(CloudFormationLinksTest, ConditionalListsAndListParameters) {
  ASSERT_OK_AND_ASSIGN(Imported imported, ImportTemplate(R"(
Parameters:
  Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}
  Extra: {Type: String, Default: sg-0abc}
Conditions:
  WithExtra: !Equals [!Ref AWS::Region, eu-west-1]  # undecided
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: sg}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      VpcConfig:
        SubnetIds: !Ref Subnets
        SecurityGroupIds:
          - !Ref Sg
          - !If [WithExtra, !Ref Extra, !Ref AWS::NoValue]
          - !If [WithExtra, [sg-1, sg-2], []]
)"));
  ASSERT_EQ(imported.model.workloads().size(), 1u);
  const Workload& function = imported.model.workloads()[0];
  EXPECT_THAT(function.subnet_ids, ElementsAre("${Subnets}"));
  EXPECT_THAT(function.security_groups, ElementsAre(imported.IndexOf("Sg")));
  EXPECT_THAT(function.security_group_ids,
              ElementsAre("sg-0abc", "sg-1", "sg-2"));
  std::vector<Diagnostic> notes = imported.WithCode("symbolic-value");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].location.line, 15);
}

}  // namespace
}  // namespace polygraph::ingest
