#ifndef POLYGRAPH_BENCHMARKS_TERRAFORM_CONFIGURATION_H_
#define POLYGRAPH_BENCHMARKS_TERRAFORM_CONFIGURATION_H_

// A generated, realistic Terraform configuration of 20 .tf files (17 in the
// root module, 3 in a local module "modules/worker" called three times)
// that plans exactly kInstances managed resource instances once count and
// for_each are expanded. The same on every call (no randomness).
//
// Written as real modules are: variables with defaults, object types with
// optional(), locals built with for expressions, merge, lookup, try,
// flatten and setproduct; a three-zone VPC whose subnets are counted with
// cidrsubnet(var.vpc_cidr, 8, count.index); network ACL rules flattened
// from a map; per-service security groups with dynamic ingress blocks and
// standalone rules that refer to each other; IAM roles with jsonencode
// policies and data "aws_iam_policy_document" (dynamic statements
// included); S3 buckets with split-out public access block, versioning,
// encryption, policy and lifecycle resources; ECS services, a load
// balancer, Lambda functions, queues and topics, KMS keys, an Aurora
// cluster, alarms and SSM parameters (the parameter count is what makes
// the total exactly kInstances).
//
// Thread safety: stateless; thread-safe (WriteTerraformConfiguration
// writes only under the folder it is given).

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace polygraph::bench {

inline constexpr int kInstances = 2000;
inline constexpr int kTerraformFiles = 20;

// The sizes of the generated maps; everything else is fixed.
inline constexpr int kServices = 80;
inline constexpr int kBuckets = 60;
inline constexpr int kFunctions = 30;
inline constexpr int kQueues = 30;
inline constexpr int kSubnetsPerTier = 24;

struct TerraformFile {
  std::string path;  // relative to the root module's folder
  std::string text;
};

namespace terraform_internal {

inline constexpr const char* kWords[] = {
    "orders",  "billing", "catalog",  "search",  "profile", "checkout",
    "payment", "invoice", "shipping", "review",  "report",  "notify",
    "auth",    "session", "media",    "pricing", "stock",   "ledger"};
inline constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

inline std::string Name(int i) {
  return absl::StrCat(kWords[i % kWordCount], "-", i / kWordCount);
}

// The predicates the variable defaults encode; counted below.
inline bool ServicePublic(int i) { return i % 3 == 0; }
inline bool ServiceDatabase(int i) { return i % 4 == 0; }
inline bool BucketPublic(int i) { return i % 10 == 7; }
inline bool BucketExpires(int i) { return i % 2 == 0; }
inline bool FunctionScheduled(int i) { return i % 3 == 0; }
inline bool QueueFifo(int i) { return i % 5 == 0; }
inline bool QueueSubscribed(int i) { return !QueueFifo(i) && i % 2 == 0; }

inline constexpr const char* kTopics[] = {"alerts", "orders", "billing",
                                          "audit",  "events", "notifications"};
inline constexpr int kTopicCount = sizeof(kTopics) / sizeof(kTopics[0]);
inline constexpr const char* kFixedBuckets[] = {"alb-logs", "artifacts",
                                                "backups", "static-site"};
inline constexpr int kFixedBucketCount = 4;

inline std::string BucketName(int i) {
  return i < kFixedBucketCount ? kFixedBuckets[i]
                               : absl::StrFormat("data-%02d", i);
}

inline int CountIf(int n, bool (*predicate)(int)) {
  int count = 0;
  for (int i = 0; i < n; ++i) count += predicate(i) ? 1 : 0;
  return count;
}

// Instances of everything but the SSM parameters.
inline int InstancesBeforeParameters() {
  const int public_services = CountIf(kServices, ServicePublic);
  // security group, rule from the load balancer, role, inline policy, two
  // managed policy attachments, log group, task definition, ECS service,
  // two alarms; public: target group, listener rule, DNS record;
  // database: the database's rule from the service.
  const int services = kServices * 11 + public_services * 3 +
                       CountIf(kServices, ServiceDatabase);
  // bucket, public access block, versioning, encryption, policy; lifecycle.
  const int buckets = kBuckets * 5 + CountIf(kBuckets, BucketExpires);
  // role, attachment, function, log group; scheduled: rule, target,
  // permission.
  const int functions =
      kFunctions * 4 + CountIf(kFunctions, FunctionScheduled) * 3;
  // queue and dead-letter queue; subscribed: subscription and policy.
  const int queues =
      kQueues * 2 + CountIf(kQueues, QueueSubscribed) * 2 + kTopicCount;
  // vpc, gateway, subnets and their associations, eips, nat gateways,
  // route tables, routes, 7 endpoints, flow log and its log group.
  const int network = 2 + kSubnetsPerTier * 4 * 2 + 3 + 3 + 1 + 3 + 3 + 7 + 2;
  const int acls = 3 + 6 + 5 + 4;
  const int security_groups = 3;  // lb, db, lambda
  const int ecs = 3;              // cluster, execution role, its attachment
  const int load_balancer = 4;    // lb, two listeners, zone
  const int kms = 8;
  const int database = 5;  // subnet group, parameter group, cluster, 2
  const int workers = 3 * 8;
  return services + buckets + functions + queues + network + acls +
         security_groups + ecs + load_balancer + kms + database + workers;
}

inline int Parameters() { return kInstances - InstancesBeforeParameters(); }

inline std::string Variables() {
  std::string services;
  for (int i = 0; i < kServices; ++i) {
    std::string fields = absl::StrCat("port = ", 8000 + i);
    if (i % 5 == 1) absl::StrAppend(&fields, ", cpu = 512, memory = 1024");
    if (i % 7 == 2) absl::StrAppend(&fields, ", desired_count = 4");
    if (ServicePublic(i)) absl::StrAppend(&fields, ", public = true");
    if (ServiceDatabase(i)) absl::StrAppend(&fields, ", database = true");
    if (i % 6 == 3) {
      absl::StrAppend(&fields, ", ingress_cidrs = [\"10.", 20 + i % 30,
                      ".0.0/16\", \"192.168.", i, ".0/24\"]");
    }
    if (i % 4 == 1) {
      absl::StrAppend(&fields, ", environment = { FEATURE_FLAGS = \"", Name(i),
                      "\", WORKERS = \"", 2 + i % 6, "\" }");
    }
    if (i % 9 == 4) absl::StrAppend(&fields, ", health_check = \"/ready\"");
    absl::StrAppend(&services, "    \"", Name(i), "\" = { ", fields, " }\n");
  }
  std::string buckets;
  for (int i = 0; i < kBuckets; ++i) {
    std::string fields = absl::StrCat(
        "classification = \"",
        i % 3 == 0 ? "internal" : (i % 3 == 1 ? "confidential" : "public"),
        "\"");
    if (BucketPublic(i)) absl::StrAppend(&fields, ", public = true");
    if (i % 4 == 3) absl::StrAppend(&fields, ", versioning = false");
    if (i % 3 == 1) absl::StrAppend(&fields, ", kms = true");
    if (BucketExpires(i)) {
      absl::StrAppend(&fields, ", expire_days = ", 30 + (i % 4) * 30);
    }
    if (i % 8 == 5) {
      absl::StrAppend(&fields, ", readers = [\"1111222233", 30 + i, "\"]");
    }
    absl::StrAppend(&buckets, "    \"", BucketName(i), "\" = { ", fields,
                    " }\n");
  }
  std::string functions;
  for (int i = 0; i < kFunctions; ++i) {
    std::string fields =
        absl::StrCat("handler = \"", kWords[i % kWordCount], ".handler\"");
    if (i % 4 == 2) {
      absl::StrAppend(&fields, ", runtime = \"nodejs20.x\", memory = 256");
    }
    if (i % 2 == 1) absl::StrAppend(&fields, ", vpc = true");
    if (i % 5 == 4) absl::StrAppend(&fields, ", timeout = 300");
    if (FunctionScheduled(i)) {
      absl::StrAppend(&fields, ", schedule = \"rate(", 5 + i, " minutes)\"");
    }
    absl::StrAppend(&functions, "    \"fn-", Name(i), "\" = { ", fields,
                    " }\n");
  }
  std::string queues;
  for (int i = 0; i < kQueues; ++i) {
    std::string fields = "";
    if (QueueFifo(i)) fields = "fifo = true";
    if (QueueSubscribed(i)) {
      fields = absl::StrCat("topic = \"", kTopics[i % kTopicCount], "\"");
    }
    if (i % 3 == 2) {
      absl::StrAppend(&fields, fields.empty() ? "" : ", ",
                      "visibility_timeout = ", 60 + i * 10);
    }
    absl::StrAppend(&queues, "    \"q-", Name(i), "\" = {",
                    fields.empty() ? "" : " ", fields,
                    fields.empty() ? "" : " ", "}\n");
  }
  std::string topics;
  for (int i = 0; i < kTopicCount; ++i) {
    absl::StrAppend(&topics, i == 0 ? "" : ", ", "\"", kTopics[i], "\"");
  }
  std::string settings;
  for (int i = 0; i < Parameters(); ++i) {
    const bool secret = i % 10 == 0;
    absl::StrAppend(&settings, "    ", secret ? "secret_" : "setting_",
                    absl::StrFormat("%03d", i), " = \"",
                    secret ? "placeholder" : absl::StrCat("value-", i * 7),
                    "\"\n");
  }
  return absl::StrCat(
      R"hcl(# Inputs of the platform stack. Defaults describe the production layout.

variable "name" {
  description = "Short name of the platform, used as a prefix."
  type        = string
  default     = "acme"
}

variable "environment" {
  description = "Deployment environment."
  type        = string
  default     = "production"

  validation {
    condition     = contains(["production", "staging", "development"], var.environment)
    error_message = "The environment must be production, staging or development."
  }
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "account_id" {
  type    = string
  default = "123456789012"
}

variable "availability_zones" {
  type    = list(string)
  default = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]
}

variable "vpc_cidr" {
  description = "The VPC's address block; subnets are /24s carved from it."
  type        = string
  default     = "10.0.0.0/16"
}

variable "subnets_per_tier" {
  type    = number
  default = )hcl",
      kSubnetsPerTier, R"hcl(
}

variable "domain" {
  type    = string
  default = "acme.example.com"
}

variable "registry" {
  type    = string
  default = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
}

variable "image_tags" {
  description = "Image tag per service; services not listed run latest."
  type        = map(string)
  default = {
    "orders-0"  = "v1.42.0"
    "billing-0" = "v3.1.7"
    "search-0"  = "2024-11-02"
  }
}

variable "tags" {
  type = map(string)
  default = {
    Owner      = "platform-team"
    CostCenter = "cc-4410"
  }
}

variable "alarm_thresholds" {
  type    = map(number)
  default = { cpu = 85 }
}

variable "service_managed_policy_arns" {
  type = list(string)
  default = [
    "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
  ]
}

variable "interface_endpoints" {
  type    = list(string)
  default = ["s3", "ecr.api", "ecr.dkr", "logs", "ssm", "secretsmanager", "sts"]
}

variable "services" {
  description = "The containerised services, by name."
  type = map(object({
    port          = number
    cpu           = optional(number, 256)
    memory        = optional(number, 512)
    desired_count = optional(number, 2)
    public        = optional(bool, false)
    database      = optional(bool, false)
    health_check  = optional(string, "/health")
    ingress_cidrs = optional(list(string), [])
    environment   = optional(map(string), {})
  }))
  default = {
)hcl",
      services, R"hcl(  }
}

variable "buckets" {
  description = "S3 buckets, by purpose."
  type = map(object({
    classification = string
    public         = optional(bool, false)
    versioning     = optional(bool, true)
    kms            = optional(bool, false)
    expire_days    = optional(number)
    readers        = optional(list(string), [])
  }))
  default = {
)hcl",
      buckets, R"hcl(  }
}

variable "functions" {
  type = map(object({
    handler  = string
    runtime  = optional(string, "python3.12")
    memory   = optional(number, 128)
    timeout  = optional(number, 30)
    vpc      = optional(bool, false)
    schedule = optional(string)
  }))
  default = {
)hcl",
      functions, R"hcl(  }
}

variable "queues" {
  type = map(object({
    fifo               = optional(bool, false)
    visibility_timeout = optional(number, 30)
    topic              = optional(string)
  }))
  default = {
)hcl",
      queues, R"hcl(  }
}

variable "topics" {
  type    = list(string)
  default = [)hcl",
      topics, R"hcl(]
}

variable "settings" {
  description = "Runtime settings published to SSM Parameter Store."
  type        = map(string)
  default = {
)hcl",
      settings, "  }\n}\n");
}

inline constexpr const char kVersions[] = R"hcl(terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "platform/terraform.tfstate"
    region = "us-east-1"
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.common_tags
  }
}
)hcl";

inline constexpr const char kLocals[] = R"hcl(locals {
  name_prefix   = "${var.name}-${var.environment}"
  is_production = var.environment == "production"
  azs           = slice(var.availability_zones, 0, local.is_production ? 3 : 2)
  az_count      = length(local.azs)
  nat_count     = local.is_production ? local.az_count : 1
  owner         = try(var.tags["Owner"], "platform")

  common_tags = merge(var.tags, {
    Environment = var.environment
    Project     = var.name
    ManagedBy   = "terraform"
    Owner       = local.owner
  })

  public_services   = { for name, service in var.services : name => service if service.public }
  database_services = { for name, service in var.services : name => service if service.database }

  default_environment = {
    ENVIRONMENT = var.environment
    REGION      = var.region
    LOG_LEVEL   = local.is_production ? "info" : "debug"
    DOMAIN      = var.domain
  }

  service_managed_policies = {
    for pair in setproduct(keys(var.services), var.service_managed_policy_arns) :
    "${pair[0]}/${basename(pair[1])}" => { service = pair[0], policy_arn = pair[1] }
  }

  service_alarms = {
    for pair in setproduct(keys(var.services), ["cpu", "memory"]) :
    "${pair[0]}-${pair[1]}" => { service = pair[0], metric = pair[1] }
  }

  tier_subnet_ids = {
    public   = aws_subnet.public[*].id
    private  = aws_subnet.private[*].id
    database = aws_subnet.database[*].id
  }

  db_port = 5432
}
)hcl";

inline constexpr const char kVpc[] = R"hcl(resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(local.common_tags, { Name = local.name_prefix })
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
  tags   = merge(local.common_tags, { Name = "${local.name_prefix}-igw" })
}

resource "aws_subnet" "public" {
  count                   = var.subnets_per_tier
  vpc_id                  = aws_vpc.main.id
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, count.index)
  availability_zone       = element(local.azs, count.index)
  map_public_ip_on_launch = true

  tags = merge(local.common_tags, {
    Name = format("%s-public-%02d", local.name_prefix, count.index)
    Tier = "public"
  })
}

resource "aws_subnet" "private" {
  count             = var.subnets_per_tier * 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 64)
  availability_zone = local.azs[count.index % local.az_count]

  tags = merge(local.common_tags, {
    Name = format("%s-private-%02d", local.name_prefix, count.index)
    Tier = "private"
  })
}

resource "aws_subnet" "database" {
  count             = var.subnets_per_tier
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 192)
  availability_zone = element(local.azs, count.index)

  tags = merge(local.common_tags, {
    Name = "${local.name_prefix}-database-${count.index}"
    Tier = "database"
  })
}

resource "aws_eip" "nat" {
  count  = local.nat_count
  domain = "vpc"
  tags   = merge(local.common_tags, { Name = "${local.name_prefix}-nat-${local.azs[count.index]}" })
}

resource "aws_nat_gateway" "main" {
  count         = local.nat_count
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
  depends_on    = [aws_internet_gateway.main]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = merge(local.common_tags, { Name = "${local.name_prefix}-public" })
}

resource "aws_route_table" "private" {
  count  = local.nat_count
  vpc_id = aws_vpc.main.id
  tags   = merge(local.common_tags, { Name = "${local.name_prefix}-private-${count.index}" })
}

resource "aws_route" "private_nat" {
  count                  = local.nat_count
  route_table_id         = aws_route_table.private[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main[count.index].id
}

resource "aws_route_table_association" "public" {
  count          = length(aws_subnet.public)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private" {
  count          = length(aws_subnet.private)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index % local.nat_count].id
}

resource "aws_route_table_association" "database" {
  count          = var.subnets_per_tier
  subnet_id      = aws_subnet.database[count.index].id
  route_table_id = aws_route_table.private[count.index % local.nat_count].id
}

resource "aws_vpc_endpoint" "this" {
  for_each            = toset(var.interface_endpoints)
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.${var.region}.${each.value}"
  vpc_endpoint_type   = each.value == "s3" ? "Gateway" : "Interface"
  subnet_ids          = each.value == "s3" ? null : slice(aws_subnet.private[*].id, 0, local.az_count)
  security_group_ids  = each.value == "s3" ? null : [aws_security_group.lambda.id]
  route_table_ids     = each.value == "s3" ? aws_route_table.private[*].id : null
  private_dns_enabled = each.value != "s3"
  tags                = merge(local.common_tags, { Name = "${local.name_prefix}-${replace(each.value, ".", "-")}" })
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = "/vpc/${local.name_prefix}/flow-logs"
  retention_in_days = local.is_production ? 365 : 30
  kms_key_id        = aws_kms_key.this["logs"].arn
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn    = aws_iam_role.execution.arn
}
)hcl";

inline constexpr const char kNetworkAcls[] = R"hcl(locals {
  nacl_rules = {
    public = [
      { number = 100, egress = false, protocol = "tcp", action = "allow", cidr = "0.0.0.0/0", from = 443, to = 443 },
      { number = 110, egress = false, protocol = "tcp", action = "allow", cidr = "0.0.0.0/0", from = 80, to = 80 },
      { number = 120, egress = false, protocol = "tcp", action = "allow", cidr = "0.0.0.0/0", from = 1024, to = 65535 },
      { number = 130, egress = false, protocol = "tcp", action = "deny", cidr = "0.0.0.0/0", from = 22, to = 22 },
      { number = 100, egress = true, protocol = "-1", action = "allow", cidr = "0.0.0.0/0", from = 0, to = 0 },
      { number = 110, egress = true, protocol = "tcp", action = "allow", cidr = var.vpc_cidr, from = 0, to = 65535 },
    ]
    private = [
      { number = 100, egress = false, protocol = "tcp", action = "allow", cidr = var.vpc_cidr, from = 0, to = 65535 },
      { number = 110, egress = false, protocol = "tcp", action = "allow", cidr = "0.0.0.0/0", from = 1024, to = 65535 },
      { number = 120, egress = false, protocol = "udp", action = "allow", cidr = var.vpc_cidr, from = 53, to = 53 },
      { number = 100, egress = true, protocol = "-1", action = "allow", cidr = "0.0.0.0/0", from = 0, to = 0 },
      { number = 110, egress = true, protocol = "udp", action = "allow", cidr = var.vpc_cidr, from = 53, to = 53 },
    ]
    database = [
      { number = 100, egress = false, protocol = "tcp", action = "allow", cidr = cidrsubnet(var.vpc_cidr, 2, 1), from = local.db_port, to = local.db_port },
      { number = 200, egress = false, protocol = "-1", action = "deny", cidr = "0.0.0.0/0", from = 0, to = 0 },
      { number = 100, egress = true, protocol = "tcp", action = "allow", cidr = cidrsubnet(var.vpc_cidr, 2, 1), from = 1024, to = 65535 },
      { number = 200, egress = true, protocol = "-1", action = "deny", cidr = "0.0.0.0/0", from = 0, to = 0 },
    ]
  }

  nacl_rule_list = flatten([
    for tier, rules in local.nacl_rules : [
      for rule in rules : merge(rule, { tier = tier })
    ]
  ])
}

resource "aws_network_acl" "tier" {
  for_each   = local.nacl_rules
  vpc_id     = aws_vpc.main.id
  subnet_ids = local.tier_subnet_ids[each.key]
  tags       = merge(local.common_tags, { Name = "${local.name_prefix}-${each.key}" })
}

resource "aws_network_acl_rule" "tier" {
  for_each = {
    for rule in local.nacl_rule_list :
    "${rule.tier}-${rule.egress ? "out" : "in"}-${rule.number}" => rule
  }

  network_acl_id = aws_network_acl.tier[each.value.tier].id
  rule_number    = each.value.number
  egress         = each.value.egress
  protocol       = each.value.protocol
  rule_action    = each.value.action
  cidr_block     = each.value.cidr
  from_port      = each.value.protocol == "-1" ? null : each.value.from
  to_port        = each.value.protocol == "-1" ? null : each.value.to
}
)hcl";

inline constexpr const char kSecurityGroups[] =
    R"hcl(resource "aws_security_group" "lb" {
  name        = "${local.name_prefix}-lb"
  description = "Public load balancer"
  vpc_id      = aws_vpc.main.id

  dynamic "ingress" {
    for_each = [80, 443]
    content {
      description      = "HTTP${ingress.value == 443 ? "S" : ""} from anywhere"
      from_port        = ingress.value
      to_port          = ingress.value
      protocol         = "tcp"
      cidr_blocks      = ["0.0.0.0/0"]
      ipv6_cidr_blocks = ["::/0"]
    }
  }

  egress {
    description = "To the services"
    from_port   = 8000
    to_port     = 8999
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  tags = merge(local.common_tags, { Name = "${local.name_prefix}-lb" })
}

resource "aws_security_group" "service" {
  for_each    = var.services
  name        = "${local.name_prefix}-${each.key}"
  description = "Service ${each.key} (port ${each.value.port})"
  vpc_id      = aws_vpc.main.id

  dynamic "ingress" {
    for_each = each.value.ingress_cidrs
    iterator = client
    content {
      description = "Clients in ${client.value}"
      from_port   = each.value.port
      to_port     = each.value.port
      protocol    = "tcp"
      cidr_blocks = [client.value]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = merge(local.common_tags, {
    Name    = "${local.name_prefix}-${each.key}"
    Service = each.key
    Public  = tostring(each.value.public)
  })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group_rule" "service_from_lb" {
  for_each                 = var.services
  type                     = "ingress"
  description              = "From the load balancer"
  from_port                = each.value.port
  to_port                  = each.value.port
  protocol                 = "tcp"
  security_group_id        = aws_security_group.service[each.key].id
  source_security_group_id = aws_security_group.lb.id
}

resource "aws_security_group" "db" {
  name        = "${local.name_prefix}-db"
  description = "Aurora cluster"
  vpc_id      = aws_vpc.main.id
  tags        = merge(local.common_tags, { Name = "${local.name_prefix}-db" })
}

resource "aws_security_group_rule" "db_from_service" {
  for_each                 = local.database_services
  type                     = "ingress"
  description              = "PostgreSQL from ${each.key}"
  from_port                = local.db_port
  to_port                  = local.db_port
  protocol                 = "tcp"
  security_group_id        = aws_security_group.db.id
  source_security_group_id = aws_security_group.service[each.key].id
}

resource "aws_security_group" "lambda" {
  name        = "${local.name_prefix}-lambda"
  description = "Functions in the VPC and the interface endpoints"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS within the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  egress {
    from_port       = 0
    to_port         = 0
    protocol        = "-1"
    cidr_blocks     = ["0.0.0.0/0"]
    security_groups = [aws_security_group.db.id]
  }
}
)hcl";

inline constexpr const char kIam[] =
    R"hcl(data "aws_iam_policy_document" "ecs_assume" {
  statement {
    sid     = "EcsTasksAssume"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${local.name_prefix}-ecs-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
  tags               = local.common_tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "service" {
  for_each             = var.services
  name                 = "${local.name_prefix}-${each.key}-task"
  assume_role_policy   = data.aws_iam_policy_document.ecs_assume.json
  max_session_duration = 3600
  tags                 = merge(local.common_tags, { Service = each.key })
}

resource "aws_iam_role_policy" "service" {
  for_each = var.services
  name     = "${each.key}-access"
  role     = aws_iam_role.service[each.key].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.service[each.key].arn}:*"
      },
      {
        Sid      = "Settings"
        Effect   = "Allow"
        Action   = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]
        Resource = "arn:aws:ssm:${var.region}:${var.account_id}:parameter/${local.name_prefix}/*"
      },
      {
        Sid      = "Artifacts"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "${aws_s3_bucket.this["artifacts"].arn}/${each.key}/*"
      },
      ], each.value.database ? [
      {
        Sid      = "Database"
        Effect   = "Allow"
        Action   = ["rds-db:connect"]
        Resource = "arn:aws:rds-db:${var.region}:${var.account_id}:dbuser:${aws_rds_cluster.main.cluster_resource_id}/${replace(each.key, "-", "_")}"
      },
    ] : [])
  })
}

resource "aws_iam_role_policy_attachment" "service" {
  for_each   = local.service_managed_policies
  role       = aws_iam_role.service[each.value.service].name
  policy_arn = each.value.policy_arn
}
)hcl";

inline constexpr const char kEcs[] = R"hcl(resource "aws_ecs_cluster" "main" {
  name = local.name_prefix

  setting {
    name  = "containerInsights"
    value = local.is_production ? "enabled" : "disabled"
  }
}

resource "aws_cloudwatch_log_group" "service" {
  for_each          = var.services
  name              = "/ecs/${local.name_prefix}/${each.key}"
  retention_in_days = local.is_production ? 90 : 14
  kms_key_id        = aws_kms_key.this["logs"].arn
  tags              = merge(local.common_tags, { Service = each.key })
}

resource "aws_ecs_task_definition" "service" {
  for_each                 = var.services
  family                   = "${local.name_prefix}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  task_role_arn            = aws_iam_role.service[each.key].arn
  execution_role_arn       = aws_iam_role.execution.arn

  container_definitions = jsonencode([
    {
      name      = each.key
      image     = "${var.registry}/${each.key}:${lookup(var.image_tags, each.key, "latest")}"
      essential = true
      portMappings = [
        { containerPort = each.value.port, hostPort = each.value.port, protocol = "tcp" }
      ]
      environment = [
        for key, value in merge(local.default_environment, each.value.environment) :
        { name = key, value = tostring(value) }
      ]
      healthCheck = {
        command  = ["CMD-SHELL", "curl -fs http://localhost:${each.value.port}${each.value.health_check} || exit 1"]
        interval = 30
        retries  = 3
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.service[each.key].name
          "awslogs-region"        = var.region
          "awslogs-stream-prefix" = each.key
        }
      }
    }
  ])
}

resource "aws_ecs_service" "service" {
  for_each        = var.services
  name            = each.key
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.service[each.key].arn
  desired_count   = local.is_production ? max(each.value.desired_count, 2) : 1
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.service[each.key].id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = each.value.public ? [each.value.port] : []
    content {
      target_group_arn = aws_lb_target_group.service[each.key].arn
      container_name   = each.key
      container_port   = load_balancer.value
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}
)hcl";

inline constexpr const char kLoadBalancer[] = R"hcl(resource "aws_lb" "public" {
  name                       = "${local.name_prefix}-public"
  internal                   = false
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.lb.id]
  subnets                    = slice(aws_subnet.public[*].id, 0, local.az_count)
  enable_deletion_protection = local.is_production
  drop_invalid_header_fields = true

  access_logs {
    bucket  = aws_s3_bucket.this["alb-logs"].id
    prefix  = "public"
    enabled = true
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.public.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.public.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:${var.region}:${var.account_id}:certificate/0e2f7d2a-1b2c-4d5e-8f90-123456789abc"

  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "Not found"
      status_code  = "404"
    }
  }
}

resource "aws_lb_target_group" "service" {
  for_each    = local.public_services
  name        = substr("${var.name}-${each.key}", 0, 32)
  port        = each.value.port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.main.id

  health_check {
    path                = each.value.health_check
    matcher             = "200-299"
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener_rule" "service" {
  for_each     = local.public_services
  listener_arn = aws_lb_listener.https.arn
  priority     = 100 + index(keys(local.public_services), each.key)

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.service[each.key].arn
  }

  condition {
    host_header {
      values = ["${each.key}.${var.domain}"]
    }
  }
}

resource "aws_route53_zone" "main" {
  name = var.domain
}

resource "aws_route53_record" "service" {
  for_each = local.public_services
  zone_id  = aws_route53_zone.main.zone_id
  name     = "${each.key}.${var.domain}"
  type     = "A"

  alias {
    name                   = aws_lb.public.dns_name
    zone_id                = aws_lb.public.zone_id
    evaluate_target_health = true
  }
}
)hcl";

inline constexpr const char kS3[] = R"hcl(resource "aws_s3_bucket" "this" {
  for_each      = var.buckets
  bucket        = "${local.name_prefix}-${each.key}-${var.account_id}"
  force_destroy = !local.is_production

  tags = merge(local.common_tags, {
    Name           = each.key
    Classification = each.value.classification
  })
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = var.buckets
  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = !each.value.public
  restrict_public_buckets = !each.value.public
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = var.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = each.value.versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = var.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = each.value.kms ? "aws:kms" : "AES256"
      kms_master_key_id = each.value.kms ? aws_kms_key.this["s3"].arn : null
    }
    bucket_key_enabled = each.value.kms
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = { for name, bucket in var.buckets : name => bucket if bucket.expire_days != null }
  bucket   = aws_s3_bucket.this[each.key].id

  rule {
    id     = "expire"
    status = "Enabled"

    filter {}

    expiration {
      days = each.value.expire_days
    }

    noncurrent_version_expiration {
      noncurrent_days = max(7, floor(each.value.expire_days / 4))
    }
  }
}

data "aws_iam_policy_document" "bucket" {
  for_each = var.buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[each.key].arn, "${aws_s3_bucket.this[each.key].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  dynamic "statement" {
    for_each = each.value.public ? ["public"] : []
    content {
      sid       = "PublicRead"
      actions   = ["s3:GetObject"]
      resources = ["${aws_s3_bucket.this[each.key].arn}/*"]

      principals {
        type        = "*"
        identifiers = ["*"]
      }
    }
  }

  dynamic "statement" {
    for_each = each.value.readers
    content {
      sid       = "CrossAccountRead${statement.key}"
      actions   = ["s3:GetObject", "s3:ListBucket"]
      resources = [aws_s3_bucket.this[each.key].arn, "${aws_s3_bucket.this[each.key].arn}/*"]

      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::${statement.value}:root"]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each   = var.buckets
  bucket     = aws_s3_bucket.this[each.key].id
  policy     = data.aws_iam_policy_document.bucket[each.key].json
  depends_on = [aws_s3_bucket_public_access_block.this]
}
)hcl";

inline constexpr const char kLambda[] =
    R"hcl(resource "aws_iam_role" "function" {
  for_each = var.functions
  name     = "${local.name_prefix}-${each.key}"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "function" {
  for_each   = var.functions
  role       = aws_iam_role.function[each.key].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/${each.value.vpc ? "AWSLambdaVPCAccessExecutionRole" : "AWSLambdaBasicExecutionRole"}"
}

resource "aws_cloudwatch_log_group" "function" {
  for_each          = var.functions
  name              = "/aws/lambda/${local.name_prefix}-${each.key}"
  retention_in_days = 30
}

resource "aws_lambda_function" "this" {
  for_each      = var.functions
  function_name = "${local.name_prefix}-${each.key}"
  role          = aws_iam_role.function[each.key].arn
  runtime       = each.value.runtime
  handler       = each.value.handler
  filename      = "${path.module}/build/${each.key}.zip"
  memory_size   = each.value.memory
  timeout       = each.value.timeout
  architectures = [startswith(each.value.runtime, "python") ? "arm64" : "x86_64"]

  environment {
    variables = merge(local.default_environment, {
      FUNCTION = each.key
      BUCKET   = aws_s3_bucket.this["artifacts"].bucket
    })
  }

  dynamic "vpc_config" {
    for_each = each.value.vpc ? [true] : []
    content {
      subnet_ids         = aws_subnet.private[*].id
      security_group_ids = [aws_security_group.lambda.id]
    }
  }

  tracing_config {
    mode = local.is_production ? "Active" : "PassThrough"
  }

  depends_on = [aws_cloudwatch_log_group.function]
}

resource "aws_cloudwatch_event_rule" "schedule" {
  for_each            = { for name, function in var.functions : name => function if function.schedule != null }
  name                = "${local.name_prefix}-${each.key}"
  schedule_expression = each.value.schedule
}

resource "aws_cloudwatch_event_target" "schedule" {
  for_each = aws_cloudwatch_event_rule.schedule
  rule     = each.value.name
  arn      = aws_lambda_function.this[each.key].arn
}

resource "aws_lambda_permission" "schedule" {
  for_each      = aws_cloudwatch_event_rule.schedule
  statement_id  = "AllowEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this[each.key].function_name
  principal     = "events.amazonaws.com"
  source_arn    = each.value.arn
}
)hcl";

inline constexpr const char kMessaging[] =
    R"hcl(resource "aws_sns_topic" "this" {
  for_each          = toset(var.topics)
  name              = "${local.name_prefix}-${each.value}"
  kms_master_key_id = aws_kms_key.this["messaging"].id
}

resource "aws_sqs_queue" "dead_letter" {
  for_each                  = var.queues
  name                      = each.value.fifo ? "${local.name_prefix}-${each.key}-dlq.fifo" : "${local.name_prefix}-${each.key}-dlq"
  fifo_queue                = each.value.fifo
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "this" {
  for_each                   = var.queues
  name                       = each.value.fifo ? "${local.name_prefix}-${each.key}.fifo" : "${local.name_prefix}-${each.key}"
  fifo_queue                 = each.value.fifo
  visibility_timeout_seconds = each.value.visibility_timeout
  kms_master_key_id          = aws_kms_key.this["messaging"].id

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue_policy" "this" {
  for_each  = { for name, queue in var.queues : name => queue if queue.topic != null }
  queue_url = aws_sqs_queue.this[each.key].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "FromTopic"
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.this[each.key].arn
      Condition = {
        ArnEquals = { "aws:SourceArn" = aws_sns_topic.this[each.value.topic].arn }
      }
    }]
  })
}

resource "aws_sns_topic_subscription" "this" {
  for_each             = { for name, queue in var.queues : name => queue if queue.topic != null }
  topic_arn            = aws_sns_topic.this[each.value.topic].arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.this[each.key].arn
  raw_message_delivery = true
}
)hcl";

inline constexpr const char kKms[] = R"hcl(locals {
  kms_purposes = {
    logs      = "CloudWatch Logs"
    s3        = "S3 buckets"
    messaging = "SNS topics and SQS queues"
    rds       = "the Aurora cluster"
  }
}

data "aws_iam_policy_document" "kms" {
  for_each = local.kms_purposes

  statement {
    sid       = "AccountRoot"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }

  dynamic "statement" {
    for_each = each.key == "logs" ? ["logs.${var.region}.amazonaws.com"] : []
    content {
      sid       = "CloudWatchLogs"
      actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = [statement.value]
      }

      condition {
        test     = "ArnLike"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = ["arn:aws:logs:${var.region}:${var.account_id}:*"]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  for_each                = local.kms_purposes
  description             = "${local.name_prefix}: ${each.value}"
  enable_key_rotation     = true
  deletion_window_in_days = local.is_production ? 30 : 7
  policy                  = data.aws_iam_policy_document.kms[each.key].json
}

resource "aws_kms_alias" "this" {
  for_each      = local.kms_purposes
  name          = "alias/${local.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}
)hcl";

inline constexpr const char kRds[] =
    R"hcl(resource "aws_db_subnet_group" "main" {
  name       = "${local.name_prefix}-db"
  subnet_ids = aws_subnet.database[*].id
}

resource "aws_rds_cluster_parameter_group" "main" {
  name   = "${local.name_prefix}-aurora-pg15"
  family = "aurora-postgresql15"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name         = "log_min_duration_statement"
    value        = local.is_production ? "1000" : "100"
    apply_method = "immediate"
  }
}

resource "aws_rds_cluster" "main" {
  cluster_identifier              = "${local.name_prefix}-db"
  engine                          = "aurora-postgresql"
  engine_version                  = "15.4"
  database_name                   = replace(var.name, "-", "_")
  master_username                 = "app_admin"
  manage_master_user_password     = true
  port                            = local.db_port
  db_subnet_group_name            = aws_db_subnet_group.main.name
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.main.name
  vpc_security_group_ids          = [aws_security_group.db.id]
  storage_encrypted               = true
  kms_key_id                      = aws_kms_key.this["rds"].arn
  backup_retention_period         = local.is_production ? 14 : 1
  deletion_protection             = local.is_production
  skip_final_snapshot             = !local.is_production
}

resource "aws_rds_cluster_instance" "main" {
  count                = 2
  identifier           = "${local.name_prefix}-db-${count.index}"
  cluster_identifier   = aws_rds_cluster.main.id
  instance_class       = local.is_production ? "db.r6g.large" : "db.t4g.medium"
  engine               = aws_rds_cluster.main.engine
  db_subnet_group_name = aws_db_subnet_group.main.name
  publicly_accessible  = false
}
)hcl";

inline constexpr const char kMonitoring[] =
    R"hcl(resource "aws_cloudwatch_metric_alarm" "service" {
  for_each            = local.service_alarms
  alarm_name          = "${local.name_prefix}-${each.key}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  metric_name         = each.value.metric == "cpu" ? "CPUUtilization" : "MemoryUtilization"
  namespace           = "AWS/ECS"
  period              = 60
  statistic           = "Average"
  threshold           = lookup(var.alarm_thresholds, each.value.metric, 80)
  alarm_description   = "${title(each.value.metric)} of ${each.value.service} above ${lookup(var.alarm_thresholds, each.value.metric, 80)}%"
  alarm_actions       = [aws_sns_topic.this["alerts"].arn]

  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.service[each.value.service].name
  }
}

resource "aws_ssm_parameter" "setting" {
  for_each = var.settings
  name     = "/${local.name_prefix}/${replace(each.key, "_", "/")}"
  type     = startswith(each.key, "secret_") ? "SecureString" : "String"
  value    = each.value
  key_id   = startswith(each.key, "secret_") ? aws_kms_key.this["logs"].key_id : null
  tags     = local.common_tags

  lifecycle {
    ignore_changes = [value]
  }
}
)hcl";

inline constexpr const char kModules[] = R"hcl(module "worker_ingest" {
  source = "./modules/worker"

  name        = "${local.name_prefix}-ingest"
  vpc_id      = aws_vpc.main.id
  subnet_ids  = aws_subnet.private[*].id
  kms_key_arn = aws_kms_key.this["messaging"].arn
  tags        = local.common_tags

  queue = {
    visibility_timeout = 900
    batch_size         = 10
  }
  allowed_egress_cidrs = ["0.0.0.0/0"]
}

module "worker_reports" {
  source = "./modules/worker"

  name        = "${local.name_prefix}-reports"
  vpc_id      = aws_vpc.main.id
  subnet_ids  = aws_subnet.private[*].id
  kms_key_arn = aws_kms_key.this["messaging"].arn
  tags        = merge(local.common_tags, { Team = "analytics" })

  queue = {
    fifo = true
  }
  allowed_egress_cidrs = [var.vpc_cidr]
  read_bucket_arns     = [aws_s3_bucket.this["backups"].arn]
}

module "worker_billing" {
  source = "./modules/worker"

  name        = "${local.name_prefix}-billing"
  vpc_id      = aws_vpc.main.id
  subnet_ids  = slice(aws_subnet.private[*].id, 0, 3)
  kms_key_arn = aws_kms_key.this["messaging"].arn
  tags        = local.common_tags

  queue = {
    visibility_timeout = 120
    batch_size         = 1
  }
  allowed_egress_cidrs = [var.vpc_cidr, "52.94.0.0/22"]
  upstream_queue_arn   = module.worker_ingest.queue_arn
}
)hcl";

inline constexpr const char kOutputs[] = R"hcl(output "vpc_id" {
  value = aws_vpc.main.id
}

output "private_subnet_cidrs" {
  value = aws_subnet.private[*].cidr_block
}

output "service_urls" {
  description = "Public services and their addresses."
  value       = { for name, service in local.public_services : name => "https://${name}.${var.domain}" }
}

output "bucket_names" {
  value = { for name, bucket in aws_s3_bucket.this : name => bucket.bucket }
}

output "worker_queues" {
  value = {
    ingest  = module.worker_ingest.queue_arn
    reports = module.worker_reports.queue_arn
    billing = module.worker_billing.queue_arn
  }
}

output "kms_aliases" {
  value = [for alias in aws_kms_alias.this : alias.name]
}
)hcl";

inline constexpr const char kWorkerVariables[] = R"hcl(variable "name" {
  description = "Prefix of every resource the worker creates."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "queue" {
  type = object({
    fifo               = optional(bool, false)
    visibility_timeout = optional(number, 60)
    batch_size         = optional(number, 5)
    max_receive_count  = optional(number, 4)
  })
  default = {}
}

variable "allowed_egress_cidrs" {
  type    = list(string)
  default = []
}

variable "read_bucket_arns" {
  type    = list(string)
  default = []
}

variable "upstream_queue_arn" {
  type    = string
  default = null
}

variable "runtime" {
  type    = string
  default = "python3.12"
}
)hcl";

inline constexpr const char kWorkerMain[] = R"hcl(locals {
  suffix = var.queue.fifo ? ".fifo" : ""
  tags   = merge(var.tags, { Component = "worker", Worker = var.name })
}

resource "aws_sqs_queue" "dead_letter" {
  name                      = "${var.name}-dlq${local.suffix}"
  fifo_queue                = var.queue.fifo
  message_retention_seconds = 1209600
  kms_master_key_id         = var.kms_key_arn
  tags                      = local.tags
}

resource "aws_sqs_queue" "main" {
  name                       = "${var.name}${local.suffix}"
  fifo_queue                 = var.queue.fifo
  visibility_timeout_seconds = var.queue.visibility_timeout
  kms_master_key_id          = var.kms_key_arn

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = var.queue.max_receive_count
  })

  tags = local.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "access" {
  statement {
    sid       = "Consume"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = compact([aws_sqs_queue.main.arn, var.upstream_queue_arn])
  }

  statement {
    sid       = "Decrypt"
    actions   = ["kms:Decrypt"]
    resources = [coalesce(var.kms_key_arn, "*")]
  }

  dynamic "statement" {
    for_each = length(var.read_bucket_arns) > 0 ? [var.read_bucket_arns] : []
    content {
      sid       = "ReadBuckets"
      actions   = ["s3:GetObject", "s3:ListBucket"]
      resources = flatten([for arn in statement.value : [arn, "${arn}/*"]])
    }
  }
}

resource "aws_iam_role" "worker" {
  name               = "${var.name}-worker"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = local.tags
}

resource "aws_iam_role_policy" "worker" {
  name   = "access"
  role   = aws_iam_role.worker.id
  policy = data.aws_iam_policy_document.access.json
}

resource "aws_security_group" "worker" {
  name        = "${var.name}-worker"
  description = "Worker ${var.name}"
  vpc_id      = var.vpc_id

  dynamic "egress" {
    for_each = toset(var.allowed_egress_cidrs)
    content {
      description = egress.value == "0.0.0.0/0" ? "Anywhere" : "To ${egress.value}"
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = [egress.value]
    }
  }

  tags = local.tags
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = 30
  tags              = local.tags
}

resource "aws_lambda_function" "worker" {
  function_name = var.name
  role          = aws_iam_role.worker.arn
  runtime       = var.runtime
  handler       = "worker.handler"
  filename      = "${path.module}/worker.zip"
  timeout       = min(var.queue.visibility_timeout, 900)

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.worker.id]
  }

  environment {
    variables = {
      QUEUE_URL = aws_sqs_queue.main.id
      UPSTREAM  = var.upstream_queue_arn == null ? "" : var.upstream_queue_arn
    }
  }

  depends_on = [aws_cloudwatch_log_group.worker]
}

resource "aws_lambda_event_source_mapping" "worker" {
  event_source_arn = aws_sqs_queue.main.arn
  function_name    = aws_lambda_function.worker.arn
  batch_size       = var.queue.batch_size
  enabled          = true
}
)hcl";

inline constexpr const char kWorkerOutputs[] = R"hcl(output "queue_arn" {
  value = aws_sqs_queue.main.arn
}

output "queue_url" {
  value = aws_sqs_queue.main.id
}

output "role_arn" {
  value = aws_iam_role.worker.arn
}

output "function_name" {
  value = aws_lambda_function.worker.function_name
}
)hcl";

}  // namespace terraform_internal

// The 20 files, root module first (in name order), then the module's.
inline std::vector<TerraformFile> TerraformConfiguration() {
  namespace t = terraform_internal;
  return {
      {"ecs.tf", t::kEcs},
      {"iam.tf", t::kIam},
      {"kms.tf", t::kKms},
      {"lambda.tf", t::kLambda},
      {"load_balancer.tf", t::kLoadBalancer},
      {"locals.tf", t::kLocals},
      {"messaging.tf", t::kMessaging},
      {"modules.tf", t::kModules},
      {"monitoring.tf", t::kMonitoring},
      {"network_acls.tf", t::kNetworkAcls},
      {"outputs.tf", t::kOutputs},
      {"rds.tf", t::kRds},
      {"s3.tf", t::kS3},
      {"security_groups.tf", t::kSecurityGroups},
      {"variables.tf", t::Variables()},
      {"versions.tf", t::kVersions},
      {"vpc.tf", t::kVpc},
      {"modules/worker/main.tf", t::kWorkerMain},
      {"modules/worker/outputs.tf", t::kWorkerOutputs},
      {"modules/worker/variables.tf", t::kWorkerVariables},
  };
}

// Writes the configuration under `folder` (created if needed). Returns false
// when a file cannot be written.
inline bool WriteTerraformConfiguration(const std::filesystem::path& folder) {
  for (const TerraformFile& file : TerraformConfiguration()) {
    const std::filesystem::path path = folder / file.path;
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) return false;
    std::ofstream out(path, std::ios::binary);
    out << file.text;
    out.close();
    if (!out) return false;
  }
  return true;
}

}  // namespace polygraph::bench

#endif  // POLYGRAPH_BENCHMARKS_TERRAFORM_CONFIGURATION_H_
