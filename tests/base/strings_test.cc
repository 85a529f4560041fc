#include "base/strings.h"

#include <string>

#include "gtest/gtest.h"

namespace polygraph::internal {
namespace {

TEST(StringsTest, QuoteForMessageEscapesAndCuts) {
  EXPECT_EQ(QuoteForMessage("10.0.0.1/8"), "\"10.0.0.1/8\"");
  EXPECT_EQ(QuoteForMessage("a\"b\nc"), "\"a\\\"b\\nc\"");
  const std::string long_text(100, 'x');
  EXPECT_EQ(QuoteForMessage(long_text), "\"" + std::string(80, 'x') + "...\"");
  EXPECT_EQ(QuoteForMessage(""), "\"\"");
}

TEST(StringsTest, ToAbslKeepsBytes) {
  const std::string_view text("a\0b", 3);
  EXPECT_EQ(ToAbsl(text).size(), 3u);
  EXPECT_EQ(ToAbsl(text).data(), text.data());
}

}  // namespace
}  // namespace polygraph::internal
