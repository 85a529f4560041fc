#ifndef POLYGRAPH_GLOB_H_
#define POLYGRAPH_GLOB_H_

// IAM-style wildcard matching, as IAM applies it to actions, resources and
// the StringLike/ArnLike condition operators:
//   '*'  matches any run of characters, including none; it crosses ':' and
//        '/' (IAM has no path segments in matching);
//   '?'  matches exactly one character (one byte: IAM values are ASCII in
//        practice, and UTF-8 text is compared byte by byte);
//   everything else matches itself. There is no escape character, so a
//   literal '*' or '?' in the text is matched only by a wildcard or itself.
//
// Which case mode AWS uses where:
//   - Action ("s3:GetObject", "S3:get*"): case-insensitive, both the service
//     prefix and the action name -> GlobCase::kInsensitive.
//   - Resource ARNs and ArnLike: case-sensitive -> GlobCase::kSensitive
//     (see ArnMatches() in arn.h for the per-segment rules).
//   - Condition StringLike/StringNotLike: case-sensitive.
// Policy variables ("${aws:username}") are not expanded here; callers that
// resolve them must do so before matching.
//
//   GlobMatch("s3:Get*", "S3:GETOBJECT", GlobCase::kInsensitive)  // true
//
// Runs in O(|pattern| * |text|) time at worst and O(1) space, with no
// exponential backtracking, whatever the number of stars.
//
// Thread safety: free functions over their arguments; thread-safe.

#include <string_view>

namespace polygraph {

enum class GlobCase {
  kSensitive,    // bytes compare equal
  kInsensitive,  // ASCII letters compare equal ignoring case
};

// True when `pattern` matches all of `text`.
bool GlobMatch(std::string_view pattern, std::string_view text,
               GlobCase case_mode);

// True when `text` contains a wildcard ('*' or '?').
bool IsGlobPattern(std::string_view text);

}  // namespace polygraph

#endif  // POLYGRAPH_GLOB_H_
