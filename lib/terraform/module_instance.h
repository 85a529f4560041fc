#ifndef POLYGRAPH_LIB_TERRAFORM_MODULE_INSTANCE_H_
#define POLYGRAPH_LIB_TERRAFORM_MODULE_INSTANCE_H_

// The evaluation of one module instance (evaluator.h): a Scope that
// resolves var, local, data, module, path, terraform and resource
// references lazily, memoizing each value and detecting reference cycles.
// Internal to lib/terraform.
//
// Thread safety: thread-compatible; one evaluation runs on one thread.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "polygraph/diagnostic.h"
#include "polygraph/source_location.h"
#include "terraform/configuration.h"
#include "terraform/evaluator.h"
#include "terraform/expression_evaluator.h"
#include "terraform/module_config.h"

namespace polygraph::terraform {

// State shared by every module instance of one evaluation.
struct EvaluationState {
  const EvaluationOptions& options;
  std::vector<Diagnostic>& diagnostics;
  std::string root_directory;
  absl::flat_hash_map<std::string, std::shared_ptr<const ModuleConfig>>
      modules;  // by folder
  // Keys of the values being evaluated, innermost last, for cycles.
  std::vector<std::string> in_progress;
  absl::flat_hash_set<std::string> noted;
  std::vector<std::string> files;
  // Configuration::policy_documents, as data sources are evaluated.
  std::map<std::string, Value> policy_documents;

  void Error(const absl::Status& status, const SourceLocation& fallback);
  // Adds a note once per `key`.
  void Note(const std::string& key, std::string code,
            const SourceLocation& location, std::string message);
};

// Arguments of resource and module blocks that are not attributes (count,
// for_each, provider, depends_on, providers).
bool IsMetaArgument(const std::string& name);
// The address suffix of an instance key: [2] or ["us-east-1a"].
std::string KeySuffix(const TfValue& key);

class ModuleInstance : public Scope {
 public:
  // `path`: "" for the root, else "module.vpc" or "module.vpc[0]".
  // `inputs`: the values given for variables (the root's come from the
  // options and variable files; a child's from its module block).
  ModuleInstance(EvaluationState& state,
                 std::shared_ptr<const ModuleConfig> config, std::string path,
                 absl::flat_hash_map<std::string, TfValue> inputs, int depth);
  // A child: its inputs are the arguments of `call` (a module block of
  // `parent`), each evaluated in the parent's scope, with `names` (count or
  // each of this instance) added, when the child first needs it; so an
  // input may use another output of the same module, as in Terraform.
  ModuleInstance(EvaluationState& state,
                 std::shared_ptr<const ModuleConfig> config, std::string path,
                 ModuleInstance* parent, const Block* call,
                 std::vector<std::pair<std::string, TfValue>> names, int depth);
  ~ModuleInstance() override;

  absl::StatusOr<TfValue> Resolve(const std::string& root,
                                  const SourceLocation& location,
                                  absl::Span<const TraversalStep> steps,
                                  size_t* steps_used) override;
  const FunctionContext& functions() const override { return functions_; }
  // A "symbolic-value" warning, once per location.
  void Warn(const SourceLocation& location, std::string message) override;

  // Appends every managed resource instance of this module and, after
  // them, of its child modules in call order.
  void Collect(std::vector<ResourceInstance>& out);

  // The value of output `name` (unknown with an error diagnostic when its
  // expression fails).
  absl::StatusOr<TfValue> Output(const std::string& name,
                                 const SourceLocation& location);

  // Nested blocks' bodies as objects (see configuration.h), meta-arguments
  // left out; errors become diagnostics and unknown attributes.
  TfValue EvaluateBody(const Body& body, Scope& scope);

 private:
  struct Expanded {
    enum class Mode { kSingle, kCount, kForEach, kUnknown };
    Mode mode = Mode::kSingle;
    // kCount: (index, null); kForEach: (key, value).
    std::vector<std::pair<TfValue, TfValue>> keys;
    std::string unknown;  // kUnknown: what the count or for_each stands for
  };

  struct ChildModules {
    Expanded expansion;
    // Parallel to expansion.keys (one entry for kSingle and kUnknown); null
    // when the module is not read.
    std::vector<std::unique_ptr<ModuleInstance>> instances;
    std::string unread;  // why the module is not read, when it is not
  };

  absl::StatusOr<TfValue> Variable(const std::string& name,
                                   const SourceLocation& location);
  absl::StatusOr<TfValue> Local(const std::string& name,
                                const SourceLocation& location);
  absl::StatusOr<TfValue> ResourceValue(const std::string& key,
                                        const SourceLocation& location);
  absl::StatusOr<TfValue> ModuleValue(const std::string& name,
                                      absl::Span<const TraversalStep> steps,
                                      const SourceLocation& location,
                                      size_t* steps_used);
  absl::StatusOr<ChildModules*> Children(size_t call,
                                         const SourceLocation& location);
  // Runs `compute` for `key` once, guarding against cycles.
  template <typename Compute>
  absl::StatusOr<TfValue> Memoized(const std::string& key,
                                   const SourceLocation& location,
                                   Compute compute);
  // count / for_each of a resource or module block.
  absl::StatusOr<Expanded> Expand(const Block& block, const std::string& what);
  std::string Address(const std::string& local) const;
  // True when `directory` is this module's or a caller's folder.
  bool CallsItself(const std::string& directory) const;

  EvaluationState& state_;
  std::shared_ptr<const ModuleConfig> config_;
  std::string path_;
  absl::flat_hash_map<std::string, TfValue> inputs_;
  ModuleInstance* parent_ = nullptr;
  const Block* call_ = nullptr;
  std::vector<std::pair<std::string, TfValue>> call_names_;
  int depth_;
  FunctionContext functions_;
  absl::flat_hash_map<std::string, TfValue> memo_;
  // Instances of managed resources by declaration index, once evaluated.
  absl::flat_hash_map<size_t, std::vector<ResourceInstance>> instances_;
  absl::flat_hash_map<size_t, std::unique_ptr<ChildModules>> children_;
};

// Defined here: module_instance.cc and module_calls.cc both use it.
template <typename Compute>
absl::StatusOr<TfValue> ModuleInstance::Memoized(const std::string& key,
                                                 const SourceLocation& location,
                                                 Compute compute) {
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  const std::string full = absl::StrCat(path_, "|", key);
  for (size_t i = 0; i < state_.in_progress.size(); ++i) {
    if (state_.in_progress[i] != full) continue;
    std::vector<std::string> chain;
    for (size_t j = i; j < state_.in_progress.size(); ++j) {
      chain.push_back(
          state_.in_progress[j].substr(state_.in_progress[j].find('|') + 1));
    }
    chain.push_back(key);
    return InputError(
        location, absl::StrCat("Cycle: ", Address(key), " depends on itself (",
                               absl::StrJoin(chain, " -> "), ")"));
  }
  state_.in_progress.push_back(full);
  absl::StatusOr<TfValue> result = compute();
  state_.in_progress.pop_back();
  if (!result.ok()) {
    state_.Error(result.status(), location);
    result = TfValue::Unknown(Address(key), location);
  }
  memo_[key] = *result;
  return result;
}

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_MODULE_INSTANCE_H_
