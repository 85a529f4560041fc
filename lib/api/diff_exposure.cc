// The network and storage parts of Diff's delta: new flows (DiffReach) and
// buckets whose anonymous or outsider access became effective.

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "api/diff_internal.h"
#include "base/strings.h"
#include "polygraph/reach_diff.h"
#include "polygraph/reachability.h"
#include "polygraph/storage_exposure.h"

namespace polygraph::diff_internal {
namespace {

// "tcp 22; udp 53", "tcp (all ports)", "all traffic": protocols and ports
// only (the sources are the question's).
std::string DescribePackets(const ip::PacketSet& packets) {
  std::vector<std::string> parts;
  std::set<std::string> seen;
  for (const ip::PacketSet::Box& box : packets.boxes()) {
    std::string part;
    if (box.protocols.is_all()) {
      part = "all traffic";
    } else if (box.ports.is_all()) {
      part = absl::StrCat(box.protocols.ToString(), " (all ports)");
    } else {
      part = absl::StrCat(box.protocols.ToString(), " ", box.ports.ToString());
    }
    if (seen.insert(part).second) parts.push_back(std::move(part));
  }
  return absl::StrJoin(parts, "; ");
}

// The security-group ingress step that admitted the first new flow, when
// there is one: the line a reviewer should look at.
const net::Step* AdmittingStep(const net::FlowChange& change) {
  for (const net::Flow& flow : change.added_flows) {
    for (const net::Step& step : flow.steps) {
      if (step.kind == net::Step::Kind::kSecurityGroupIngress &&
          step.location.known()) {
        return &step;
      }
    }
  }
  return nullptr;
}

std::string WorkloadName(const Model& model, size_t workload) {
  size_t resource = model.workloads()[workload].resource;
  return resource < model.resources().size() ? model.resources()[resource].name
                                             : "";
}

}  // namespace

absl::StatusOr<std::vector<DeltaItem>> ReachDelta(const Model& base,
                                                  const Model& head) {
  absl::StatusOr<net::Network> before = net::Network::Build(base);
  if (!before.ok()) return before.status();
  absl::StatusOr<net::Network> after = net::Network::Build(head);
  if (!after.ok()) return after.status();
  std::set<std::string> exposed_before;
  for (const net::Exposure& exposure : before->ExposedToInternet()) {
    exposed_before.insert(WorkloadName(base, exposure.workload));
  }

  std::vector<DeltaItem> items;
  net::ReachDiff diff = net::DiffReach(*before, *after);
  for (const net::FlowChange& change : diff.changes) {
    if (change.added.empty()) continue;
    size_t resource = FindResourceByName(head, change.destination);
    std::string subject = DescribeResource(head, resource);
    if (subject.empty()) subject = change.destination;
    DeltaItem item{.kind = DeltaItem::Kind::kReachability,
                   .resource = change.destination,
                   .location = resource < head.resources().size()
                                   ? head.resources()[resource].location
                                   : SourceLocation{},
                   .description = ""};
    std::string admitted;
    if (const net::Step* step = AdmittingStep(change)) {
      item.location = step->location;
      std::string group = step->resource < head.resources().size()
                              ? head.resources()[step->resource].name
                              : "";
      admitted = absl::StrCat(", admitted by ", group.empty() ? "" : group,
                              group.empty() ? "" : " ", step->rule);
    }
    std::string packets = DescribePackets(change.added);
    if (change.source.empty()) {
      item.kind = DeltaItem::Kind::kExposure;
      item.description =
          exposed_before.contains(change.destination)
              ? absl::StrCat(subject,
                             " is now also reachable from the internet: ",
                             packets, admitted)
              : absl::StrCat(subject,
                             " is newly reachable from the internet: ", packets,
                             admitted);
    } else {
      item.description = absl::StrCat(subject, " is newly reachable from ",
                                      change.source, ": ", packets, admitted);
    }
    items.push_back(std::move(item));
  }
  return items;
}

absl::StatusOr<std::vector<DeltaItem>> BucketDelta(const Model& base,
                                                   const Model& head) {
  storage::ExposureOptions options;
  options.continue_on_policy_error = true;
  absl::StatusOr<std::vector<storage::BucketExposure>> before =
      storage::AnalyseBucketExposure(base, options);
  if (!before.ok()) return before.status();
  absl::StatusOr<std::vector<storage::BucketExposure>> after =
      storage::AnalyseBucketExposure(head, options);
  if (!after.ok()) return after.status();
  auto name_of = [](const Model& model, const storage::BucketExposure& e) {
    size_t resource = model.buckets()[e.bucket].resource;
    return resource < model.resources().size()
               ? model.resources()[resource].name
               : std::string();
  };
  std::map<std::string, const storage::BucketExposure*> old;
  for (const storage::BucketExposure& exposure : *before) {
    old.emplace(name_of(base, exposure), &exposure);
  }

  constexpr storage::Audience kAudiences[] = {
      storage::Audience::kAnonymous, storage::Audience::kAuthenticatedOutsider};
  constexpr storage::Access kAccesses[] = {
      storage::Access::kReadObjects, storage::Access::kWriteObjects,
      storage::Access::kList, storage::Access::kChangePermissions};
  std::vector<DeltaItem> items;
  for (const storage::BucketExposure& exposure : *after) {
    std::string name = name_of(head, exposure);
    auto found = old.find(name);
    const storage::BucketExposure* previous =
        found == old.end() ? nullptr : found->second;
    std::vector<std::string> added;
    SourceLocation location;
    for (storage::Audience audience : kAudiences) {
      for (storage::Access access : kAccesses) {
        const storage::AccessResult& now = exposure.Get(audience, access);
        if (!now.effective()) continue;
        if (previous != nullptr && previous->Get(audience, access).effective())
          continue;
        added.push_back(
            absl::StrCat(internal::ToAbsl(storage::AudienceName(audience)), " ",
                         internal::ToAbsl(storage::AccessName(access))));
        for (const storage::Grant& grant : now.grants) {
          if (grant.blocked_by.empty() && !location.known()) {
            location = grant.location;
          }
        }
      }
    }
    if (added.empty()) continue;
    size_t resource = head.buckets()[exposure.bucket].resource;
    if (!location.known() && resource < head.resources().size()) {
      location = head.resources()[resource].location;
    }
    bool was_public = false;
    for (storage::Audience audience : kAudiences) {
      for (storage::Access access : kAccesses) {
        if (previous != nullptr && previous->Get(audience, access).effective())
          was_public = true;
      }
    }
    items.push_back(
        {.kind = DeltaItem::Kind::kExposure,
         .resource = name,
         .location = location,
         .description = absl::StrCat(
             "bucket ", name,
             was_public ? " is public for more: " : " is newly public: ",
             absl::StrJoin(added, ", "))});
  }
  return items;
}

}  // namespace polygraph::diff_internal
