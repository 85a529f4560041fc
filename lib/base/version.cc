#include "polygraph/version.h"

namespace polygraph {

std::string_view Version() { return POLYGRAPH_VERSION; }

}  // namespace polygraph
