#include <utility>

#include "gtest/gtest.h"
#include "net/internal.h"

namespace polygraph::net::internal {
namespace {

RouteEntry Route(const char* cidr, int length, RouteTargetKind kind) {
  RouteEntry entry;
  entry.destination = *ip::AddressSet::Parse(cidr);
  entry.prefix_length = length;
  entry.target_kind = kind;
  entry.text = cidr;
  return entry;
}

TEST(RouteLookupTest, LongestPrefixWins) {
  RouteTableInfo table;
  table.routes.push_back(
      Route("0.0.0.0/0", 0, RouteTargetKind::kInternetGateway));
  table.routes.push_back(
      Route("203.0.113.0/24", 24, RouteTargetKind::kNatGateway));
  SortRoutes(table.routes);
  auto parts = LookupRoutes(table, *ip::AddressSet::Parse("203.0.0.0/16"));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].first.ToString(), "203.0.113.0/24");
  EXPECT_EQ(table.routes[parts[0].second].target_kind,
            RouteTargetKind::kNatGateway);
  EXPECT_EQ(parts[1].first,
            ip::AddressSet::Parse("203.0.0.0/16")
                ->Subtract(*ip::AddressSet::Parse("203.0.113.0/24")));
  EXPECT_TRUE(ToInternetGateway(table.routes[parts[1].second]));
}

TEST(RouteLookupTest, UnroutedAndBlackhole) {
  RouteTableInfo table;
  RouteEntry hole = Route("10.0.0.0/8", 8, RouteTargetKind::kInternetGateway);
  hole.blackhole = true;
  table.routes.push_back(hole);
  auto parts = LookupRoutes(table, *ip::AddressSet::Parse("8.0.0.0/6"));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_FALSE(ToInternetGateway(table.routes[parts[0].second]));
  EXPECT_EQ(parts[1].second, table.routes.size());
  EXPECT_EQ(parts[1].first.ToString(), "8.0.0.0/7, 11.0.0.0/8");
}

}  // namespace
}  // namespace polygraph::net::internal
