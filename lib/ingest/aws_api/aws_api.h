#ifndef POLYGRAPH_LIB_INGEST_AWS_API_AWS_API_H_
#define POLYGRAPH_LIB_INGEST_AWS_API_AWS_API_H_

// The AWS account snapshot front-end: the JSON that `aws ec2 describe-vpcs`,
// `describe-subnets`, `describe-route-tables`, `describe-security-groups`,
// `describe-network-acls`, `describe-network-interfaces`,
// `describe-instances`, `describe-internet-gateways`,
// `describe-nat-gateways`, `describe-vpc-endpoints`,
// `describe-managed-prefix-lists` (and `describe-prefix-lists`),
// `elbv2 describe-load-balancers` and `describe-listeners` print, one file
// per call, recognised by its top-level key ("Vpcs", "Subnets", ...). All the
// snapshot files of one folder form one account snapshot, so ids
// (vpc-..., subnet-..., sg-..., igw-..., rtb-...) resolve across its files.
//
//   std::vector<AwsSnapshotFile> files = ...;  // parsed, one per file
//   absl::Status status = ImportAwsSnapshot(files, builder, diagnostics);
//
// What is added (format SourceFormat::kAwsSnapshot):
// - One Resource per AWS object, named by its id (a load balancer by its
//   LoadBalancerName), typed as CloudFormation spells it
//   ("AWS::EC2::SecurityGroup"), located at the object, with the object as
//   its properties. Instances are Reservations[].Instances[] entries.
// - The network facets (network_model.h). A reference to an id that no file
//   of the snapshot declares leaves the index kNoResource; every `*_id`
//   field holds the AWS id whether or not it resolved.
// - VPC and subnet CIDR blocks as NetworkBlocks (disassociated blocks are
//   skipped).
// - Security group rules, one per peer (IpRanges, Ipv6Ranges,
//   UserIdGroupPairs, PrefixListIds entry). The egress rule "all traffic to
//   0.0.0.0/0" sets SecurityGroup::default_egress and is marked
//   implicit_default (a snapshot cannot tell AWS's default rule from the same
//   rule written by hand); its location stays the rule's.
// - Network ACL entries without the AWS-added rule 32767 ("*") entries: the
//   model's "no match is a deny" already is that rule.
// - Workloads: instances (not terminated ones), load balancers (with their
//   listeners when a listeners file is present), interface VPC endpoints,
//   and network interfaces that nothing else covers (not attached to an
//   instance, not a NAT gateway's, an endpoint's or a load balancer's).
// Notes: "not-analysed" for each recognised top-level key that is not read
// (AvailabilityZones, TargetGroups, ...).
// Errors (InputError at the value; `builder` may then hold part of the
// snapshot, so a caller abandons it): an object that is not an object or
// lacks its id, an id declared twice, a value of the wrong type, a CIDR that
// does not parse, an unknown protocol, a port out of range or FromPort above
// ToPort for tcp/udp, a RuleNumber outside 1..32767, a RuleAction other than
// allow/deny.
//
// Thread safety: stateless; thread-compatible on the builder it fills.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// One parsed snapshot file. Locations come from the Value tree.
struct AwsSnapshotFile {
  std::string path;
  Value document;
};

// True when `document` is an object with a top-level describe key (see the
// file comment) whose value is an array.
bool IsAwsSnapshotDocument(const Value& document);

// Adds the account snapshot made of `files` to `builder`. The files need not
// be in any order.
absl::Status ImportAwsSnapshot(const std::vector<AwsSnapshotFile>& files,
                               ModelBuilder& builder,
                               std::vector<Diagnostic>& diagnostics);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_AWS_API_AWS_API_H_
