// EscalationGraph: the edges found by the techniques
// (escalation_techniques.cc) and the searches over them (iam_escalation.h).

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "iam/escalation_internal.h"
#include "polygraph/iam_escalation.h"

namespace polygraph::iam {
namespace {

constexpr size_t kUnreached = std::numeric_limits<size_t>::max();
// Paths: the longest path considered beyond the shortest one, and the
// number of search steps, so a dense graph cannot make it run away.
constexpr size_t kExtraPathLength = 3;
constexpr size_t kMaxPathSteps = 200000;

bool IsSelfEscalation(const EscalationEdge& edge) {
  return edge.from == edge.to &&
         (edge.technique == EscalationTechnique::kPolicyWrite ||
          edge.technique == EscalationTechnique::kPolicyVersion);
}

}  // namespace

std::string_view EscalationTechniqueName(EscalationTechnique technique) {
  switch (technique) {
    case EscalationTechnique::kAssumeRole:
      return "assume-role";
    case EscalationTechnique::kPassRole:
      return "pass-role";
    case EscalationTechnique::kCredentials:
      return "credentials";
    case EscalationTechnique::kPolicyWrite:
      return "policy-write";
    case EscalationTechnique::kPolicyVersion:
      return "policy-version";
    case EscalationTechnique::kTrustUpdate:
      return "trust-update";
  }
  return "assume-role";
}

absl::StatusOr<EscalationGraph> EscalationGraph::Build(
    const Account& account,
    const std::vector<EffectivePermissions>& permissions) {
  EscalationGraph graph;
  absl::Status status =
      internal::FindEscalationEdges(account, permissions, &graph.edges_);
  if (!status.ok()) return status;
  // Sorted by (from, to, technique, service): an index permutation, so
  // each edge moves once.
  std::vector<EscalationEdge> found = std::move(graph.edges_);
  std::vector<size_t> order(found.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const EscalationEdge& x = found[a];
    const EscalationEdge& y = found[b];
    return std::tie(x.from, x.to, x.technique, x.service) <
           std::tie(y.from, y.to, y.technique, y.service);
  });
  graph.edges_.clear();
  graph.edges_.reserve(found.size());
  for (size_t i : order) graph.edges_.push_back(std::move(found[i]));
  const size_t n = account.principals.size();
  graph.out_.resize(n);
  graph.in_.resize(n);
  graph.admin_.assign(n, false);
  for (size_t i = 0; i < graph.edges_.size(); ++i) {
    graph.out_[graph.edges_[i].from].push_back(i);
    graph.in_[graph.edges_[i].to].push_back(i);
  }
  for (const EffectivePermissions& p : permissions) {
    if (p.principal < n && p.admin) graph.admin_[p.principal] = true;
  }
  return graph;
}

const std::vector<size_t>& EscalationGraph::out_edges(size_t principal) const {
  static const std::vector<size_t>* const kNone = new std::vector<size_t>();
  return principal < out_.size() ? out_[principal] : *kNone;
}

const std::vector<size_t>& EscalationGraph::in_edges(size_t principal) const {
  static const std::vector<size_t>* const kNone = new std::vector<size_t>();
  return principal < in_.size() ? in_[principal] : *kNone;
}

std::vector<size_t> EscalationGraph::WhoCanReach(size_t target) const {
  std::vector<size_t> out;
  if (target >= in_.size()) return out;
  std::vector<bool> seen(in_.size(), false);
  std::vector<size_t> queue = {target};
  seen[target] = true;
  for (size_t head = 0; head < queue.size(); ++head) {
    for (size_t e : in_[queue[head]]) {
      size_t from = edges_[e].from;
      if (seen[from]) continue;
      seen[from] = true;
      queue.push_back(from);
      out.push_back(from);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::vector<size_t>> EscalationGraph::Paths(
    size_t from, size_t to, size_t max_paths) const {
  std::vector<std::vector<size_t>> paths;
  const size_t n = out_.size();
  if (from >= n || to >= n || from == to || max_paths == 0) return paths;
  // Distance of every principal to `to`, by reverse BFS: the search below
  // follows only edges that can still reach `to` within the length left.
  std::vector<size_t> dist(n, kUnreached);
  std::vector<size_t> queue = {to};
  dist[to] = 0;
  for (size_t head = 0; head < queue.size(); ++head) {
    for (size_t e : in_[queue[head]]) {
      size_t prev = edges_[e].from;
      if (dist[prev] != kUnreached) continue;
      dist[prev] = dist[queue[head]] + 1;
      queue.push_back(prev);
    }
  }
  if (dist[from] == kUnreached) return paths;
  // Simple paths of each length in turn (shortest first), by a depth-first
  // search bounded by the distances.
  const size_t longest = std::min(n - 1, dist[from] + kExtraPathLength);
  size_t steps = 0;
  std::vector<size_t> path;
  std::vector<bool> on_path(n, false);
  for (size_t length = dist[from]; length <= longest; ++length) {
    // Returns false to stop the whole search.
    auto search = [&](auto&& self, size_t node) -> bool {
      if (path.size() == length) {
        if (node == to) paths.push_back(path);
        return paths.size() < max_paths;
      }
      for (size_t e : out_[node]) {
        if (++steps > kMaxPathSteps) return false;
        size_t next = edges_[e].to;
        if (on_path[next] || dist[next] == kUnreached ||
            dist[next] > length - path.size() - 1) {
          continue;
        }
        if (next == to && path.size() + 1 != length) continue;
        path.push_back(e);
        on_path[next] = true;
        bool go_on = self(self, next);
        on_path[next] = false;
        path.pop_back();
        if (!go_on) return false;
      }
      return true;
    };
    on_path[from] = true;
    bool go_on = search(search, from);
    on_path[from] = false;
    if (!go_on) break;
  }
  return paths;
}

namespace {

// Edges along which P comes to act as Q. Policy-write and policy-version
// edges instead let P change what Q may do: P gains from that only when it
// can also act as Q.
bool ActsAs(const EscalationEdge& edge) {
  return edge.technique != EscalationTechnique::kPolicyWrite &&
         edge.technique != EscalationTechnique::kPolicyVersion;
}

}  // namespace

std::vector<size_t> EscalationGraph::ActAsPath(size_t from, size_t to) const {
  // Breadth-first over act-as edges; {} when from == to or unreachable.
  const size_t n = out_.size();
  if (from == to) return {};
  std::vector<size_t> via(n, kUnreached);
  std::vector<bool> seen(n, false);
  seen[from] = true;
  std::vector<size_t> frontier = {from};
  while (!frontier.empty() && !seen[to]) {
    std::vector<size_t> following;
    for (size_t v : frontier) {
      for (size_t e : out_[v]) {
        if (!ActsAs(edges_[e])) continue;
        size_t w = edges_[e].to;
        if (seen[w]) continue;
        seen[w] = true;
        via[w] = e;
        following.push_back(w);
      }
    }
    frontier = std::move(following);
  }
  std::vector<size_t> path;
  if (!seen[to]) return path;
  for (size_t at = to; at != from; at = edges_[via[at]].from) {
    path.push_back(via[at]);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::vector<bool> EscalationGraph::ReachersOverActAs(size_t target) const {
  std::vector<bool> seen(out_.size(), false);
  seen[target] = true;
  std::vector<size_t> frontier = {target};
  while (!frontier.empty()) {
    std::vector<size_t> following;
    for (size_t v : frontier) {
      for (size_t e : in_[v]) {
        if (!ActsAs(edges_[e])) continue;
        size_t u = edges_[e].from;
        if (seen[u]) continue;
        seen[u] = true;
        following.push_back(u);
      }
    }
    frontier = std::move(following);
  }
  return seen;
}

std::vector<AdminReach> EscalationGraph::AdminReaches() const {
  const size_t n = out_.size();
  // P becomes an administrator when, acting as principals it reaches over
  // act-as edges (itself included), it reaches an administrator, or one of
  // them may rewrite the policies of a principal P can act as (itself
  // included). Found by breadth-first searches backwards over act-as
  // edges: first from the administrators and from every principal with a
  // rewrite edge onto itself; then, for each remaining rewrite edge R → T,
  // the principals that reach both R and T.
  std::vector<size_t> dist(n, kUnreached), next(n, kUnreached),
      admin_of(n, kUnreached);
  std::vector<size_t> frontier;
  for (size_t v = 0; v < n; ++v) {
    if (admin_[v]) {
      dist[v] = 0;
      admin_of[v] = v;
      frontier.push_back(v);
    }
  }
  std::vector<size_t> self_edge(n, kUnreached);
  for (size_t e = 0; e < edges_.size(); ++e) {
    if (IsSelfEscalation(edges_[e]) &&
        self_edge[edges_[e].from] == kUnreached) {
      self_edge[edges_[e].from] = e;
    }
  }
  for (size_t d = 0; d == 0 || !frontier.empty(); ++d) {
    std::vector<size_t> following;
    if (d == 0) {
      for (size_t v = 0; v < n; ++v) {
        if (dist[v] == kUnreached && self_edge[v] != kUnreached) {
          dist[v] = 1;
          next[v] = self_edge[v];
          admin_of[v] = v;
          following.push_back(v);
        }
      }
    }
    for (size_t v : frontier) {
      for (size_t e : in_[v]) {
        if (!ActsAs(edges_[e])) continue;
        size_t u = edges_[e].from;
        if (dist[u] != kUnreached) continue;
        dist[u] = d + 1;
        next[u] = e;
        admin_of[u] = admin_of[v];
        following.push_back(u);
      }
    }
    frontier = std::move(following);
  }
  std::vector<AdminReach> out;
  std::vector<bool> reported(n, false);
  for (size_t v = 0; v < n; ++v) {
    if (admin_[v] || dist[v] == kUnreached) continue;
    AdminReach reach;
    reach.principal = v;
    reach.admin = admin_of[v];
    size_t at = v;
    for (size_t step = 0; step < dist[v]; ++step) {
      size_t e = next[at];
      reach.edge_path.push_back(e);
      at = edges_[e].to;
    }
    reported[v] = true;
    out.push_back(std::move(reach));
  }
  // Rewrite edges R → T between different principals, neither an
  // administrator (an administrator's reachers are found above): whoever
  // can act as R and as T makes T an administrator and acts as it. At most
  // kMaxRewriteEdges such edges are examined, each with two backward
  // searches.
  constexpr size_t kMaxRewriteEdges = 1000;
  size_t examined = 0;
  for (size_t e = 0; e < edges_.size() && examined < kMaxRewriteEdges; ++e) {
    const EscalationEdge& rewrite = edges_[e];
    if (ActsAs(rewrite) || rewrite.from == rewrite.to || admin_[rewrite.from] ||
        admin_[rewrite.to]) {
      continue;
    }
    ++examined;
    std::vector<bool> reach_writer = ReachersOverActAs(rewrite.from);
    std::vector<bool> reach_target = ReachersOverActAs(rewrite.to);
    for (size_t p = 0; p < n; ++p) {
      if (admin_[p] || reported[p] || !reach_writer[p] || !reach_target[p]) {
        continue;
      }
      AdminReach reach;
      reach.principal = p;
      reach.admin = rewrite.to;
      reach.edge_path = ActAsPath(p, rewrite.from);
      reach.edge_path.push_back(e);
      std::vector<size_t> to_target = ActAsPath(p, rewrite.to);
      reach.edge_path.insert(reach.edge_path.end(), to_target.begin(),
                             to_target.end());
      reported[p] = true;
      out.push_back(std::move(reach));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const AdminReach& a, const AdminReach& b) {
              return a.principal < b.principal;
            });
  return out;
}

}  // namespace polygraph::iam
