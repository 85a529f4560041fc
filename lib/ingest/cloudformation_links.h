#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_LINKS_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_LINKS_H_

// Reading properties that name another resource (VpcId, SubnetId,
// SecurityGroupIds...) for the network facets (cloudformation_topology.cc,
// cloudformation_workloads.cc).
//
// Thread safety: thread-compatible (notes go to the context).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ingest/cloudformation_context.h"
#include "polygraph/model.h"

namespace polygraph::ingest {

// A resource named by a property: the declared resource's index, or, when it
// is not declared in the template, its id as written (a literal, a
// parameter's Default) or the rendering of the expression ("${SubnetParam}").
struct Link {
  size_t index = kNoResource;
  std::string id;
};

// Reads the link `value` of property `key`. A symbolic value is noted
// (saying `consequence`) and rendered into `id`.
Link ReadLink(TemplateContext& context, std::string_view key,
              const Value& value, std::string_view consequence);

// Calls `visit` on each link of the list property `key` whose value is
// `list`: the entries of an array, of both branches of an Fn::If (either may
// apply), none for AWS::NoValue; any other expression is one link (e.g. a Ref
// to a List<AWS::EC2::Subnet::Id> parameter, rendered).
void ForEachLink(TemplateContext& context, std::string_view key,
                 const Value& list, const std::function<void(Link)>& visit);

// Reads the list property `key` of `holder` (absent: nothing) into declared
// indices and undeclared ids, as ForEachLink does. Never fails today; a
// Status keeps the callers uniform.
absl::Status ReadLinks(TemplateContext& context, const Value& holder,
                       std::string_view key, std::vector<size_t>& indices,
                       std::vector<std::string>& ids);

// The declared CloudFormation type of model index `index` ("" if none).
std::string_view TypeOf(const TemplateContext& context, size_t index);

// The declaration whose model index is `index`, or nullptr.
const Declaration* DeclarationOf(const TemplateContext& context, size_t index);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_LINKS_H_
