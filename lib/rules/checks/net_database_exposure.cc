// PG-NET-006: a database reachable on its port from beyond the app tier:
// from the internet, or from a CIDR that is not inside its VPC.

#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/describe.h"
#include "polygraph/address_set.h"
#include "polygraph/cidr.h"
#include "polygraph/packet_set.h"
#include "polygraph/port_range.h"
#include "polygraph/reachability.h"
#include "rules/check_registry.h"
#include "rules/checks/checks.h"
#include "rules/checks/net_facts.h"
#include "rules/checks/terraform_fix.h"

namespace polygraph::rules::internal {
namespace {

namespace describe = ::polygraph::graph::internal;
namespace facts = net_facts;

// MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Redis, Redshift,
// Elasticsearch/OpenSearch.
constexpr std::array<int, 8> kDatabasePorts = {3306,  5432, 1433, 1521,
                                               27017, 6379, 5439, 9200};

ip::PacketSet TcpPort(int port) {
  return ip::PacketSet::Of(ip::ProtocolSet::Of({ip::Protocol::Tcp()}),
                           ip::AddressSet::All(), ip::AddressSet::All(),
                           ip::PortSet::Of(ip::PortRange::Single(port)));
}

bool InGroups(const Workload& workload, size_t group) {
  for (size_t g : workload.security_groups) {
    if (g == group) return true;
  }
  return false;
}

// Whether the ingress rule names `port` explicitly (a TCP range that holds
// it; all-traffic rules are PG-NET-001's and the audits' business).
bool NamesPort(const SecurityGroupRule& rule, int port) {
  if (describe::IsAllProtocols(rule) || describe::ProtocolName(rule) != "tcp" ||
      rule.from_port < 0) {
    return false;
  }
  return describe::FirstPort(rule) <= port && port <= describe::LastPort(rule);
}

// Whether the rule admits tcp `port` at all.
bool Admits(const SecurityGroupRule& rule, int port) {
  if (describe::IsAllProtocols(rule)) return true;
  if (describe::ProtocolName(rule) != "tcp") return false;
  if (rule.from_port < 0 && rule.to_port < 0) return false;  // symbolic
  return describe::FirstPort(rule) <= port && port <= describe::LastPort(rule);
}

// The database ports of the workload: a database's listeners; for an
// instance, network interface or ECS service, the well-known database ports
// one of its groups' ingress rules names.
std::vector<int> DatabasePorts(const Model& model, const Workload& workload) {
  std::set<int> ports;
  if (facts::IsDatabase(workload)) {
    for (const Listener& listener : workload.listeners) {
      if (listener.port > 0 && listener.protocol != "udp") {
        ports.insert(listener.port);
      }
    }
  } else if (workload.kind == WorkloadKind::kInstance ||
             workload.kind == WorkloadKind::kNetworkInterface ||
             workload.kind == WorkloadKind::kEcsService) {
    for (const SecurityGroupRule& rule : model.security_group_rules()) {
      if (!rule.ingress || !InGroups(workload, rule.group)) continue;
      for (int port : kDatabasePorts) {
        if (NamesPort(rule, port)) ports.insert(port);
      }
    }
  }
  return {ports.begin(), ports.end()};
}

// The security group ingress step of the flow that carries `packets`.
const net::Step* IngressStep(const net::ReachResult& reach,
                             const ip::PacketSet& packets) {
  for (const net::Flow& flow : reach.flows) {
    if (!flow.packets.Overlaps(packets)) continue;
    for (const net::Step& step : flow.steps) {
      if (step.kind == net::Step::Kind::kSecurityGroupIngress) return &step;
    }
  }
  return nullptr;
}

// The security group rule at `location` (its CIDR's or its own), or null.
const SecurityGroupRule* RuleAt(const Model& model,
                                const SourceLocation& location) {
  if (!location.known()) return nullptr;
  for (const SecurityGroupRule& rule : model.security_group_rules()) {
    if (rule.cidr_location == location || rule.location == location) {
      return &rule;
    }
  }
  return nullptr;
}

std::string Fix(const Model& model, size_t group, const std::string& source,
                int port) {
  const Resource* resource = facts::ResourceAt(model, group);
  if (resource != nullptr && IsTerraform(*resource)) {
    return absl::StrCat(
        "in ", resource->name, TerraformModuleNote(resource->name),
        ", replace the source ", source, " of tcp/", port,
        " with security_groups = [aws_security_group.<app>.id] (the "
        "application tier's group; referenced_security_group_id in an "
        "aws_vpc_security_group_ingress_rule), and keep the database in "
        "private subnets without a public address (publicly_accessible = "
        "false)");
  }
  return absl::StrCat(
      "in ", resource != nullptr ? resource->name : "the security group",
      ", replace the source ", source, " of tcp/", port,
      " with SourceSecurityGroupId: !GetAtt <AppSecurityGroup>.GroupId (the "
      "application tier's group), and keep the database in private subnets "
      "without a public address (PubliclyAccessible: false)");
}

}  // namespace

std::vector<Finding> CheckNetDatabaseExposure(const CheckContext& context,
                                              const RuleInfo& rule) {
  const Model& model = context.model();
  const net::Network& network = context.network();
  std::vector<Finding> findings;
  // One finding per (rule location, port): a cluster and the instances that
  // share its group are one exposure.
  std::set<std::pair<std::string, int>> seen;
  auto report = [&](const Workload& workload, int port, Severity severity,
                    SourceLocation location, size_t group, std::string from,
                    std::string source) {
    if (!location.known()) location = workload.location;
    if (!seen.emplace(location.ToString(), port).second) return;
    Finding finding = NewFinding(rule);
    if (severity > finding.severity) finding.severity = severity;
    finding.location = location;
    finding.resource = facts::NameAt(model, workload.resource);
    finding.message =
        absl::StrCat("database ", facts::DescribeWorkload(model, workload),
                     " is reachable on tcp/", port, " from ", from);
    finding.fix = Fix(model, group, source, port);
    findings.push_back(std::move(finding));
  };
  for (const Workload& workload : model.workloads()) {
    if (facts::IsClusterMember(model, workload)) continue;
    std::vector<int> ports = DatabasePorts(model, workload);
    if (ports.empty()) continue;
    net::ReachResult internet = network.Reach(
        net::Endpoint::Internet(), net::Endpoint::Resource(workload.resource));
    const size_t vpc = facts::WorkloadVpc(model, workload);
    const std::vector<ip::Cidr> blocks = facts::VpcBlocks(model, vpc);
    for (int port : ports) {
      const ip::PacketSet packets = TcpPort(port);
      if (internet.reachable.Overlaps(packets)) {
        const net::Step* step = IngressStep(internet, packets);
        const SecurityGroupRule* admitting =
            step != nullptr ? RuleAt(model, step->location) : nullptr;
        SourceLocation at = step != nullptr ? step->location : SourceLocation();
        if (admitting != nullptr && admitting->cidr_location.known()) {
          at = admitting->cidr_location;
        }
        report(workload, port, Severity::kCritical, at,
               step != nullptr ? step->resource : kNoResource,
               step != nullptr ? absl::StrCat("the internet (", step->rule, ")")
                               : std::string("the internet"),
               admitting != nullptr && !admitting->cidr.empty()
                   ? admitting->cidr
                   : std::string("that admits the internet"));
        continue;
      }
      // A CIDR peer outside the VPC's blocks (0.0.0.0/0, a range wider than
      // the VPC, another network): reached over peering, VPN or transit
      // gateway routes, which the analysis does not follow, so the group's
      // admission decides.
      for (const SecurityGroupRule& sg_rule : model.security_group_rules()) {
        if (!sg_rule.ingress || sg_rule.cidr.empty() ||
            !InGroups(workload, sg_rule.group) || !Admits(sg_rule, port)) {
          continue;
        }
        absl::StatusOr<ip::Cidr> cidr =
            ip::Cidr::Parse(sg_rule.cidr, {.normalize_host_bits = true});
        if (!cidr.ok() || blocks.empty() || facts::WithinAny(*cidr, blocks)) {
          continue;
        }
        const std::string why =
            cidr->prefix_length() == 0
                ? "any address"
                : (blocks.front().Overlaps(*cidr) ? "wider than its VPC"
                                                  : "outside its VPC");
        report(workload, port, Severity::kHigh,
               sg_rule.cidr_location.known() ? sg_rule.cidr_location
                                             : sg_rule.location,
               sg_rule.group, absl::StrCat(sg_rule.cidr, " (", why, ")"),
               sg_rule.cidr);
        break;
      }
    }
  }
  return findings;
}

}  // namespace polygraph::rules::internal
