#ifndef POLYGRAPH_BENCHMARKS_CLOUDFORMATION_TEMPLATE_H_
#define POLYGRAPH_BENCHMARKS_CLOUDFORMATION_TEMPLATE_H_

// A generated, realistic 500-resource CloudFormation template, the same on
// every call (no randomness): a three-zone VPC with four subnet tiers, NAT
// gateways, route tables, routes and associations, two network ACLs with
// entries; 41 security groups whose inline and standalone rules refer to
// each other; 30 Lambda functions with IAM roles (trust and inline
// policies), log groups and permissions; 40 S3 buckets with bucket
// policies; an Aurora cluster; a CloudFront distribution; then topics,
// queues and queue policies up to 500 resources. Parameters, Mappings read
// with Fn::FindInMap, Conditions, Fn::Sub, Fn::Join, Fn::If and Fn::GetAtt
// are used as real templates use them, and a few realistic mistakes (an
// open bucket, SSH from anywhere, an Allow *:*) give the rules work.
//
// Thread safety: stateless; thread-safe.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "template_tree.h"

namespace polygraph::bench {

inline constexpr int kResources = 500;
inline constexpr int kZones = 3;
inline constexpr int kSecurityGroups = 40;
inline constexpr int kFunctions = 30;
inline constexpr int kBuckets = 40;

inline std::string Id(const std::string& prefix, int i) {
  return absl::StrCat(prefix, i);
}

inline Node Tags(Node name) {
  return L({M({{"Key", S("Name")}, {"Value", std::move(name)}}),
            M({{"Key", S("Environment")}, {"Value", Ref("Env")}})});
}

class TemplateWriter {
 public:
  Node Build() {
    Network();
    SecurityGroups();
    Storage();
    Functions();
    Database();
    Cdn();
    // Queues and topics with queue policies until the count is reached.
    for (int i = 0; static_cast<int>(resources_.size()) < kResources; ++i) {
      Add(Id("Topic", i), "AWS::SNS::Topic",
          M({{"TopicName", Sub(absl::StrCat("${AWS::StackName}-events-", i))},
             {"KmsMasterKeyId", S("alias/aws/sns")}}));
      if (static_cast<int>(resources_.size()) == kResources) break;
      Add(Id("Queue", i), "AWS::SQS::Queue",
          M({{"QueueName", Sub(absl::StrCat("${AWS::StackName}-work-", i))},
             {"MessageRetentionPeriod", If("IsProd", N(1209600), N(345600))}}));
      if (static_cast<int>(resources_.size()) == kResources) break;
      Add(Id("QueuePolicy", i), "AWS::SQS::QueuePolicy",
          M({{"Queues", L({Ref(Id("Queue", i))})},
             {"PolicyDocument",
              Policy({Statement(
                  "Allow", M({{"Service", S("sns.amazonaws.com")}}),
                  L({S("sqs:SendMessage")}), GetAtt(Id("Queue", i), "Arn"),
                  M({{"ArnEquals",
                      M({{"aws:SourceArn", Ref(Id("Topic", i))}})}}))})}}));
    }
    Node outputs = M({});
    for (const char* id : {"Vpc", "Cdn", "Cluster"}) {
      outputs.fields.push_back(
          {absl::StrCat(id, "Id"),
           M({{"Value", Ref(id)},
              {"Export",
               M({{"Name", Sub(absl::StrCat("${AWS::StackName}-", id))}})}})});
    }
    return M({{"AWSTemplateFormatVersion", S("2010-09-09")},
              {"Description", S("Generated three-tier application stack "
                                "(benchmarks/cloudformation_benchmark.cc)")},
              {"Parameters", Parameters()},
              {"Mappings", Mappings()},
              {"Conditions", Conditions()},
              {"Resources", M(std::move(resources_))},
              {"Outputs", std::move(outputs)}});
  }

 private:
  void Add(std::string id, std::string type, Node properties,
           std::vector<std::pair<std::string, Node>> attributes = {}) {
    Node resource = M({{"Type", S(std::move(type))}});
    for (auto& attribute : attributes) {
      resource.fields.push_back(std::move(attribute));
    }
    resource.fields.push_back({"Properties", std::move(properties)});
    resources_.push_back({std::move(id), std::move(resource)});
  }

  static Node Parameters() {
    return M({
        {"Env", M({{"Type", S("String")},
                   {"AllowedValues", L({S("dev"), S("staging"), S("prod")})},
                   {"Default", S("prod")}})},
        {"VpcCidr", M({{"Type", S("String")}, {"Default", S("10.0.0.0/16")}})},
        {"AdminCidr",
         M({{"Type", S("String")}, {"Default", S("203.0.113.0/24")}})},
        {"DbPassword",
         M({{"Type", S("String")}, {"NoEcho", B(true)}, {"MinLength", N(12)}})},
        {"ArtifactBucket",
         M({{"Type", S("String")}, {"Default", S("example-artifacts")}})},
    });
  }

  static Node Mappings() {
    Node env = M({});
    const char* names[] = {"dev", "staging", "prod"};
    for (int i = 0; i < 3; ++i) {
      env.fields.push_back(
          {names[i],
           M({{"DbClass", S(i == 2 ? "db.r6g.large" : "db.t4g.medium")},
              {"MemorySize", N(256 << i)},
              {"LogRetention", N(i == 2 ? 365 : 14)}})});
    }
    return M({{"EnvConfig", std::move(env)}});
  }

  static Node Conditions() {
    return M({
        {"IsProd", Fn("Equals", L({Ref("Env"), S("prod")}))},
        {"HasAdminCidr",
         Fn("Not", L({Fn("Equals", L({Ref("AdminCidr"), S("")}))}))},
        {"ProdWithAdmin", Fn("And", L({Fn("Condition", S("IsProd")),
                                       Fn("Condition", S("HasAdminCidr"))}))},
    });
  }

  // Principal, Resource (a trust policy) and Condition are left out when
  // given as empty maps.
  static Node Statement(std::string effect, Node principal, Node actions,
                        Node resource, Node condition = M({})) {
    Node statement = M({{"Effect", S(std::move(effect))}});
    if (principal.kind != Node::Kind::kMap || !principal.fields.empty()) {
      statement.fields.push_back({"Principal", std::move(principal)});
    }
    statement.fields.push_back({"Action", std::move(actions)});
    if (resource.kind != Node::Kind::kMap || !resource.fields.empty()) {
      statement.fields.push_back({"Resource", std::move(resource)});
    }
    if (!condition.fields.empty()) {
      statement.fields.push_back({"Condition", std::move(condition)});
    }
    return statement;
  }

  static Node Policy(std::vector<Node> statements) {
    return M({{"Version", S("2012-10-17")}, {"Statement", L(statements)}});
  }

  // 3 zones x 4 tiers of subnets, NAT per zone, route tables, routes,
  // associations, two network ACLs with entries.
  void Network() {
    Add("Vpc", "AWS::EC2::VPC",
        M({{"CidrBlock", Ref("VpcCidr")},
           {"EnableDnsSupport", B(true)},
           {"EnableDnsHostnames", B(true)},
           {"Tags", Tags(Sub("${AWS::StackName}-vpc"))}}));
    Add("InternetGateway", "AWS::EC2::InternetGateway",
        M({{"Tags", Tags(Sub("${AWS::StackName}-igw"))}}));
    Add("GatewayAttachment", "AWS::EC2::VPCGatewayAttachment",
        M({{"VpcId", Ref("Vpc")},
           {"InternetGatewayId", Ref("InternetGateway")}}));
    Add("PublicRoutes", "AWS::EC2::RouteTable", M({{"VpcId", Ref("Vpc")}}));
    Add("PublicDefaultRoute", "AWS::EC2::Route",
        M({{"RouteTableId", Ref("PublicRoutes")},
           {"DestinationCidrBlock", S("0.0.0.0/0")},
           {"GatewayId", Ref("InternetGateway")}}),
        {{"DependsOn", S("GatewayAttachment")}});
    Add("PublicAcl", "AWS::EC2::NetworkAcl", M({{"VpcId", Ref("Vpc")}}));
    Add("PrivateAcl", "AWS::EC2::NetworkAcl", M({{"VpcId", Ref("Vpc")}}));
    struct Entry {
      const char* acl;
      int number;
      int protocol;
      bool egress;
      Node cidr;
      int from;
      int to;
    };
    std::vector<Entry> entries = {
        {"PublicAcl", 100, 6, false, S("0.0.0.0/0"), 443, 443},
        {"PublicAcl", 110, 6, false, S("0.0.0.0/0"), 80, 80},
        {"PublicAcl", 120, 6, false, S("0.0.0.0/0"), 1024, 65535},
        {"PublicAcl", 130, 6, false, Ref("AdminCidr"), 22, 22},
        {"PublicAcl", 100, -1, true, S("0.0.0.0/0"), 0, 0},
        {"PrivateAcl", 100, -1, false, Ref("VpcCidr"), 0, 0},
        {"PrivateAcl", 110, 6, false, S("0.0.0.0/0"), 1024, 65535},
        {"PrivateAcl", 120, 17, false, S("0.0.0.0/0"), 1024, 65535},
        {"PrivateAcl", 100, 6, true, S("0.0.0.0/0"), 443, 443},
        {"PrivateAcl", 110, 6, true, Ref("VpcCidr"), 0, 65535},
        {"PrivateAcl", 120, 6, true, S("0.0.0.0/0"), 1024, 65535},
        {"PrivateAcl", 130, 17, true, S("0.0.0.0/0"), 53, 53},
    };
    for (size_t i = 0; i < entries.size(); ++i) {
      Entry& e = entries[i];
      Node properties = M({{"NetworkAclId", Ref(e.acl)},
                           {"RuleNumber", N(e.number)},
                           {"Protocol", N(e.protocol)},
                           {"RuleAction", S("allow")},
                           {"Egress", B(e.egress)},
                           {"CidrBlock", std::move(e.cidr)}});
      if (e.protocol != -1) {
        properties.fields.push_back(
            {"PortRange", M({{"From", N(e.from)}, {"To", N(e.to)}})});
      }
      Add(Id("AclEntry", static_cast<int>(i)), "AWS::EC2::NetworkAclEntry",
          std::move(properties));
    }
    const char* tiers[] = {"Public", "App", "Data", "Lambda"};
    for (int zone = 0; zone < kZones; ++zone) {
      for (int tier = 0; tier < 4; ++tier) {
        const std::string subnet = absl::StrCat(tiers[tier], "Subnet", zone);
        Node properties = M(
            {{"VpcId", Ref("Vpc")},
             {"CidrBlock", S(absl::StrCat("10.0.", tier * 16 + zone, ".0/24"))},
             {"AvailabilityZone",
              Fn("Select", L({N(zone), Fn("GetAZs", S(""))}))},
             {"Tags", Tags(Sub(absl::StrCat("${AWS::StackName}-", tiers[tier],
                                            "-", zone)))}});
        if (tier == 0) {
          properties.fields.push_back({"MapPublicIpOnLaunch", B(true)});
        }
        Add(subnet, "AWS::EC2::Subnet", std::move(properties));
        Add(absl::StrCat(subnet, "AclAssociation"),
            "AWS::EC2::SubnetNetworkAclAssociation",
            M({{"SubnetId", Ref(subnet)},
               {"NetworkAclId", Ref(tier == 0 ? "PublicAcl" : "PrivateAcl")}}));
        std::string table = "PublicRoutes";
        if (tier != 0) {
          table = absl::StrCat(tiers[tier], "Routes", zone);
          Add(table, "AWS::EC2::RouteTable", M({{"VpcId", Ref("Vpc")}}));
          Add(absl::StrCat(tiers[tier], "DefaultRoute", zone),
              "AWS::EC2::Route",
              M({{"RouteTableId", Ref(table)},
                 {"DestinationCidrBlock", S("0.0.0.0/0")},
                 {"NatGatewayId", Ref(Id("Nat", zone))}}));
        }
        Add(absl::StrCat(subnet, "RouteAssociation"),
            "AWS::EC2::SubnetRouteTableAssociation",
            M({{"SubnetId", Ref(subnet)}, {"RouteTableId", Ref(table)}}));
      }
      Add(Id("NatAddress", zone), "AWS::EC2::EIP", M({{"Domain", S("vpc")}}),
          {{"DependsOn", S("GatewayAttachment")}});
      Add(Id("Nat", zone), "AWS::EC2::NatGateway",
          M({{"AllocationId", GetAtt(Id("NatAddress", zone), "AllocationId")},
             {"SubnetId", Ref(Id("PublicSubnet", zone))}}));
    }
  }

  // A load balancer group open to the internet, then service groups that
  // admit the one before them, plus standalone rules between groups.
  void SecurityGroups() {
    for (int i = 0; i < kSecurityGroups; ++i) {
      Node ingress = L({});
      if (i == 0) {
        for (int port : {80, 443}) {
          ingress.items.push_back(M({{"IpProtocol", S("tcp")},
                                     {"FromPort", N(port)},
                                     {"ToPort", N(port)},
                                     {"CidrIp", S("0.0.0.0/0")}}));
        }
      } else {
        ingress.items.push_back(
            M({{"IpProtocol", S("tcp")},
               {"FromPort", N(8000 + i)},
               {"ToPort", N(8000 + i)},
               {"SourceSecurityGroupId", GetAtt(Id("Sg", i - 1), "GroupId")},
               {"Description", S("from the previous tier")}}));
        ingress.items.push_back(If(
            "ProdWithAdmin", NoValue(),
            M({{"IpProtocol", S("tcp")},
               {"FromPort", N(22)},
               {"ToPort", N(22)},
               {"CidrIp", i % 10 == 3 ? S("0.0.0.0/0") : Ref("AdminCidr")}})));
      }
      Add(Id("Sg", i), "AWS::EC2::SecurityGroup",
          M({{"GroupDescription",
              Sub(absl::StrCat("${AWS::StackName} tier ", i))},
             {"VpcId", Ref("Vpc")},
             {"SecurityGroupIngress", std::move(ingress)},
             {"SecurityGroupEgress",
              L({M({{"IpProtocol", S("-1")}, {"CidrIp", S("0.0.0.0/0")}})})},
             {"Tags", Tags(Sub(absl::StrCat("${AWS::StackName}-sg-", i)))}}));
    }
    for (int i = 0; i < kSecurityGroups; ++i) {
      const int source = (i * 7 + 3) % kSecurityGroups;
      Add(Id("SgIngress", i), "AWS::EC2::SecurityGroupIngress",
          M({{"GroupId", GetAtt(Id("Sg", i), "GroupId")},
             {"IpProtocol", S(i % 5 == 0 ? "udp" : "tcp")},
             {"FromPort", N(9000 + i)},
             {"ToPort", N(9000 + i + (i % 3) * 10)},
             {"SourceSecurityGroupId", Ref(Id("Sg", source))}}));
    }
    for (int i = 0; i < kSecurityGroups / 2; ++i) {
      Add(Id("SgEgress", i), "AWS::EC2::SecurityGroupEgress",
          M({{"GroupId", GetAtt(Id("Sg", i), "GroupId")},
             {"IpProtocol", S("tcp")},
             {"FromPort", N(5432)},
             {"ToPort", N(5432)},
             {"DestinationSecurityGroupId", GetAtt("DbSg", "GroupId")}}));
    }
    Add("DbSg", "AWS::EC2::SecurityGroup",
        M({{"GroupDescription", S("database")},
           {"VpcId", Ref("Vpc")},
           {"SecurityGroupIngress",
            L({M({{"IpProtocol", S("tcp")},
                  {"FromPort", N(5432)},
                  {"ToPort", N(5432)},
                  {"SourceSecurityGroupId", Ref("Sg1")}})})}}));
  }

  // Buckets with encryption, public access blocks and a policy each.
  void Storage() {
    for (int i = 0; i < kBuckets; ++i) {
      const std::string bucket = Id("Bucket", i);
      const bool open = i % 10 == 7;  // a few realistic mistakes
      Add(bucket, "AWS::S3::Bucket",
          M({{"BucketName", Sub(absl::StrCat("${AWS::StackName}-data-", i,
                                             "-${AWS::AccountId}"))},
             {"BucketEncryption",
              M({{"ServerSideEncryptionConfiguration",
                  L({M({{"ServerSideEncryptionByDefault",
                         M({{"SSEAlgorithm", S("aws:kms")}})}})})}})},
             {"PublicAccessBlockConfiguration",
              M({{"BlockPublicAcls", B(!open)},
                 {"BlockPublicPolicy", B(!open)},
                 {"IgnorePublicAcls", B(!open)},
                 {"RestrictPublicBuckets", B(!open)}})},
             {"VersioningConfiguration",
              M({{"Status", If("IsProd", S("Enabled"), S("Suspended"))}})},
             {"LoggingConfiguration",
              i == 0 ? NoValue()
                     : M({{"DestinationBucketName", Ref("Bucket0")},
                          {"LogFilePrefix", S(absl::StrCat("b", i, "/"))}})}}),
          {{"DeletionPolicy", S("Retain")},
           {"UpdateReplacePolicy", S("Retain")}});
      std::vector<Node> statements = {
          Statement("Deny", S("*"), S("s3:*"),
                    L({GetAtt(bucket, "Arn"),
                       Join("", {GetAtt(bucket, "Arn"), S("/*")})}),
                    M({{"Bool", M({{"aws:SecureTransport", B(false)}})}})),
          Statement(
              "Allow",
              M({{"AWS", GetAtt(Id("FunctionRole", i % kFunctions), "Arn")}}),
              L({S("s3:GetObject"), S("s3:PutObject")}),
              Sub(absl::StrCat("${", bucket, ".Arn}/*")))};
      if (open) {
        statements.push_back(
            Statement("Allow", S("*"), S("s3:GetObject"),
                      Sub(absl::StrCat("${", bucket, ".Arn}/public/*"))));
      }
      Add(Id("BucketPolicy", i), "AWS::S3::BucketPolicy",
          M({{"Bucket", Ref(bucket)},
             {"PolicyDocument", Policy(std::move(statements))}}));
    }
  }

  // Functions in the Lambda subnets, each with a role, a log group and
  // (every other one) a permission for its bucket to invoke it.
  void Functions() {
    for (int i = 0; i < kFunctions; ++i) {
      const std::string role = Id("FunctionRole", i);
      const std::string function = Id("Function", i);
      std::vector<Node> statements = {
          Statement(
              "Allow", M({}),
              L({S("s3:GetObject"), S("s3:PutObject"), S("s3:ListBucket")}),
              L({GetAtt(Id("Bucket", i), "Arn"),
                 Sub(absl::StrCat("${Bucket", i, ".Arn}/*"))})),
          Statement("Allow", M({}),
                    L({S("logs:CreateLogStream"), S("logs:PutLogEvents")}),
                    Sub(absl::StrCat("arn:${AWS::Partition}:logs:${AWS::Region}"
                                     ":${AWS::AccountId}:log-group:/aws/"
                                     "lambda/${AWS::StackName}-fn-",
                                     i, ":*"))),
          If("IsProd",
             Statement("Allow", M({}), S("kms:Decrypt"),
                       Sub("arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/"
                           "*")),
             NoValue())};
      if (i % 10 == 9) {  // an over-broad grant, as real stacks have
        statements.push_back(Statement("Allow", M({}), S("*"), S("*")));
      }
      Add(role, "AWS::IAM::Role",
          M({{"AssumeRolePolicyDocument",
              Policy({Statement(
                  "Allow", M({{"Service", S("lambda.amazonaws.com")}}),
                  S("sts:AssumeRole"), M({}),
                  M({{"StringEquals",
                      M({{"aws:SourceAccount", Ref("AWS::AccountId")}})}}))})},
             {"ManagedPolicyArns",
              L({Sub("arn:${AWS::Partition}:iam::aws:policy/service-role/"
                     "AWSLambdaVPCAccessExecutionRole")})},
             {"Policies",
              L({M({{"PolicyName",
                     Sub(absl::StrCat("${AWS::StackName}-fn-", i, "-access"))},
                    {"PolicyDocument", Policy(std::move(statements))}})})}}));
      Add(function, "AWS::Lambda::Function",
          M({{"FunctionName", Sub(absl::StrCat("${AWS::StackName}-fn-", i))},
             {"Runtime", S("python3.12")},
             {"Handler", S("app.handler")},
             {"Role", GetAtt(role, "Arn")},
             {"MemorySize", FindInMap("EnvConfig", Ref("Env"), "MemorySize")},
             {"Timeout", N(30)},
             {"Code", M({{"S3Bucket", Ref("ArtifactBucket")},
                         {"S3Key", Sub(absl::StrCat("functions/fn-", i,
                                                    "-${AWS::Region}.zip"))}})},
             {"VpcConfig",
              M({{"SubnetIds", L({Ref("LambdaSubnet0"), Ref("LambdaSubnet1"),
                                  Ref("LambdaSubnet2")})},
                 {"SecurityGroupIds",
                  L({GetAtt(Id("Sg", 1 + i % (kSecurityGroups - 1)),
                            "GroupId")})}})},
             {"Environment",
              M({{"Variables",
                  M({{"BUCKET", Ref(Id("Bucket", i))},
                     {"STAGE", Ref("Env")},
                     {"DB_ENDPOINT", GetAtt("Cluster", "Endpoint.Address")},
                     {"TABLE_ARN",
                      Join(":", {S("arn"), Ref("AWS::Partition"), S("dynamodb"),
                                 Ref("AWS::Region"), Ref("AWS::AccountId"),
                                 S(absl::StrCat("table/t", i))})}})}})}}));
      Add(Id("FunctionLogs", i), "AWS::Logs::LogGroup",
          M({{"LogGroupName", Join("", {S("/aws/lambda/"), Ref(function)})},
             {"RetentionInDays",
              FindInMap("EnvConfig", Ref("Env"), "LogRetention")}}));
      if (i % 2 == 0) {
        Add(Id("FunctionPermission", i), "AWS::Lambda::Permission",
            M({{"FunctionName", GetAtt(function, "Arn")},
               {"Action", S("lambda:InvokeFunction")},
               {"Principal", S("s3.amazonaws.com")},
               {"SourceArn", GetAtt(Id("Bucket", i), "Arn")},
               {"SourceAccount", Ref("AWS::AccountId")}}));
      }
    }
  }

  void Database() {
    Add("DbSubnets", "AWS::RDS::DBSubnetGroup",
        M({{"DBSubnetGroupDescription", S("data tier")},
           {"SubnetIds",
            L({Ref("DataSubnet0"), Ref("DataSubnet1"), Ref("DataSubnet2")})}}));
    Add("DbSecret", "AWS::SecretsManager::Secret",
        M({{"Name", Sub("${AWS::StackName}/db")},
           {"SecretString", Sub("{\"password\":\"${DbPassword}\"}")}}));
    Add("Cluster", "AWS::RDS::DBCluster",
        M({{"Engine", S("aurora-postgresql")},
           {"EngineVersion", S("15.4")},
           {"MasterUsername", S("app")},
           {"MasterUserPassword", Ref("DbPassword")},
           {"DBSubnetGroupName", Ref("DbSubnets")},
           {"VpcSecurityGroupIds", L({GetAtt("DbSg", "GroupId")})},
           {"StorageEncrypted", If("IsProd", B(true), B(false))},
           {"BackupRetentionPeriod", If("IsProd", N(14), N(1))}}),
        {{"DeletionPolicy", S("Snapshot")}});
    for (int i = 0; i < 2; ++i) {
      Add(Id("ClusterInstance", i), "AWS::RDS::DBInstance",
          M({{"DBClusterIdentifier", Ref("Cluster")},
             {"Engine", S("aurora-postgresql")},
             {"DBInstanceClass", FindInMap("EnvConfig", Ref("Env"), "DbClass")},
             {"PubliclyAccessible", B(false)}}),
          i == 1 ? std::vector<std::pair<std::string, Node>>{{"Condition",
                                                              S("IsProd")}}
                 : std::vector<std::pair<std::string, Node>>{});
    }
  }

  void Cdn() {
    Add("OriginAccess", "AWS::CloudFront::OriginAccessControl",
        M({{"OriginAccessControlConfig",
            M({{"Name", Sub("${AWS::StackName}-oac")},
               {"OriginAccessControlOriginType", S("s3")},
               {"SigningBehavior", S("always")},
               {"SigningProtocol", S("sigv4")}})}}));
    Add("Cdn", "AWS::CloudFront::Distribution",
        M({{"DistributionConfig",
            M({{"Enabled", B(true)},
               {"Comment", Sub("${AWS::StackName} static site")},
               {"DefaultRootObject", S("index.html")},
               {"Origins",
                L({M({{"Id", S("site")},
                      {"DomainName", GetAtt("Bucket1", "RegionalDomainName")},
                      {"OriginAccessControlId", GetAtt("OriginAccess", "Id")},
                      {"S3OriginConfig",
                       M({{"OriginAccessIdentity", S("")}})}})})},
               {"DefaultCacheBehavior",
                M({{"TargetOriginId", S("site")},
                   {"ViewerProtocolPolicy",
                    If("IsProd", S("redirect-to-https"), S("allow-all"))},
                   {"CachePolicyId",
                    S("658327ea-f89d-4fab-a63d-7e88639e58f6")}})},
               {"ViewerCertificate",
                M({{"CloudFrontDefaultCertificate", B(true)}})}})}}));
  }

  std::vector<std::pair<std::string, Node>> resources_;
};

// The template as YAML, or as JSON when `json`.
inline std::string CloudFormationTemplate(bool json) {
  const Node root = TemplateWriter().Build();
  return json ? ToJson(root) : ToYaml(root);
}

}  // namespace polygraph::bench

#endif  // POLYGRAPH_BENCHMARKS_CLOUDFORMATION_TEMPLATE_H_
