#ifndef POLYGRAPH_LIB_INGEST_IAM_POLICY_FILE_H_
#define POLYGRAPH_LIB_INGEST_IAM_POLICY_FILE_H_

// The IAM policy front-end: a standalone policy document file.
//
// Thread safety: stateless; thread-compatible on the builder it fills.

#include <string>

#include "absl/status/status.h"
#include "polygraph/model.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// Adds the policy in `document`, read from `path`, to `builder`: one
// Resource (kind kPolicyDocument, format kIamPolicy, named after the file
// stem) and one PolicyDocument owned by it, named after the file name.
// The policy kind is inferred: identity when no statement has a Principal;
// trust when statements have principals and none has a Resource (a role's
// assume-role policy); resource otherwise. The kind's rules are then checked.
// Errors: the policy grammar's InputErrors.
absl::Status ImportIamPolicyFile(const std::string& path, const Value& document,
                                 ModelBuilder& builder);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_IAM_POLICY_FILE_H_
