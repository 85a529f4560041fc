#ifndef POLYGRAPH_VERSION_H_
#define POLYGRAPH_VERSION_H_

// Thread safety: pure functions; thread-safe.

#include <string_view>

namespace polygraph {

// The library version, e.g. "0.1.0".
std::string_view Version();

}  // namespace polygraph

#endif  // POLYGRAPH_VERSION_H_
