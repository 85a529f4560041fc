// Links between resources for the network facets (see
// cloudformation_links.h).

#include "ingest/cloudformation_links.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "iam/template_expression.h"
#include "ingest/cloudformation_context.h"
#include "polygraph/iam_policy.h"
#include "polygraph/model.h"

namespace polygraph::ingest {

Link ReadLink(TemplateContext& context, std::string_view key,
              const Value& value, std::string_view consequence) {
  Link link;
  link.index = context.ReferencedResource(value);
  if (link.index != kNoResource) return link;
  if (const Value* resolved = context.Resolve(value)) {
    link.id = resolved->text;
    return link;
  }
  link.id = iam::RenderSymbolic(value);
  context.NoteSymbolic(key, value, consequence);
  return link;
}

namespace {

// Visits the links of `list`: an array's entries, both branches of an Fn::If
// (either may apply), nothing for AWS::NoValue, else `list` itself as one
// link (e.g. a Ref to a List<AWS::EC2::Subnet::Id> parameter).
void VisitLinks(TemplateContext& context, std::string_view key,
                const Value& list, const std::function<void(Link)>& visit) {
  std::optional<iam::TemplateExpression> expression =
      iam::AsTemplateExpression(list);
  // A short-form expression (!If [...]) is an array too: test it first.
  if (list.is_array() && !expression.has_value()) {
    for (const Value& entry : list.items) {
      VisitLinks(context, key, entry, visit);
    }
    return;
  }
  if (iam::IsNoValue(list)) return;
  if (expression.has_value() && expression->name == "Fn::If" &&
      expression->argument->is_array() &&
      expression->argument->items.size() == 3) {
    VisitLinks(context, key, expression->argument->items[1], visit);
    VisitLinks(context, key, expression->argument->items[2], visit);
    return;
  }
  visit(ReadLink(context, key, list, "it is not declared here"));
}

}  // namespace

void ForEachLink(TemplateContext& context, std::string_view key,
                 const Value& list, const std::function<void(Link)>& visit) {
  VisitLinks(context, key, list, visit);
}

absl::Status ReadLinks(TemplateContext& context, const Value& holder,
                       std::string_view key, std::vector<size_t>& indices,
                       std::vector<std::string>& ids) {
  const Value* list = holder.Find(key);
  if (list == nullptr) return absl::OkStatus();
  VisitLinks(context, key, *list, [&](Link link) {
    if (link.index != kNoResource) {
      indices.push_back(link.index);
    } else {
      ids.push_back(std::move(link.id));
    }
  });
  return absl::OkStatus();
}

std::string_view TypeOf(const TemplateContext& context, size_t index) {
  const std::vector<Resource>& all = context.builder.current().resources();
  return index < all.size() ? std::string_view(all[index].type)
                            : std::string_view();
}

const Declaration* DeclarationOf(const TemplateContext& context, size_t index) {
  if (index == kNoResource) return nullptr;
  for (const Declaration& declaration : context.declarations) {
    if (declaration.index == index) return &declaration;
  }
  return nullptr;
}

}  // namespace polygraph::ingest
