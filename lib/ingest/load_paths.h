#ifndef POLYGRAPH_LIB_INGEST_LOAD_PATHS_H_
#define POLYGRAPH_LIB_INGEST_LOAD_PATHS_H_

// The loader behind polygraph::LoadPaths (loader.h): walks files and
// folders, detects each file's format and runs its front-end. It lives in
// the ingest module so that module's tests exercise it; lib/api/loader.cc
// forwards the public function here.
//
// Thread safety: thread-safe (no shared state).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/loader.h"

namespace polygraph::ingest {

// As polygraph::LoadPaths. Folders are walked in byte order of their entry
// names; each entry's path is the folder's path as given, "/", and the entry
// name. A file reached twice (named
// and found in a folder) is read once. Symbolic links to folders are not
// followed (a note says so). AWS snapshot files (aws_api/aws_api.h) are
// imported after the walk, one snapshot per folder (AwsSnapshotFolder: the
// section sub-folders iam/, s3/<bucket>/, ... join the folder above), so that
// ids resolve across the files of a folder. A per-bucket S3 file
// (IsAwsSnapshotPath) is a snapshot file whatever its content. Notes:
// "not-analysed" for every file of no supported format, with the reason,
// plus the front-ends' notes.
absl::StatusOr<LoadResult> LoadPaths(const std::vector<std::string>& paths,
                                     const LoadOptions& options);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_LOAD_PATHS_H_
