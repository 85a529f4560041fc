// The risk tables (risk_tables.cc): every entry is a catalogue name, spelt
// as the catalogue spells it, with no duplicates.

#include "iam/risk_tables.h"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/iam_catalogue.h"

namespace polygraph::iam {
namespace {

TEST(RiskTablesTest, EveryTableEntryIsACatalogueName) {
  const Catalogue& catalogue = Catalogue::Builtin();
  using internal::RiskTableId;
  for (RiskTableId id : {RiskTableId::kDirectEscalation,
                         RiskTableId::kPassRoleCompute, RiskTableId::kDataRead,
                         RiskTableId::kExposure, RiskTableId::kCredentials}) {
    const std::vector<std::string_view>& table = internal::RiskTable(id);
    EXPECT_FALSE(table.empty());
    for (std::string_view name : table) {
      std::optional<size_t> index = catalogue.FindAction(name);
      ASSERT_TRUE(index.has_value()) << name;
      // Spelt as the catalogue spells it.
      EXPECT_EQ(catalogue.action(*index).FullName(), name);
    }
    EXPECT_EQ(internal::RiskTable(id).size(), [&] {
      ActionSet set = catalogue.None();
      for (std::string_view name : table) {
        set.Insert(*catalogue.FindAction(name));
      }
      return set.Count();
    }()) << "duplicate entry";
  }
  for (std::string_view service :
       internal::RiskTable(RiskTableId::kInfrastructureServices)) {
    EXPECT_TRUE(catalogue.HasService(service)) << service;
  }
}

}  // namespace
}  // namespace polygraph::iam
