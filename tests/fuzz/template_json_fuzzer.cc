// Fuzz target for the CloudFormation front-end on JSON templates: any bytes
// go through what `polygraph check` does with a .json file (parse, import,
// every rule, both reports); see template_front_end.h for the contract.
#include <cstddef>
#include <cstdint>

#include "template_front_end.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  polygraph::fuzz::RunTemplateFrontEnd(data, size,
                                       polygraph::fuzz::TemplateSyntax::kJson);
  return 0;
}
