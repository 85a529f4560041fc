#include "terraform/hcl_syntax.h"

namespace polygraph::terraform {

const Body::Attribute* Body::Find(const std::string& name) const {
  for (const Attribute& attribute : attributes) {
    if (attribute.name == name) return &attribute;
  }
  return nullptr;
}

}  // namespace polygraph::terraform
