#ifndef POLYGRAPH_TESTS_TESTING_H_
#define POLYGRAPH_TESTS_TESTING_H_

// Shared test helpers: status matchers and ASSERT_OK_AND_ASSIGN.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/source_location.h"

namespace polygraph::testing {

inline const absl::Status& GetStatus(const absl::Status& status) {
  return status;
}
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

// Path of a file in the project tree, e.g. SourcePath("examples/seed").
inline std::string SourcePath(const std::string& relative) {
  return std::string(POLYGRAPH_SOURCE_DIR) + "/" + relative;
}
// Path of a file in the shared public corpus (never copied into the project).
inline std::string CorpusPath(const std::string& relative) {
  return std::string(POLYGRAPH_CORPUS_DIR) + "/" + relative;
}

// The location of a failed result as "line:col"; "ok" when it succeeded and
// "no location" when the error carries none.
template <typename T>
std::string ErrorAt(const absl::StatusOr<T>& result) {
  if (result.ok()) return "ok";
  std::optional<SourceLocation> location = ErrorLocation(result.status());
  if (!location.has_value()) return "no location";
  return std::to_string(location->line) + ":" +
         std::to_string(location->column);
}

MATCHER(IsOk, "is OK") { return GetStatus(arg).ok(); }

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  return GetStatus(arg).code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& status = GetStatus(arg);
  return status.code() == code &&
         ::testing::ExplainMatchResult(
             message_matcher, std::string(status.message()), result_listener);
}

}  // namespace polygraph::testing

#define POLYGRAPH_CONCAT_INNER_(a, b) a##b
#define POLYGRAPH_CONCAT_(a, b) POLYGRAPH_CONCAT_INNER_(a, b)
#define ASSERT_OK(expr) \
  ASSERT_TRUE((expr).ok()) << ::polygraph::testing::GetStatus(expr)
#define EXPECT_OK(expr) \
  EXPECT_TRUE((expr).ok()) << ::polygraph::testing::GetStatus(expr)
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr)                                   \
  ASSERT_OK_AND_ASSIGN_IMPL_(POLYGRAPH_CONCAT_(status_or_, __LINE__), lhs, \
                             rexpr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                               \
  ASSERT_TRUE(tmp.ok()) << tmp.status();            \
  lhs = std::move(tmp).value()

#endif  // POLYGRAPH_TESTS_TESTING_H_
