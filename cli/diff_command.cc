// polygraph diff BASE_DIR HEAD_DIR | polygraph diff HEAD_DIR --base-ref REF

#include "commands.h"

namespace polygraph::cli {

int RunDiff(const Args& args) {
  (void)args;
  return ReportError("diff: not built yet");
}

}  // namespace polygraph::cli
