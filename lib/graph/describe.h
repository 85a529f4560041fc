#ifndef POLYGRAPH_LIB_GRAPH_DESCRIBE_H_
#define POLYGRAPH_LIB_GRAPH_DESCRIBE_H_

// How model facts are named for people: a security-group rule's protocol and
// ports, a policy's kind. Shared by graph labels, graph JSON and rule
// messages so all say the same thing.

#include <string>
#include <string_view>

#include "polygraph/model.h"

namespace polygraph::graph::internal {

// "identity", "resource", "trust", "any".
std::string_view PolicyKindName(iam::PolicyKind kind);

// True for protocol "-1" (all traffic), also written "all" by some formats.
bool IsAllProtocols(const SecurityGroupRule& rule);

// True for TCP or UDP ("tcp"/"udp", or "6"/"17"): the protocols with ports.
bool HasPorts(const SecurityGroupRule& rule);

// The protocol's name: "tcp", "udp", "icmp", "icmpv6", "all" or the number.
std::string ProtocolName(const SecurityGroupRule& rule);

// The inclusive port range of a TCP/UDP rule; an absent bound (-1) widens to
// 0 or 65535. REQUIRES: HasPorts(rule).
int FirstPort(const SecurityGroupRule& rule);
int LastPort(const SecurityGroupRule& rule);

// "tcp 22", "tcp 1024-2048", "udp 0-65535", "tcp" (ports unknown), "icmp",
// "icmp type 8", "all traffic", "protocol 47", "protocol ?" (symbolic).
std::string DescribeTraffic(const SecurityGroupRule& rule);

}  // namespace polygraph::graph::internal

#endif  // POLYGRAPH_LIB_GRAPH_DESCRIBE_H_
