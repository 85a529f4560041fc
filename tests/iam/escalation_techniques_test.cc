// FindEscalationEdges (escalation_techniques.cc): every action a technique
// asks about is a catalogue action. Each technique has its own test file:
// escalation_assume_role_test.cc, escalation_pass_role_test.cc and
// escalation_iam_writes_test.cc.

#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "iam/escalation_internal.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam {
namespace {

TEST(EscalationActionsTest, EveryActionIsInTheCatalogue) {
  const Catalogue& catalogue = Catalogue::Builtin();
  std::vector<std::string_view> names = internal::EscalationActionNames();
  EXPECT_GT(names.size(), 20u);
  for (std::string_view name : names) {
    EXPECT_TRUE(catalogue.FindAction(name).has_value()) << name;
  }
}

}  // namespace
}  // namespace polygraph::iam
