// Network: the public face of lib/net; the work is in network_build.cc
// (indexing) and reach.cc (questions).

#include <memory>
#include <utility>
#include <vector>

#include "net/internal.h"
#include "polygraph/reachability.h"

namespace polygraph::net {

struct Network::State : internal::NetworkState {};

std::string_view StepKindName(Step::Kind kind) {
  switch (kind) {
    case Step::Kind::kAddressing:
      return "addressing";
    case Step::Kind::kRoute:
      return "route";
    case Step::Kind::kNetworkAclOutbound:
      return "network-acl-outbound";
    case Step::Kind::kNetworkAclInbound:
      return "network-acl-inbound";
    case Step::Kind::kSecurityGroupEgress:
      return "security-group-egress";
    case Step::Kind::kSecurityGroupIngress:
      return "security-group-ingress";
    case Step::Kind::kNetworkAclReturn:
      return "network-acl-return";
  }
  return "unknown";
}

absl::StatusOr<Network> Network::Build(const Model& model,
                                       const ReachOptions& options) {
  auto state = std::make_unique<State>();
  internal::BuildState(model, options, *state);
  return Network(std::move(state));
}

Network::Network(std::unique_ptr<State> state) : state_(std::move(state)) {}
Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;
Network::~Network() = default;

const std::vector<Diagnostic>& Network::diagnostics() const {
  return state_->diagnostics;
}

ReachResult Network::Reach(const Endpoint& from, const Endpoint& to) const {
  return internal::ComputeReach(*state_, from, to);
}

std::vector<Exposure> Network::ExposedToInternet() const {
  return internal::ComputeExposures(*state_);
}

Explanation Network::Explain(const Endpoint& from, const Endpoint& to,
                             const Packet& packet) const {
  return internal::ComputeExplain(*state_, from, to, packet);
}

const Model& Network::model() const { return *state_->model; }

namespace internal {

const NetworkState& NetworkAccess::StateOf(const Network& network) {
  return *network.state_;
}

}  // namespace internal

}  // namespace polygraph::net
