#ifndef POLYGRAPH_TESTS_INGEST_AWS_API_TESTING_H_
#define POLYGRAPH_TESTS_INGEST_AWS_API_TESTING_H_

// Helpers for the AWS snapshot front-end tests: write small snapshot files
// to a scratch folder and load it as polygraph::LoadPaths does.

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "ingest/load_paths.h"
#include "polygraph/model.h"
#include "tests/ingest/ingest_testing.h"

namespace polygraph::ingest::testing {

// (file name, JSON text) pairs.
using SnapshotFiles = std::vector<std::pair<std::string, std::string>>;

// The scratch folder of the running test.
inline std::string SnapshotFolder() {
  const ::testing::TestInfo* info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  return ::testing::TempDir() + "polygraph_aws_api_" + info->test_suite_name() +
         "_" + info->name();
}

// Writes `files` into SnapshotFolder() and loads the folder. A file name may
// hold folders ("s3/logs/acl.json"). Locations name SnapshotFolder() + "/" +
// the file name.
inline absl::StatusOr<Imported> LoadSnapshot(const SnapshotFiles& files) {
  const std::string root = SnapshotFolder();
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  for (const auto& [name, text] : files) {
    const std::filesystem::path path = std::filesystem::path(root) / name;
    std::filesystem::create_directories(path.parent_path());  // "s3/<bucket>/"
    std::ofstream(path) << text;
  }
  absl::StatusOr<LoadResult> result =
      ::polygraph::ingest::LoadPaths({root}, LoadOptions{});
  std::filesystem::remove_all(root);
  if (!result.ok()) return result.status();
  return Imported{std::move(result->model), std::move(result->diagnostics)};
}

// Loads a corpus folder (tests/testing.h CorpusPath) with LoadPaths.
inline absl::StatusOr<Imported> LoadCorpusSnapshot(const std::string& folder) {
  absl::StatusOr<LoadResult> result = ::polygraph::ingest::LoadPaths(
      {::polygraph::testing::CorpusPath(folder)}, LoadOptions{});
  if (!result.ok()) return result.status();
  return Imported{std::move(result->model), std::move(result->diagnostics)};
}

// The first element of `items` whose `resource` is `index`, or nullptr.
template <typename T>
const T* FacetOf(const std::vector<T>& items, size_t index) {
  for (const T& item : items) {
    if (item.resource == index) return &item;
  }
  return nullptr;
}

}  // namespace polygraph::ingest::testing

#endif  // POLYGRAPH_TESTS_INGEST_AWS_API_TESTING_H_
