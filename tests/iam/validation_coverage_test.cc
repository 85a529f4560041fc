// Tests of ActionCoverIndex against the pairwise definition it replaces,
// ActionPatternCovers.

#include "iam/validation_coverage.h"

#include <cstddef>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/validation_internal.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_policy.h"

namespace polygraph::iam::validation_internal {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<LocatedString> Actions(const std::vector<std::string>& texts) {
  std::vector<LocatedString> actions;
  for (const std::string& text : texts) {
    LocatedString action;
    action.value = text;
    actions.push_back(action);
  }
  return actions;
}

// Every entry of `of` that covers entry `position` of `source`, by
// comparing each pair.
std::vector<size_t> PairwiseCovering(const std::vector<LocatedString>& of,
                                     const std::vector<LocatedString>& source,
                                     size_t position) {
  std::vector<size_t> covering;
  for (size_t j = 0; j < of.size(); ++j) {
    if (!of[j].symbolic &&
        ActionPatternCovers(of[j].value, source[position].value)) {
      covering.push_back(j);
    }
  }
  return covering;
}

const std::vector<std::string> kMixed = {
    "s3:GetObject",
    "S3:getobject",
    "s3:Get*",
    "s3:*",
    "*",
    "s3:Get?bject",
    "s3:*Object",
    "s3*",
    "s3:GetObject*",
    "ec2:Describe*",
    "ec2:DescribeInstances",
    "iam:PassRole",
    "iam:Pass*",
    "s3:GetObjectAcl",
    "s3:GetObject",
    "nocolon",
    "s3:",
    "S3:GET*",
    "s3:Get?*",
    "ec2:Describe",
    "unknownsvc:DoThing",
    "unknownsvc:dothing",
};

TEST(ActionCoverIndexTest, MatchesPairwiseCoverage) {
  const std::vector<LocatedString> actions = Actions(kMixed);
  const ActionCoverIndex index(actions);
  std::vector<size_t> covering;
  for (size_t i = 0; i < actions.size(); ++i) {
    index.Covering(index, i, covering);
    EXPECT_EQ(covering, PairwiseCovering(actions, actions, i))
        << actions[i].value;
    EXPECT_EQ(index.AnyCovers(index, i), !covering.empty()) << actions[i].value;
  }
}

TEST(ActionCoverIndexTest, MatchesPairwiseCoverageWithCatalogueIndices) {
  const Catalogue& catalogue = Catalogue::Builtin();
  auto indices_of = [&](const std::vector<LocatedString>& actions) {
    std::vector<size_t> indices;
    for (const LocatedString& action : actions) {
      indices.push_back(HasWildcard(action.value)
                            ? ActionCoverIndex::kUnknown
                            : catalogue.FindAction(action.value)
                                  .value_or(ActionCoverIndex::kUnknown));
    }
    return indices;
  };
  const std::vector<LocatedString> actions = Actions(kMixed);
  const std::vector<size_t> indices = indices_of(actions);
  const ActionCoverIndex index(actions, &indices);
  // A second list queried against the first, as the statement redundancy
  // check does.
  const std::vector<LocatedString> others =
      Actions({"s3:getObject", "ec2:describeinstances", "s3:GetObjectAcl*",
               "s3:Put*", "unknownsvc:DOTHING", "*", "iam:PassRole"});
  const std::vector<size_t> other_indices = indices_of(others);
  const ActionCoverIndex other(others, &other_indices);
  std::vector<size_t> covering;
  for (size_t i = 0; i < actions.size(); ++i) {
    index.Covering(index, i, covering);
    EXPECT_EQ(covering, PairwiseCovering(actions, actions, i))
        << actions[i].value;
  }
  for (size_t i = 0; i < others.size(); ++i) {
    index.Covering(other, i, covering);
    EXPECT_EQ(covering, PairwiseCovering(actions, others, i))
        << others[i].value;
    EXPECT_EQ(index.AnyCovers(other, i), !covering.empty()) << others[i].value;
  }
}

TEST(ActionCoverIndexTest, SkipsSymbolicEntries) {
  std::vector<LocatedString> actions = Actions({"*", "s3:GetObject"});
  actions[0].symbolic = true;
  const ActionCoverIndex index(actions);
  std::vector<size_t> covering;
  index.Covering(index, 1, covering);
  EXPECT_THAT(covering, ElementsAre(1));
}

TEST(ActionCoverIndexTest, WildcardIsCoveredOnlyByPrefixOrStar) {
  const std::vector<LocatedString> actions =
      Actions({"s3:Get?bject", "s3:GetObject", "s3:Get*"});
  const ActionCoverIndex index(actions);
  std::vector<size_t> covering;
  // Not even by itself: only a prefix pattern is certain to cover a pattern.
  index.Covering(index, 0, covering);
  EXPECT_THAT(covering, ElementsAre(2));
  const std::vector<LocatedString> alone = Actions({"s3:GetObject"});
  const ActionCoverIndex literal_only(alone);
  literal_only.Covering(index, 0, covering);
  EXPECT_THAT(covering, IsEmpty());
}

}  // namespace
}  // namespace polygraph::iam::validation_internal
