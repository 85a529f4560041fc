#include "ingest/protocol.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "polygraph/value.h"

namespace polygraph::ingest {
namespace {

std::optional<std::string> Normalize(Value::Kind kind, std::string text) {
  Value value;
  value.kind = kind;
  value.text = std::move(text);
  return NormalizeProtocol(value);
}

TEST(ProtocolTest, NamesAndNumbersOfTheCommonProtocols) {
  EXPECT_EQ(Normalize(Value::Kind::kString, "TCP"), "tcp");
  EXPECT_EQ(Normalize(Value::Kind::kNumber, "6"), "tcp");
  EXPECT_EQ(Normalize(Value::Kind::kString, "17"), "udp");
  EXPECT_EQ(Normalize(Value::Kind::kString, "icmp"), "icmp");
  EXPECT_EQ(Normalize(Value::Kind::kNumber, "58"), "icmpv6");
  EXPECT_EQ(Normalize(Value::Kind::kNumber, "-1"), "-1");
  EXPECT_EQ(Normalize(Value::Kind::kString, "all"), "-1");
  EXPECT_EQ(Normalize(Value::Kind::kNumber, "47"), "47");
}

TEST(ProtocolTest, EverythingElseIsRejected) {
  EXPECT_EQ(Normalize(Value::Kind::kNumber, "256"), std::nullopt);
  EXPECT_EQ(Normalize(Value::Kind::kString, "tcpp"), std::nullopt);
  EXPECT_EQ(Normalize(Value::Kind::kString, "-2"), std::nullopt);
  EXPECT_EQ(Normalize(Value::Kind::kObject, "tcp"), std::nullopt);
}

}  // namespace
}  // namespace polygraph::ingest
