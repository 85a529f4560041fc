#ifndef POLYGRAPH_DIAGNOSTIC_H_
#define POLYGRAPH_DIAGNOSTIC_H_

// Diagnostic: something polygraph has to say about its input that is not a
// rule finding: a file it did not analyse, a value it kept symbolic, a
// construct it does not support yet. Errors that stop a load are Statuses
// (see source_location.h: InputError); diagnostics are data returned with OK.
//
// Thread safety: plain value type; thread-compatible.

#include <string>
#include <string_view>

#include "polygraph/source_location.h"

namespace polygraph {

struct Diagnostic {
  enum class Level { kNote, kWarning, kError };

  Level level = Level::kNote;
  // Stable identifier, e.g. "not-analysed", "symbolic-value".
  std::string code;
  SourceLocation location;
  std::string message;

  // "file:line:col: note: message [code]"
  std::string ToString() const;
  static std::string_view LevelName(Level level);
};

}  // namespace polygraph

#endif  // POLYGRAPH_DIAGNOSTIC_H_
