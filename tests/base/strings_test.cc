#include "base/strings.h"

#include <string>
#include <string_view>
#include <vector>

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

TEST(StringsTest, JoinFirstNamesHowManyMore) {
  EXPECT_EQ(JoinFirst({"a", "b", "c"}, 2), "a, b and 1 more");
  EXPECT_EQ(JoinFirst({"a", "b"}, 2), "a, b");
  EXPECT_EQ(JoinFirst({"a"}, 5), "a");
  EXPECT_EQ(JoinFirst({}, 5), "");
  EXPECT_EQ(JoinFirst({"a", "b"}, 0), " and 2 more");
}

TEST(StringsTest, ToAbslKeepsBytes) {
  const std::string_view text("a\0b", 3);
  EXPECT_EQ(ToAbsl(text).size(), 3u);
  EXPECT_EQ(ToAbsl(text).data(), text.data());
}

TEST(StringsTest, SplitCommaListTrimsItemsAndRejectsEmptyOnes) {
  std::vector<std::string_view> items;
  ASSERT_TRUE(SplitCommaList(" 10.0.0.0/8 ,\t::/0 ", items));
  EXPECT_EQ(items, (std::vector<std::string_view>{"10.0.0.0/8", "::/0"}));
  ASSERT_TRUE(SplitCommaList("  ", items));
  EXPECT_TRUE(items.empty());
  EXPECT_FALSE(SplitCommaList("a,,b", items));
  EXPECT_FALSE(SplitCommaList("a,", items));
  EXPECT_FALSE(SplitCommaList(",a", items));
}

TEST(StringsTest, FirstInvalidUtf8FindsTheOffendingByte) {
  EXPECT_EQ(FirstInvalidUtf8("plain ascii"), std::nullopt);
  EXPECT_EQ(FirstInvalidUtf8("caf\xC3\xA9 \xF0\x9F\x98\x80"), std::nullopt);
  EXPECT_EQ(FirstInvalidUtf8("ab\xFF"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("\xED\xA0\x80"), 0u);  // a surrogate
  EXPECT_EQ(FirstInvalidUtf8("x\xE2\x82"), 1u);     // truncated
}

TEST(SkipAddressIndexTest, SkipsQuotedKeysWithBrackets) {
  constexpr std::string_view kAddress =
      "module.a[\"k]\\\"\"].aws_s3_bucket.this[0]";
  const size_t open = kAddress.find('[');
  const size_t past = SkipAddressIndex(kAddress, open);
  ASSERT_NE(past, std::string_view::npos);
  EXPECT_EQ(kAddress.substr(past), ".aws_s3_bucket.this[0]");
  EXPECT_EQ(SkipAddressIndex("a[0", 1), std::string_view::npos);
  EXPECT_EQ(SkipAddressIndex("x[\"]", 1), std::string_view::npos);
}

}  // namespace
}  // namespace polygraph::internal
