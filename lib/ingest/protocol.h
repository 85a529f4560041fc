#ifndef POLYGRAPH_LIB_INGEST_PROTOCOL_H_
#define POLYGRAPH_LIB_INGEST_PROTOCOL_H_

// The one normalization of an IP protocol as the front-ends read it (a
// security group's IpProtocol, an ACL entry's Protocol, a snapshot's
// IpProtocol) into the model's form (network_model.h).
//
// Thread safety: a pure function; thread-safe.

#include <optional>
#include <string>

#include "polygraph/value.h"

namespace polygraph::ingest {

// A string or number, in any case: "tcp"/"6" -> "tcp", "udp"/"17" -> "udp",
// "icmp"/"1" -> "icmp", "icmpv6"/"58" -> "icmpv6", "-1"/"all" -> "-1",
// another number 0..255 -> its decimal text; anything else -> nullopt.
std::optional<std::string> NormalizeProtocol(const Value& value);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_PROTOCOL_H_
