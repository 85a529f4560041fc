#ifndef POLYGRAPH_LIB_INGEST_AWS_API_SNAPSHOT_CONTEXT_H_
#define POLYGRAPH_LIB_INGEST_AWS_API_SNAPSHOT_CONTEXT_H_

// Shared state and value readers of the AWS snapshot front-end (aws_api.h).
// aws_api.cc declares every object as a Resource first, so each facet
// reader below (one per source file) can resolve any id of the snapshot.
//
// Thread safety: thread-compatible.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ingest/aws_api/aws_api.h"
#include "polygraph/diagnostic.h"
#include "polygraph/ip_address.h"
#include "polygraph/model.h"
#include "polygraph/value.h"

namespace polygraph::ingest::aws_api {

// An object of the snapshot and the resource it was declared as.
struct Declared {
  size_t index = kNoResource;
  const Value* object = nullptr;  // owned by the AwsSnapshotFile
};

// A resource named by an id: its index, or kNoResource when no file of the
// snapshot declares it; `id` is the id as written ("" when absent).
struct Link {
  size_t index = kNoResource;
  std::string id;
};

struct SnapshotContext {
  ModelBuilder& builder;
  std::vector<Diagnostic>& diagnostics;
  // Every declared id (and load balancer ARN) -> its resource.
  absl::flat_hash_map<std::string, size_t> ids;
  // Declared objects by top-level key ("Subnets"; "Instances" for the
  // instances of Reservations), in file order.
  absl::flat_hash_map<std::string, std::vector<Declared>> objects;
  // Entries of top-level arrays that declare nothing but are read
  // ("LoadBalancerListeners", "Listeners"), in file order.
  absl::flat_hash_map<std::string, std::vector<const Value*>> entries;
  // Every file of the snapshot, for the readers that read whole documents
  // (IAM, Organizations, S3, CloudFront), in the order given.
  std::vector<const AwsSnapshotFile*> files;
  // Buckets by name (ReadS3Buckets), for the CloudFront origins.
  absl::flat_hash_map<std::string, size_t> buckets;

  const std::vector<Declared>& Objects(std::string_view key) const;
  const std::vector<const Value*>& Entries(std::string_view key) const;
  // The resource `id` names, or kNoResource.
  size_t Find(std::string_view id) const;
};

// A value for a message: a quoted string, a number as written, or the kind.
std::string Describe(const Value& value);

// Readers of member `key` of `object`. Absent and null members read as
// "nothing"; a member of the wrong type is an InputError at the value.
absl::StatusOr<std::string> StringField(const Value& object,
                                        std::string_view key);
absl::StatusOr<std::optional<bool>> BoolField(const Value& object,
                                              std::string_view key);
// A number (or numeric string) in [low, high].
absl::StatusOr<std::optional<int>> IntField(const Value& object,
                                            std::string_view key, int low,
                                            int high);
// The array member, or nullptr when absent or null.
absl::StatusOr<const Value*> ArrayField(const Value& object,
                                        std::string_view key);
// The object member, or nullptr when absent or null.
absl::StatusOr<const Value*> ObjectField(const Value& object,
                                         std::string_view key);
// A CIDR of `family` (any family when nullopt), normalized; "" when absent.
// Host bits are cleared, as EC2 does.
absl::StatusOr<std::string> CidrField(const Value& object, std::string_view key,
                                      std::optional<ip::Family> family);
// The same for a CIDR value named `key` in messages.
absl::StatusOr<std::string> CidrValue(const Value& value, std::string_view key,
                                      std::optional<ip::Family> family);
// The id in member `key` and the resource it names.
absl::StatusOr<Link> LinkField(const SnapshotContext& context,
                               const Value& object, std::string_view key);
// Calls `visit` on each element of the array member `key` (none when absent);
// an element that is not an object is an InputError.
absl::Status ForEachObject(
    const Value& object, std::string_view key,
    const std::function<absl::Status(const Value&)>& visit);

// IpProtocol / Protocol: "tcp"/"6" -> "tcp", "udp"/"17", "icmp"/"1",
// "icmpv6"/"58", "-1"/"all" -> "-1", other numbers 0..255 as written;
// anything else is an InputError at the value. "" when absent.
absl::StatusOr<std::string> ProtocolField(const Value& object,
                                          std::string_view key);

// A policy document embedded in the snapshot (`value`, named `what` in
// messages): an object as is, or a JSON string, percent-decoded first when it
// does not start with '{' (IAM's URL-encoded documents). The decoded nodes
// have no locations of their own: every node is located at the string.
// Errors: any other kind, a bad percent escape, text that is not JSON.
absl::StatusOr<Value> EmbeddedDocument(const Value& value,
                                       std::string_view what);

// The file name of `path` without its folders and without `suffix` when it
// ends with it ("cloudfront/E1.json", ".json" -> "E1").
std::string FileStem(std::string_view path, std::string_view suffix);

// The bucket a per-bucket S3 file belongs to (".../s3/<bucket>/<call>.json",
// see aws_api.h), or "" when `path` is not one.
std::string BucketOfPath(std::string_view path);

// Adds a resource of the snapshot and registers `ids` (ARNs, ids) for it.
// Errors: an id already registered ("declared twice"), at `id_location`.
absl::StatusOr<size_t> DeclareResource(SnapshotContext& context,
                                       Resource resource,
                                       const std::vector<std::string>& ids,
                                       const SourceLocation& id_location);

// The facet readers, one per source file (vpc_and_subnets.cc, routing.cc,
// security_groups.cc, network_acls.cc, workloads.cc, iam_authorization.cc,
// organizations.cc, s3_buckets.cc, cloudfront.cc); each reads the declared
// objects of its keys (or the documents of context.files) and adds their
// resources and facets to context.builder. ReadS3Buckets runs before
// ReadCloudFront, which links origins to buckets by name.
absl::Status ReadVpcsAndSubnets(SnapshotContext& context);
absl::Status ReadRouting(SnapshotContext& context);
absl::Status ReadSecurityGroups(SnapshotContext& context);
absl::Status ReadNetworkAcls(SnapshotContext& context);
absl::Status ReadWorkloads(SnapshotContext& context);
absl::Status ReadIamAuthorization(SnapshotContext& context);
absl::Status ReadOrganizations(SnapshotContext& context);
absl::Status ReadS3Buckets(SnapshotContext& context);
absl::Status ReadCloudFront(SnapshotContext& context);

// cloudfront.cc: whether `document` is `aws sts get-caller-identity`
// output ({"UserId", "Account", "Arn"}).
bool IsCallerIdentity(const Value& document);
// The account the snapshot was taken in: the caller identity's Account
// when a file holds it, else the account of the first IAM ARN the snapshot
// declares; "" when neither says. Distributions' ARNs use it.
std::string SnapshotAccount(const SnapshotContext& context);

}  // namespace polygraph::ingest::aws_api

#endif  // POLYGRAPH_LIB_INGEST_AWS_API_SNAPSHOT_CONTEXT_H_
