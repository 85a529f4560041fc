#include <cstddef>
#include <cstdint>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam {
namespace {

using ::testing::ElementsAre;

// A set over `universe` holding `members`.
ActionSet Make(size_t universe, const std::vector<size_t>& members) {
  ActionSet set(universe);
  for (size_t index : members) set.Insert(index);
  return set;
}

TEST(ActionSetTest, EmptyByDefault) {
  ActionSet none;
  EXPECT_TRUE(none.Empty());
  EXPECT_EQ(none.Count(), 0u);
  EXPECT_FALSE(none.Contains(0));
  ActionSet sized(130);
  EXPECT_TRUE(sized.Empty());
  EXPECT_TRUE(sized.Indices().empty());
}

TEST(ActionSetTest, InsertAndContains) {
  ActionSet set = Make(130, {0, 63, 64, 129});
  EXPECT_TRUE(set.Contains(0));
  EXPECT_TRUE(set.Contains(63));
  EXPECT_TRUE(set.Contains(64));
  EXPECT_TRUE(set.Contains(129));
  EXPECT_FALSE(set.Contains(1));
  EXPECT_FALSE(set.Contains(130));  // outside the universe
  EXPECT_EQ(set.Count(), 4u);
  EXPECT_FALSE(set.Empty());
  EXPECT_THAT(set.Indices(), ElementsAre(0, 63, 64, 129));
  set.Insert(63);  // idempotent
  EXPECT_EQ(set.Count(), 4u);
  set.Insert(500);  // outside the universe: ignored
  EXPECT_EQ(set.Count(), 4u);
}

TEST(ActionSetTest, Operations) {
  ActionSet a = Make(100, {1, 2, 3, 70});
  ActionSet b = Make(100, {3, 4, 70, 99});
  ActionSet u = a;
  u |= b;
  EXPECT_THAT(u.Indices(), ElementsAre(1, 2, 3, 4, 70, 99));
  ActionSet i = a;
  i &= b;
  EXPECT_THAT(i.Indices(), ElementsAre(3, 70));
  ActionSet d = a;
  d -= b;
  EXPECT_THAT(d.Indices(), ElementsAre(1, 2));
}

TEST(ActionSetTest, ComplementStaysInTheUniverse) {
  ActionSet set = Make(70, {0, 69});
  ActionSet complement = set.Complement();
  EXPECT_EQ(complement.Count(), 68u);
  EXPECT_FALSE(complement.Contains(0));
  EXPECT_FALSE(complement.Contains(69));
  EXPECT_TRUE(complement.Contains(1));
  EXPECT_FALSE(complement.Contains(70));
  EXPECT_EQ(complement.Complement(), set);
  EXPECT_EQ(ActionSet(64).Complement().Count(), 64u);
  EXPECT_EQ(ActionSet(0).Complement().Count(), 0u);
}

TEST(ActionSetTest, Subset) {
  ActionSet small = Make(200, {5, 150});
  ActionSet big = Make(200, {5, 6, 150});
  EXPECT_TRUE(small.IsSubsetOf(big));
  EXPECT_FALSE(big.IsSubsetOf(small));
  EXPECT_TRUE(small.IsSubsetOf(small));
  EXPECT_TRUE(ActionSet(200).IsSubsetOf(small));
}

// The laws of a Boolean algebra, over sets drawn from a fixed pseudo-random
// sequence so a failure reproduces.
class ActionSetLawsTest : public ::testing::Test {
 protected:
  static constexpr size_t kUniverse = 200;
  ActionSet Random() {
    ActionSet set(kUniverse);
    for (size_t i = 0; i < kUniverse; ++i) {
      state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
      if ((state_ >> 61) & 1) set.Insert(i);
    }
    return set;
  }
  uint64_t state_ = 42;
};

ActionSet Or(ActionSet a, const ActionSet& b) { return a |= b; }
ActionSet And(ActionSet a, const ActionSet& b) { return a &= b; }
ActionSet Minus(ActionSet a, const ActionSet& b) { return a -= b; }

TEST_F(ActionSetLawsTest, BooleanAlgebra) {
  const ActionSet all = ActionSet(kUniverse).Complement();
  const ActionSet none(kUniverse);
  for (int round = 0; round < 20; ++round) {
    ActionSet a = Random();
    ActionSet b = Random();
    ActionSet c = Random();
    EXPECT_EQ(Or(a, b), Or(b, a));
    EXPECT_EQ(And(a, b), And(b, a));
    EXPECT_EQ(Or(a, And(b, c)), And(Or(a, b), Or(a, c)));
    EXPECT_EQ(And(a, Or(b, c)), Or(And(a, b), And(a, c)));
    EXPECT_EQ(Or(a, a.Complement()), all);
    EXPECT_EQ(And(a, a.Complement()), none);
    EXPECT_EQ(Or(a, b).Complement(), And(a.Complement(), b.Complement()));
    EXPECT_EQ(And(a, b).Complement(), Or(a.Complement(), b.Complement()));
    EXPECT_EQ(Minus(a, b), And(a, b.Complement()));
    EXPECT_EQ(a.Complement().Complement(), a);
    EXPECT_TRUE(And(a, b).IsSubsetOf(a));
    EXPECT_TRUE(a.IsSubsetOf(Or(a, b)));
    EXPECT_EQ(a.IsSubsetOf(b), Minus(a, b).Empty());
    EXPECT_EQ(a.IsSubsetOf(b), And(a, b) == a);
    EXPECT_EQ(Or(a, b).Count() + And(a, b).Count(), a.Count() + b.Count());
    EXPECT_EQ(a.Count() + a.Complement().Count(), kUniverse);
  }
}

}  // namespace
}  // namespace polygraph::iam
