#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/minimize_internal.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam::internal {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

// Every catalogue action matching `pattern`, by full name.
std::vector<std::string> Names(const std::string& pattern) {
  const Catalogue& catalogue = Catalogue::Builtin();
  std::vector<std::string> names;
  for (size_t i : catalogue.Expand(pattern).Indices()) {
    names.push_back(catalogue.action(i).FullName());
  }
  return names;
}

TEST(CombineActionsTest, WholeFamilyBecomesOnePattern) {
  std::vector<std::string> actions = Names("s3:GetObject*");
  ASSERT_GT(actions.size(), 2u);
  EXPECT_THAT(CombineActions(actions), ElementsAre("s3:GetObject*"));
}

TEST(CombineActionsTest, OneMissingMeansListedIndividually) {
  std::vector<std::string> actions = Names("s3:GetObject*");
  const std::string missing = actions.back();
  actions.pop_back();
  std::vector<std::string> combined = CombineActions(actions);
  EXPECT_THAT(combined, Not(Contains("s3:GetObject*")));
  // Whatever patterns remain name only used actions.
  const Catalogue& catalogue = Catalogue::Builtin();
  ActionSet used = catalogue.None();
  for (const std::string& action : actions) {
    used.Insert(*catalogue.FindAction(action));
  }
  ActionSet written = catalogue.None();
  for (const std::string& entry : combined) {
    EXPECT_TRUE(catalogue.Expand(entry).IsSubsetOf(used)) << entry;
    written |= catalogue.Expand(entry);
  }
  EXPECT_EQ(written, used);
  EXPECT_FALSE(written.Contains(*catalogue.FindAction(missing)));
}

TEST(CombineActionsTest, SingleActionsAndUnknownNamesStayAsWritten) {
  EXPECT_THAT(CombineActions({"sqs:SendMessage", "s3:NoSuchThing",
                              "s3:GetObject", "sqs:SendMessage"}),
              ElementsAre("s3:GetObject", "s3:NoSuchThing", "sqs:SendMessage"));
}

TEST(CombineActionsTest, WholeServiceBecomesServiceStar) {
  EXPECT_THAT(CombineActions(Names("sqs:*")), ElementsAre("sqs:*"));
}

}  // namespace
}  // namespace polygraph::iam::internal
