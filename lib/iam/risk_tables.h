#ifndef POLYGRAPH_LIB_IAM_RISK_TABLES_H_
#define POLYGRAPH_LIB_IAM_RISK_TABLES_H_

// The tables of catalogue names risk classification (risk_categories.cc)
// uses, and the catalogue action sets made from them (risk_tables.cc).
//
// Thread safety: pure functions over immutable tables and sets computed
// once per process; thread-safe.

#include <string_view>
#include <vector>

#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_effective.h"

namespace polygraph::iam::internal {

// The tables of catalogue names risk classification uses.
enum class RiskTableId {
  kDirectEscalation,        // IAM actions that change who may do what
  kPassRoleCompute,         // create/update compute that runs as a passed role
  kDataRead,                // reads of data or secrets
  kExposure,                // changes to resource policies or ACLs
  kCredentials,             // actions that return credentials
  kInfrastructureServices,  // service prefixes, not actions
};
const std::vector<std::string_view>& RiskTable(RiskTableId id);

// The catalogue actions of a category's table (for kInfrastructureModification
// the Write actions of the infrastructure services, less item-level writes
// and invocations; for kAdministrator, IamPermissionsManagement()).
const ActionSet& RiskActions(RiskCategory category);

// The catalogue actions of kPassRoleCompute.
const ActionSet& PassRoleComputeActions();

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_RISK_TABLES_H_
