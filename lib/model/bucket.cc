// Names of the Bucket facet's enumerations.

#include <string_view>

#include "polygraph/model.h"

namespace polygraph {

std::string_view CannedAclName(CannedAcl acl) {
  switch (acl) {
    case CannedAcl::kAbsent:
      return "";
    case CannedAcl::kPrivate:
      return "Private";
    case CannedAcl::kPublicRead:
      return "PublicRead";
    case CannedAcl::kPublicReadWrite:
      return "PublicReadWrite";
    case CannedAcl::kAuthenticatedRead:
      return "AuthenticatedRead";
    case CannedAcl::kLogDeliveryWrite:
      return "LogDeliveryWrite";
    case CannedAcl::kBucketOwnerRead:
      return "BucketOwnerRead";
    case CannedAcl::kBucketOwnerFullControl:
      return "BucketOwnerFullControl";
    case CannedAcl::kAwsExecRead:
      return "AwsExecRead";
  }
  return "";
}

std::string_view ObjectOwnershipName(ObjectOwnership ownership) {
  switch (ownership) {
    case ObjectOwnership::kAbsent:
      return "";
    case ObjectOwnership::kBucketOwnerEnforced:
      return "BucketOwnerEnforced";
    case ObjectOwnership::kBucketOwnerPreferred:
      return "BucketOwnerPreferred";
    case ObjectOwnership::kObjectWriter:
      return "ObjectWriter";
  }
  return "";
}

std::string_view BucketEncryptionName(BucketEncryption encryption) {
  switch (encryption) {
    case BucketEncryption::kAbsent:
      return "";
    case BucketEncryption::kSseS3:
      return "AES256";
    case BucketEncryption::kSseKms:
      return "aws:kms";
    case BucketEncryption::kDsseKms:
      return "aws:kms:dsse";
  }
  return "";
}

std::string_view VersioningName(Versioning versioning) {
  switch (versioning) {
    case Versioning::kAbsent:
      return "";
    case Versioning::kEnabled:
      return "Enabled";
    case Versioning::kSuspended:
      return "Suspended";
  }
  return "";
}

}  // namespace polygraph
