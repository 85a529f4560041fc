#ifndef POLYGRAPH_FINDING_H_
#define POLYGRAPH_FINDING_H_

// Finding: one rule violated at one place, with the evidence and the fix.
//
// Thread safety: plain value type; thread-compatible.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/source_location.h"

namespace polygraph {

// Ordered: a threshold compares with <, >=.
enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };

// "info", "low", "medium", "high", "critical".
std::string_view SeverityName(Severity severity);
// Parses the names above (case-insensitive); nullopt otherwise.
std::optional<Severity> ParseSeverity(std::string_view name);

struct Finding {
  std::string rule_id;  // e.g. "PG-S3-001"
  Severity severity = Severity::kMedium;
  std::string title;  // the rule's title
  SourceLocation
      location;  // the offending value, or the resource if the value is absent
  std::string resource;  // name of the resource at fault, e.g. "AssetsBucket"
  std::string message;   // names the offending value, e.g. "ingress tcp 22 from
                         // 0.0.0.0/0"
  std::string fix;       // what to change, specific to this finding

  friend bool operator==(const Finding&, const Finding&) = default;
};

// A finding's stable identity, for baselines, SARIF partialFingerprints and
// diffs: 16 lowercase hex digits of a 64-bit FNV-1a hash over the rule id,
// the file, the resource and the message, with every ":N" or ":N:M" (a line
// and column the message quotes) removed. The finding's own line and column
// are not part of it, so it survives lines inserted above the finding. The
// file is used as given: callers comparing two trees make it relative first.
std::string Fingerprint(const Finding& finding);

// Fingerprint() of each finding, in order; the k-th (k >= 1) later finding
// with the same fingerprint gets ":k" appended, so equal findings in one file
// stay distinct and a baseline can count them.
std::vector<std::string> Fingerprints(const std::vector<Finding>& findings);

}  // namespace polygraph

#endif  // POLYGRAPH_FINDING_H_
