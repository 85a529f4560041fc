// IAM of a snapshot (`iam get-account-authorization-details`): users,
// groups, roles, managed policies and instance profiles, their policy
// documents and their attachments (aws_api.h).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "ingest/aws_api/snapshot_context.h"
#include "polygraph/iam_policy.h"

namespace polygraph::ingest::aws_api {
namespace {

using ::polygraph::internal::ToAbsl;

constexpr std::string_view kDetailKeys[] = {"UserDetailList", "GroupDetailList",
                                            "RoleDetailList"};

// One kind of principal or policy of the authorization details.
struct Section {
  std::string_view list;  // "UserDetailList"
  std::string_view name_key;
  std::string_view type;
  ResourceKind kind;
  std::string_view inline_key;  // "UserPolicyList"; "" for policies
};

constexpr Section kPolicies = {"Policies", "PolicyName",
                               "AWS::IAM::ManagedPolicy",
                               ResourceKind::kManagedPolicy, ""};
constexpr Section kGroups = {"GroupDetailList", "GroupName", "AWS::IAM::Group",
                             ResourceKind::kGroup, "GroupPolicyList"};
constexpr Section kUsers = {"UserDetailList", "UserName", "AWS::IAM::User",
                            ResourceKind::kUser, "UserPolicyList"};
constexpr Section kRoles = {"RoleDetailList", "RoleName", "AWS::IAM::Role",
                            ResourceKind::kRole, "RolePolicyList"};

bool IsAuthorizationDetails(const Value& document) {
  if (!document.is_object()) return false;
  for (std::string_view key : kDetailKeys) {
    if (const Value* list = document.Find(key); list && list->is_array()) {
      return true;
    }
  }
  return false;
}

class IamReader {
 public:
  explicit IamReader(SnapshotContext& context) : context_(context) {}

  // Declares the resources of one authorization details document.
  absl::Status Declare(const Value& document) {
    for (const Section* section : {&kPolicies, &kGroups, &kUsers, &kRoles}) {
      absl::Status status = ForEachObject(
          document, section->list, [&](const Value& object) -> absl::Status {
            absl::StatusOr<size_t> index = DeclareObject(*section, object);
            if (!index.ok()) return index.status();
            declared_.push_back({section, *index, &object});
            if (section == &kGroups) {
              absl::StatusOr<std::string> name =
                  StringField(object, "GroupName");
              if (!name.ok()) return name.status();
              groups_[*name] = *index;
            }
            return absl::OkStatus();
          });
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  // Adds the policies and references of everything declared.
  absl::Status Read() {
    for (const Entry& entry : declared_) {
      if (absl::Status s = ReadEntry(entry); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

 private:
  struct Entry {
    const Section* section;
    size_t index;
    const Value* object;
  };

  absl::StatusOr<size_t> DeclareObject(const Section& section,
                                       const Value& object) {
    absl::StatusOr<std::string> name = StringField(object, section.name_key);
    if (!name.ok()) return name.status();
    if (name->empty()) {
      return InputError(
          object.location,
          absl::StrCat("a ", ToAbsl(section.list), " entry has no ",
                       ToAbsl(section.name_key)));
    }
    absl::StatusOr<std::string> arn = StringField(object, "Arn");
    if (!arn.ok()) return arn.status();
    return DeclareResource(context_,
                           Resource{.name = *std::move(name),
                                    .type = std::string(section.type),
                                    .kind = section.kind,
                                    .format = SourceFormat::kAwsSnapshot,
                                    .location = object.location,
                                    .properties = object},
                           {*arn}, object.KeyLocation("Arn"));
  }

  absl::Status AddPolicy(const Value& document, std::string_view what,
                         size_t owner, std::string name, iam::PolicyKind kind) {
    absl::StatusOr<Value> decoded = EmbeddedDocument(document, what);
    if (!decoded.ok()) return decoded.status();
    absl::StatusOr<iam::Policy> policy =
        iam::ParsePolicy(*decoded, {.kind = kind});
    if (!policy.ok()) return policy.status();
    context_.builder.AddPolicy(PolicyDocument{.owner = owner,
                                              .name = std::move(name),
                                              .kind = kind,
                                              .policy = *std::move(policy)});
    return absl::OkStatus();
  }

  // A reference from `from` to the managed policy ARN in member `key` of
  // `holder`, at property `property`; an undeclared ARN is noted.
  absl::Status ReferPolicy(size_t from, const Value& holder,
                           std::string_view key, std::string property) {
    absl::StatusOr<std::string> arn = StringField(holder, key);
    if (!arn.ok()) return arn.status();
    if (arn->empty()) {
      return InputError(
          holder.location,
          absl::StrCat("a managed policy attachment has no ", ToAbsl(key)));
    }
    const size_t to = context_.Find(*arn);
    const SourceLocation& location = holder.Find(key)->location;
    if (to == kNoResource) {
      context_.diagnostics.push_back(Diagnostic{
          Diagnostic::Level::kNote, "not-analysed", location,
          absl::StrCat("managed policy ", *arn,
                       " is not in the snapshot (an AWS-managed policy "
                       "or one left out); its permissions are not "
                       "analysed")});
      return absl::OkStatus();
    }
    context_.builder.AddReference(Reference{.from = from,
                                            .to = to,
                                            .attribute = "",
                                            .property = std::move(property),
                                            .location = location});
    return absl::OkStatus();
  }

  absl::Status ReadAttachments(const Entry& entry) {
    const Value& object = *entry.object;
    size_t i = 0;
    if (absl::Status s = ForEachObject(
            object, "AttachedManagedPolicies",
            [&](const Value& attached) {
              return ReferPolicy(
                  entry.index, attached, "PolicyArn",
                  absl::StrCat("AttachedManagedPolicies[", i++, "].PolicyArn"));
            });
        !s.ok()) {
      return s;
    }
    absl::StatusOr<const Value*> boundary =
        ObjectField(object, "PermissionsBoundary");
    if (!boundary.ok()) return boundary.status();
    if (*boundary == nullptr) return absl::OkStatus();
    return ReferPolicy(entry.index, **boundary, "PermissionsBoundaryArn",
                       "PermissionsBoundary.PermissionsBoundaryArn");
  }

  absl::Status ReadInlinePolicies(const Entry& entry) {
    return ForEachObject(
        *entry.object, entry.section->inline_key, [&](const Value& inline_) {
          absl::StatusOr<std::string> name = StringField(inline_, "PolicyName");
          if (!name.ok()) return name.status();
          const Value* document = inline_.Find("PolicyDocument");
          if (document == nullptr) {
            return InputError(
                inline_.location,
                absl::StrCat("a ", ToAbsl(entry.section->inline_key),
                             " entry has no PolicyDocument"));
          }
          return AddPolicy(*document, "PolicyDocument", entry.index,
                           *std::move(name), iam::PolicyKind::kIdentity);
        });
  }

  absl::Status ReadManagedPolicy(const Entry& entry) {
    const Value* default_version = nullptr;
    if (absl::Status s =
            ForEachObject(*entry.object, "PolicyVersionList",
                          [&](const Value& version) -> absl::Status {
                            absl::StatusOr<std::optional<bool>> is_default =
                                BoolField(version, "IsDefaultVersion");
                            if (!is_default.ok()) return is_default.status();
                            if (is_default->value_or(false))
                              default_version = &version;
                            return absl::OkStatus();
                          });
        !s.ok()) {
      return s;
    }
    const std::string name =
        context_.builder.current().resources()[entry.index].name;
    if (default_version == nullptr) {
      return InputError(entry.object->location,
                        absl::StrCat("managed policy ", name,
                                     " has no PolicyVersionList entry with "
                                     "IsDefaultVersion true"));
    }
    const Value* document = default_version->Find("Document");
    if (document == nullptr) {
      return InputError(default_version->location,
                        "the default policy version has no Document");
    }
    return AddPolicy(*document, "Document", entry.index, name,
                     iam::PolicyKind::kIdentity);
  }

  absl::Status ReadGroupList(const Entry& entry) {
    absl::StatusOr<const Value*> list = ArrayField(*entry.object, "GroupList");
    if (!list.ok() || *list == nullptr) return list.status();
    for (size_t i = 0; i < (*list)->items.size(); ++i) {
      const Value& group = (*list)->items[i];
      if (!group.is_string()) {
        return InputError(group.location,
                          absl::StrCat("GroupList entries must be group "
                                       "names, found ",
                                       Describe(group)));
      }
      auto it = groups_.find(group.text);
      if (it == groups_.end()) {
        context_.diagnostics.push_back(Diagnostic{
            Diagnostic::Level::kNote, "not-analysed", group.location,
            absl::StrCat("group ", group.text,
                         " is not in the snapshot; its policies are not "
                         "analysed")});
        continue;
      }
      context_.builder.AddReference(
          Reference{.from = entry.index,
                    .to = it->second,
                    .attribute = "",
                    .property = absl::StrCat("GroupList[", i, "]"),
                    .location = group.location});
    }
    return absl::OkStatus();
  }

  // The role's InstanceProfileList: each profile is declared once (by ARN)
  // and refers to the role.
  absl::Status ReadInstanceProfiles(const Entry& entry) {
    // A copy: declaring a profile grows the resources.
    const std::string role_name =
        context_.builder.current().resources()[entry.index].name;
    return ForEachObject(
        *entry.object, "InstanceProfileList",
        [&](const Value& profile) -> absl::Status {
          absl::StatusOr<std::string> name =
              StringField(profile, "InstanceProfileName");
          if (!name.ok()) return name.status();
          absl::StatusOr<std::string> arn = StringField(profile, "Arn");
          if (!arn.ok()) return arn.status();
          if (name->empty()) {
            return InputError(profile.location,
                              "an InstanceProfileList entry has no "
                              "InstanceProfileName");
          }
          size_t index = arn->empty() ? kNoResource : context_.Find(*arn);
          if (index == kNoResource) {
            absl::StatusOr<size_t> declared =
                DeclareResource(context_,
                                Resource{.name = *name,
                                         .type = "AWS::IAM::InstanceProfile",
                                         .kind = ResourceKind::kInstanceProfile,
                                         .format = SourceFormat::kAwsSnapshot,
                                         .location = profile.location,
                                         .properties = profile},
                                {*arn}, profile.location);
            if (!declared.ok()) return declared.status();
            index = *declared;
          }
          std::string property = "Roles";
          SourceLocation location = profile.location;
          size_t i = 0;
          if (absl::Status s =
                  ForEachObject(profile, "Roles",
                                [&](const Value& role) -> absl::Status {
                                  absl::StatusOr<std::string> listed =
                                      StringField(role, "RoleName");
                                  if (!listed.ok()) return listed.status();
                                  if (*listed == role_name) {
                                    property = absl::StrCat("Roles[", i, "]");
                                    location = role.location;
                                  }
                                  ++i;
                                  return absl::OkStatus();
                                });
              !s.ok()) {
            return s;
          }
          context_.builder.AddReference(Reference{.from = index,
                                                  .to = entry.index,
                                                  .attribute = "",
                                                  .property = property,
                                                  .location = location});
          return absl::OkStatus();
        });
  }

  absl::Status ReadEntry(const Entry& entry) {
    if (entry.section == &kPolicies) return ReadManagedPolicy(entry);
    if (entry.section == &kRoles) {
      if (const Value* trust = entry.object->Find("AssumeRolePolicyDocument");
          trust != nullptr && !trust->is_null()) {
        if (absl::Status s =
                AddPolicy(*trust, "AssumeRolePolicyDocument", entry.index,
                          "AssumeRolePolicyDocument", iam::PolicyKind::kTrust);
            !s.ok()) {
          return s;
        }
      }
      if (absl::Status s = ReadInstanceProfiles(entry); !s.ok()) return s;
    }
    if (entry.section == &kUsers) {
      if (absl::Status s = ReadGroupList(entry); !s.ok()) return s;
    }
    if (absl::Status s = ReadInlinePolicies(entry); !s.ok()) return s;
    return ReadAttachments(entry);
  }

  SnapshotContext& context_;
  std::vector<Entry> declared_;
  absl::flat_hash_map<std::string, size_t> groups_;
};

}  // namespace

absl::Status ReadIamAuthorization(SnapshotContext& context) {
  IamReader reader(context);
  for (const AwsSnapshotFile* file : context.files) {
    if (!IsAuthorizationDetails(file->document)) continue;
    if (absl::Status s = reader.Declare(file->document); !s.ok()) return s;
  }
  return reader.Read();
}

}  // namespace polygraph::ingest::aws_api
