#ifndef POLYGRAPH_LIB_INGEST_SAM_TRANSFORM_INTERNAL_H_
#define POLYGRAPH_LIB_INGEST_SAM_TRANSFORM_INTERNAL_H_

// Internal to the SAM transform (sam_transform.h): the expander shared by
// sam_transform.cc (the template and the shared helpers), sam_globals.cc
// (Globals), sam_resources.cc (APIs, tables, layers, applications),
// sam_function.cc (functions and their roles), sam_events.cc (function
// events) and sam_state_machine.cc (state machines and their events).
//
// Thread safety: an Expander is thread-hostile (one per call); the helper
// functions are thread-safe.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/value.h"

namespace polygraph::ingest::sam {

inline constexpr std::string_view kTransformName = "AWS::Serverless-2016-10-31";
inline constexpr std::string_view kImplicitRestApi = "ServerlessRestApi";
inline constexpr std::string_view kImplicitHttpApi = "ServerlessHttpApi";

// An untagged string.
bool IsText(const Value& value);
// The logical id `value` names: a string, or a Ref to one.
std::optional<std::string> RefTarget(const Value& value);
Value Bool(bool flag, const SourceLocation& at);
Value Number(std::string_view text, const SourceLocation& at);
// "object", "array", ... for messages.
std::string Describe(const Value& value);
// An event of a function or state machine: its Type and its Properties
// (an empty object when absent).
struct EventShape {
  std::string type;
  Value properties;
};
// Errors (InputError naming `label`, "event Get of Fn"): an event that is
// not an object (when `must_be_object`), no string Type, Properties that
// are not an object.
absl::StatusOr<EventShape> ReadEventShape(const Value& event,
                                          std::string_view label,
                                          bool must_be_object);
// SAM's Globals merge: objects merged key by key (local wins), lists
// concatenated (global first), anything else (intrinsics included) local.
Value Merge(const Value& global, const Value& local);
// A map of tags {Name: Value} as a CloudFormation list [{Key, Value}],
// headed by {Key: created_by, Value: SAM} unless created_by is "".
// Errors: tags that are not a map.
absl::StatusOr<Value> TagList(const Value* tags, std::string_view created_by,
                              const SourceLocation& at);
// A SAM code location (an s3:// URI, a local path or {Bucket, Key,
// Version}) as an object with the given member names.
Value S3Location(const Value& uri, std::string_view bucket_key,
                 std::string_view key_key, std::string_view version_key);
// `text` without its non-alphanumeric characters.
std::string Alphanumeric(std::string_view text);
// A stable text of `value` and a short hash of it (for generated ids).
std::string Serialize(const Value& value);
std::string ShortHash(std::string_view text);
// The Properties member of a resource Expander::Emit() made.
Value& PropertiesOf(Value& resource);
// Whether the space-separated `list` holds `word`.
bool Listed(std::string_view list, std::string_view word);
// Copies the members of `from` whose names `keys` (space-separated) lists
// to `to`, in `from`'s order.
void CopyListed(const Value& from, std::string_view keys, Value& to);
// The role properties SAM writes for a function or state machine assumed by
// `service`: managed_arns, then the Policies property's (policy templates
// expanded, notes added to `diagnostics`), then trailing_arns;
// leading_policies head the inline policies. Errors: malformed Policies.
absl::StatusOr<Value> RoleProperties(
    const Value& properties, std::string_view role_id, std::string_view service,
    std::vector<Value> managed_arns, std::vector<Value> leading_policies,
    std::vector<Value> trailing_arns, Value tags, const SourceLocation& at,
    std::vector<Diagnostic>& diagnostics);
// {PolicyName, PolicyDocument: {Statement: [{Action, Effect, Resource}]}}.
Value SingleStatementPolicy(std::string_view name, std::string_view action,
                            Value resource, const SourceLocation& at);

// The SAM resource being expanded.
struct Owner {
  std::string id;
  SourceLocation at;  // its logical id's key
  const Value* resource = nullptr;
  const Value* condition = nullptr;  // its Condition attribute, if any
};

// A route an Api or HttpApi event adds to an API whose body SAM writes.
struct ApiRoute {
  std::string path;
  std::string method;  // lower case; "x-amazon-apigateway-any-method"
  std::string function;
  SourceLocation at;
};

class Expander {
 public:
  // `document` and `diagnostics` must outlive the Expander.
  Expander(const Value& document, std::vector<Diagnostic>& diagnostics)
      : document_(document), diagnostics_(diagnostics) {}
  Expander(const Expander&) = delete;  // holds references into its inputs
  Expander& operator=(const Expander&) = delete;

  absl::StatusOr<Value> Run();

 private:
  // An API whose resources were emitted, with what the end of the
  // expansion still fills in.
  struct ApiPlan {
    size_t api = 0;         // index in resources_
    size_t deployment = 0;  // REST only
    size_t stage = 0;
    bool http = false;
    bool generated_body = false;
  };

  void Note(const SourceLocation& at, std::string message);
  absl::Status ReadGlobals(const Value& globals);
  // The resource's Properties with the Globals `section` merged in.
  absl::StatusOr<Value> Properties(const Owner& owner,
                                   std::string_view section);
  // Adds the resource `id` of `type`; returns its index in resources_.
  size_t Emit(std::string_view id, std::string_view type, Value properties,
              const SourceLocation& at, const Owner& owner, bool main = false);
  // The Type and SAM properties of the input resource `id`, if declared.
  const Value* InputResource(std::string_view id) const;

  absl::Status ExpandFunction(const Owner& owner);
  absl::Status ExpandEvents(const Owner& owner, const Value& events,
                            std::vector<Value>& managed_arns);
  absl::Status ExpandEvent(const Owner& owner, std::string_view name,
                           const SourceLocation& name_at, const Value& event,
                           std::vector<Value>& managed_arns);
  absl::Status ExpandApiEvent(const Owner& owner, const std::string& id,
                              const SourceLocation& at, const Value& properties,
                              bool http);
  void ExpandFunctionUrl(const Owner& owner, const Value& config);
  absl::Status ExpandStateMachine(const Owner& owner);
  absl::Status ExpandStateMachineEvent(const Owner& owner,
                                       std::string_view name,
                                       const SourceLocation& at,
                                       const Value& event);
  absl::Status ExpandRestApi(const Owner& owner, const Value& properties);
  absl::Status ExpandHttpApi(const Owner& owner, const Value& properties);
  absl::Status ExpandSimpleTable(const Owner& owner);
  absl::Status ExpandLayer(const Owner& owner);
  absl::Status ExpandApplication(const Owner& owner);
  // Writes generated API bodies and deployment ids.
  void FinishApis();
  Value Permission(const Owner& owner, std::string_view principal,
                   const SourceLocation& at) const;

  const Value& document_;
  std::vector<Diagnostic>& diagnostics_;
  std::map<std::string, Value, std::less<>> globals_;  // section -> object
  Value resources_;
  std::map<std::string, ApiPlan, std::less<>> apis_;
  std::map<std::string, std::vector<ApiRoute>, std::less<>> routes_;
  std::optional<SourceLocation> implicit_rest_;
  std::optional<SourceLocation> implicit_http_;
};

}  // namespace polygraph::ingest::sam

#endif  // POLYGRAPH_LIB_INGEST_SAM_TRANSFORM_INTERNAL_H_
