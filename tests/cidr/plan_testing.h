#ifndef POLYGRAPH_TESTS_CIDR_PLAN_TESTING_H_
#define POLYGRAPH_TESTS_CIDR_PLAN_TESTING_H_

// Small models of VPCs and subnets built in memory for the address-plan
// tests: each block's CIDR value sits at (line, 18) of its file.

#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "polygraph/model.h"

namespace polygraph::testing {

class PlanModel {
 public:
  // Properties as YAML text (e.g. "Tags: [{Key: Tier, Value: web}]").
  size_t Add(std::string name, std::string type, ResourceKind kind, int line,
             const std::string& yaml = "{}", std::string file = "t.yaml") {
    Resource resource;
    resource.name = std::move(name);
    resource.type = std::move(type);
    resource.kind = kind;
    resource.location = {file, line, 3};
    absl::StatusOr<Value> properties = ParseYaml(yaml, file);
    EXPECT_TRUE(properties.ok()) << properties.status();
    if (properties.ok()) resource.properties = *std::move(properties);
    return builder_.AddResource(std::move(resource));
  }
  size_t Vpc(std::string name, std::string cidr, int line,
             const std::string& yaml = "{}", std::string file = "t.yaml") {
    size_t vpc = Add(std::move(name), "AWS::EC2::VPC", ResourceKind::kVpc, line,
                     yaml, file);
    Block(vpc, vpc, false, std::move(cidr), "", {file, line + 1, 18});
    return vpc;
  }
  size_t Secondary(std::string name, size_t vpc, std::string cidr, int line,
                   std::string file = "t.yaml") {
    size_t block = Add(std::move(name), "AWS::EC2::VPCCidrBlock",
                       ResourceKind::kOther, line, "{}", file);
    Block(block, vpc, false, std::move(cidr), "", {file, line + 1, 18});
    return block;
  }
  size_t Subnet(std::string name, size_t vpc, std::string cidr,
                std::string zone, int line, const std::string& yaml = "{}",
                std::string file = "t.yaml") {
    size_t subnet = Add(std::move(name), "AWS::EC2::Subnet",
                        ResourceKind::kSubnet, line, yaml, file);
    Block(subnet, vpc, true, std::move(cidr), std::move(zone),
          {file, line + 1, 18});
    return subnet;
  }
  void Reference(size_t from, size_t to, std::string property) {
    builder_.AddReference({from, to, "", std::move(property), {}});
  }
  Model Build() { return std::move(builder_).Build(); }

 private:
  void Block(size_t resource, size_t vpc, bool subnet, std::string cidr,
             std::string zone, SourceLocation location) {
    NetworkBlock block;
    block.resource = resource;
    block.vpc = vpc;
    block.subnet = subnet;
    block.cidr = std::move(cidr);
    block.availability_zone = std::move(zone);
    block.location = std::move(location);
    builder_.AddNetworkBlock(std::move(block));
  }

  ModelBuilder builder_;
};

}  // namespace polygraph::testing

#endif  // POLYGRAPH_TESTS_CIDR_PLAN_TESTING_H_
