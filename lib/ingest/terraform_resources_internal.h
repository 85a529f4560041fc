#ifndef POLYGRAPH_LIB_INGEST_TERRAFORM_RESOURCES_INTERNAL_H_
#define POLYGRAPH_LIB_INGEST_TERRAFORM_RESOURCES_INTERNAL_H_

// The pieces of the Terraform resource front-end (terraform_resources.h):
// the synthesized CloudFormation template being built (Synthesis), and the
// per-domain mappers (terraform_network.cc, terraform_compute.cc,
// terraform_iam.cc, terraform_storage.cc, terraform_cdn.cc) that rewrite one
// resource instance as the CloudFormation resources it corresponds to.
//
// Thread safety: thread-compatible; one Synthesis per import.

#include <deque>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "polygraph/diagnostic.h"
#include "polygraph/model.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"
#include "terraform/configuration.h"
#include "terraform/value.h"

namespace polygraph::ingest::terraform_internal {

using terraform::ResourceInstance;
using terraform::TfValue;

// One resource of the synthesized template.
struct Entry {
  std::string logical_id;
  std::string type;         // the CloudFormation type ("AWS::EC2::Subnet")
  Value properties;         // an object
  SourceLocation location;  // of the Terraform declaration or block
  // The model name the resource takes: the instance's address, or for an
  // extra resource (an inline route, a gateway attachment) the address
  // followed by the block it came from ("aws_route_table.public.route[0]").
  std::string name;
  std::string terraform_type;
};

// The template under construction: logical ids for every instance, and the
// conversion of evaluated Terraform values into template values, unknowns
// becoming Ref, Fn::GetAtt, Fn::Join or synthesized Parameters.
class Synthesis {
 public:
  // REQUIRES: `configuration` and `diagnostics` outlive the Synthesis.
  Synthesis(const terraform::Configuration& configuration,
            std::vector<Diagnostic>& diagnostics);
  Synthesis(const Synthesis&) = delete;
  Synthesis& operator=(const Synthesis&) = delete;

  // The instance at `address`, or nullptr when the configuration has none.
  const ResourceInstance* Instance(std::string_view address) const;
  // The main resource of the instance at `address` (nullptr before its
  // mapper ran, or when there is no such instance).
  Entry* MainEntry(std::string_view address);
  // The instance a value names: an unknown reference to one (any
  // attribute), or nullptr.
  const ResourceInstance* Referenced(const TfValue& value) const;

  // `value` as a template value, every node located where its TfValue is.
  Value Convert(const TfValue& value);
  // A policy document given as a JSON string (jsonencode, a heredoc, a data
  // source's json): parsed and located at the string's location; unknown
  // parts of a string template become expressions inside the parsed
  // strings; a wholly unknown value stays an expression (the facets note
  // it). Errors: text that is not JSON (InputError at the value).
  absl::StatusOr<Value> ConvertPolicy(const TfValue& value);

  // Adds the instance's own resource (its logical id comes from the
  // address) with empty Properties located at the instance.
  Entry& AddMain(const ResourceInstance& instance, std::string type);
  // Adds another resource for the instance, e.g. for an inline block;
  // `suffix` extends the address ("route[0]"), `location` is the block's.
  Entry& AddExtra(const ResourceInstance& instance, std::string_view suffix,
                  std::string type, const SourceLocation& location);
  // The instance as a generic "Terraform::<type>" resource whose
  // properties are its attributes.
  Entry& AddGeneric(const ResourceInstance& instance);

  void Note(std::string code, const SourceLocation& location,
            std::string message);

  // The template: Parameters (one per symbolic value) and Resources in
  // configuration order.
  Value Template() const;
  // Every resource of the template, in template order.
  std::vector<const Entry*> Entries() const;
  std::vector<Entry*> MutableEntries();
  // Maps synthesized names (logical ids, parameters) back to Terraform's
  // spelling, for messages.
  const absl::flat_hash_map<std::string, std::string>& Spellings() const {
    return spellings_;
  }
  // Records that CloudFormation property `property` was written from the
  // Terraform argument `argument`, so a facet's message about the property
  // ("AvailabilityZone is the template expression ...") can name the
  // argument. A property written from different arguments keeps its name.
  void NameProperty(std::string_view property, std::string_view argument);

 private:
  Value ConvertUnknown(const TfValue& value);
  Value Parameter(const TfValue& value);
  std::string UniqueId(std::string_view text);

  const terraform::Configuration& configuration_;
  std::vector<Diagnostic>& diagnostics_;
  absl::flat_hash_map<std::string, size_t> instance_index_;  // by address
  std::vector<std::string> ids_;            // the main logical id, per instance
  std::vector<std::deque<Entry>> entries_;  // per instance, main first
  absl::flat_hash_map<std::string, int> used_ids_;
  absl::flat_hash_map<std::string, std::string> parameters_;  // text -> name
  std::vector<std::pair<std::string, SourceLocation>> parameter_order_;
  absl::flat_hash_map<std::string, std::string> spellings_;
  // Properties named through NameProperty, and those written from
  // different arguments (never respelled).
  absl::flat_hash_set<std::string> property_names_;
  absl::flat_hash_set<std::string> ambiguous_;
};

// Helpers for the mappers.

// The attribute `key` of an object, or nullptr when absent, null or "" (plan
// files spell unset string arguments "").
const TfValue* Attribute(const TfValue& object, std::string_view key);
// The location of `key` in `object`, or the object's location.
SourceLocation KeyLocation(const TfValue& object, std::string_view key);
// The list `key` of `object` (nested blocks); empty when absent or not a
// list of objects.
std::vector<const TfValue*> Blocks(const TfValue& object, std::string_view key);
// Sets `key` of the object `holder` to `value`, located at `key_location`
// (a later Put of the same key replaces it).
void Put(Value& holder, std::string_view key, Value value,
         const SourceLocation& key_location);
// Puts the converted attribute `from` of `object` as `to`, when present.
void Copy(Synthesis& synthesis, const TfValue& object, std::string_view from,
          Value& holder, std::string_view to);
using Pair = std::pair<std::string_view, std::string_view>;
// Copy for each (Terraform, CloudFormation) pair.
void CopyAll(Synthesis& synthesis, const TfValue& object, Value& holder,
             std::initializer_list<Pair> pairs);
// Copies the attributes present converted as lists (ListOf).
void CopyLists(Synthesis& synthesis, const TfValue& object, Value& holder,
               std::initializer_list<Pair> pairs);
// A literal string value.
Value Text(std::string text, const SourceLocation& location);
// {"Ref": name}.
Value Ref(std::string name, const SourceLocation& location);
// The attribute converted as a list: a list as is, a single value as a
// one-element list, an unknown (a whole list) as its expression.
Value ListOf(Synthesis& synthesis, const TfValue& value);

// A mapper rewrites one instance into the synthesized template.
using Mapper = absl::Status (*)(const ResourceInstance& instance,
                                Synthesis& synthesis);
// Mappers that run after every other instance was mapped: they merge into
// resources other instances produced (an S3 bucket's split-out settings,
// policy attachments).
struct Mappers {
  Mapper first = nullptr;
  Mapper merge = nullptr;
};

// The mapper for `type` of each domain; {} when the domain has none.
Mappers NetworkMapper(std::string_view type);
Mappers ComputeMapper(std::string_view type);
Mappers IamMapper(std::string_view type);
Mappers StorageMapper(std::string_view type);
Mappers CdnMapper(std::string_view type);

// After the import: the AccountPublicAccessBlock facet of each
// aws_s3_account_public_access_block (CloudFormation has no such resource),
// found among the resources from `first_resource` on by address.
absl::Status AddAccountPublicAccessBlocks(
    const terraform::Configuration& configuration, size_t first_resource,
    ModelBuilder& builder);

// Ref or Fn::GetAtt for `attribute` of an instance of `type`: "" for Ref,
// else the GetAtt attribute name.
std::string CloudFormationAttribute(std::string_view type,
                                    std::string_view attribute);

}  // namespace polygraph::ingest::terraform_internal

#endif  // POLYGRAPH_LIB_INGEST_TERRAFORM_RESOURCES_INTERNAL_H_
