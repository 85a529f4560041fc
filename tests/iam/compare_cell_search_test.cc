// SearchCells: one shortest representative per realizable cell.

#include <map>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/compare_internal.h"

namespace polygraph::iam::internal {
namespace {

CellPattern Arn(const std::string& text) {
  absl::StatusOr<std::optional<CellPattern>> p = ArnCellPattern(text, true);
  EXPECT_TRUE(p.ok() && p->has_value()) << text;
  return **p;
}

TEST(CompareCellSearchTest, OneRepresentativePerRealizableCell) {
  std::vector<CellPattern> patterns = {Arn("arn:aws:s3:::logs/*"),
                                       Arn("arn:aws:s3:::logs/app/*")};
  CellSearch cells = SearchCells(patterns, 10000);
  EXPECT_FALSE(cells.capped);
  // Cells: neither, only the first, both (the second implies the first).
  ASSERT_EQ(cells.representatives.size(), 3u);
  int none = 0;
  for (size_t i = 0; i < cells.representatives.size(); ++i) {
    const std::string& r = cells.representatives[i];
    const bool first = CellMatches(patterns[0], r);
    const bool second = CellMatches(patterns[1], r);
    EXPECT_FALSE(second && !first) << r;
    EXPECT_EQ(cells.matches_none[i], !first && !second);
    none += !first && !second;
  }
  EXPECT_EQ(none, 1);
}

TEST(CompareCellSearchTest, CaseFoldingSplitsCells) {
  absl::StatusOr<CellPattern> exact =
      TextCellPattern("Prod", false, false, true);
  absl::StatusOr<CellPattern> folded =
      TextCellPattern("prod", false, true, true);
  ASSERT_TRUE(exact.ok() && folded.ok());
  CellSearch cells = SearchCells({*exact, *folded}, 10000);
  // none, folded only ("prod"), both ("Prod").
  EXPECT_EQ(cells.representatives.size(), 3u);
}

TEST(CompareCellSearchTest, StateLimitIsReported) {
  std::vector<CellPattern> patterns;
  for (int i = 0; i < 20; ++i) {
    patterns.push_back(Arn("arn:aws:s3:::bucket-" + std::to_string(i) + "/*"));
  }
  EXPECT_TRUE(SearchCells(patterns, 10).capped);
  EXPECT_FALSE(SearchCells(patterns, 100000).capped);
}

// For random pattern sets, every string's set of matched patterns is the
// set of some representative, no longer than the string, and the
// representatives' sets are distinct.
TEST(CompareCellSearchTest, RandomStringsFallIntoRepresentedCells) {
  std::mt19937 rng(20261127);
  const std::string pieces = "ab:*?Ab";
  for (int round = 0; round < 60; ++round) {
    std::vector<CellPattern> patterns;
    const int n = 1 + static_cast<int>(rng() % 7);
    for (int i = 0; i < n; ++i) {
      std::string text;
      const int length = static_cast<int>(rng() % 7);
      for (int k = 0; k < length; ++k) text += pieces[rng() % pieces.size()];
      if (rng() % 3 == 0) {
        absl::StatusOr<std::optional<CellPattern>> p =
            ArnCellPattern("arn:a:" + text + ":b:" + text + ":*", false);
        ASSERT_TRUE(p.ok());
        if (p->has_value()) patterns.push_back(**p);
      } else {
        absl::StatusOr<CellPattern> p =
            TextCellPattern(text, true, rng() % 4 == 0, false);
        ASSERT_TRUE(p.ok());
        patterns.push_back(*p);
      }
    }
    CellSearch cells = SearchCells(patterns, 100000);
    ASSERT_FALSE(cells.capped);
    auto signature = [&](const std::string& t) {
      std::string out;
      for (const CellPattern& p : patterns)
        out += CellMatches(p, t) ? '1' : '0';
      return out;
    };
    std::map<std::string, size_t> shortest;  // signature -> length
    for (size_t i = 0; i < cells.representatives.size(); ++i) {
      const std::string sig = signature(cells.representatives[i]);
      EXPECT_TRUE(shortest.emplace(sig, cells.representatives[i].size()).second)
          << "two representatives of one cell";
      EXPECT_EQ(cells.matches_none[i], sig.find('1') == std::string::npos);
    }
    const std::string chars = "abAB:x#";
    for (int i = 0; i < 3000; ++i) {
      std::string t = rng() % 2 ? "arn:a:" : "";
      const int length = static_cast<int>(rng() % 12);
      for (int k = 0; k < length; ++k) t += chars[rng() % chars.size()];
      auto it = shortest.find(signature(t));
      ASSERT_NE(it, shortest.end()) << "no cell for \"" << t << "\"";
      EXPECT_LE(it->second, t.size()) << t;
    }
  }
}

}  // namespace
}  // namespace polygraph::iam::internal
