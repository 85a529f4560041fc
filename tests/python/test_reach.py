"""Tests of polygraph.load_model(): reach() and exposed() over a small
CloudFormation network (an internet-facing load balancer in a public subnet,
a database and an instance in a private one).

ctest runs this with PYTHONPATH=<build>/python (tests/python/CMakeLists.txt).
"""

import json
import threading

import pytest

import polygraph

TEMPLATE = """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Public:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Private:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  PublicRoutes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  ToInternet:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PublicRoutes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  PublicAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {RouteTableId: !Ref PublicRoutes, SubnetId: !Ref Public}
  AlbSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: alb
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  DbSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref AlbSG}
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref Public]
      SecurityGroups: [!Ref AlbSG]
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: {LoadBalancerArn: !Ref Alb, Port: 443, Protocol: HTTPS}
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref Private]
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBSubnetGroupName: !Ref DbSubnets
      VPCSecurityGroups: [!GetAtt DbSG.GroupId]
"""


@pytest.fixture
def model(tmp_path):
    path = tmp_path / "network.yaml"
    path.write_text(TEMPLATE)
    return polygraph.load_model(path)


def ports(packets):
    return {(p["protocol"], tuple(p["ports"])) for p in packets}


def test_load_balancer_reachable_from_the_internet_on_tcp_443_only(model):
    answer = model.reach("internet", "Alb")
    assert list(answer) == ["from", "to", "reachable", "flows", "stopped"]
    assert ports(answer["reachable"]) == {("tcp", ("443",))}
    steps = answer["flows"][0]["steps"]
    assert [s["kind"] for s in steps][:2] == ["addressing", "route"]
    assert steps[1]["resource"] == "PublicRoutes"
    assert steps[1]["file"].endswith("network.yaml") and steps[1]["line"] > 0
    ingress = [s for s in steps if s["kind"] == "security-group-ingress"]
    assert ingress and ingress[0]["resource"] == "AlbSG"
    assert "443" in ingress[0]["rule"]


def test_port_and_protocol_restrict(model):
    assert ports(model.reach("internet", "Alb", port=443)["reachable"]) == {
        ("tcp", ("443",))}
    closed = model.reach("internet", "Alb", port=22, protocol="tcp")
    assert closed["reachable"] == [] and closed["flows"] == []
    assert ports(closed["stopped"][0]["packets"]) == {("tcp", ("22",))}
    assert model.reach("internet", "Alb", protocol="udp")["reachable"] == []


def test_database_in_a_private_subnet_is_not_reachable(model):
    answer = model.reach("internet", "Database", port=5432)
    assert answer["reachable"] == []
    stopped_by = [part["stopped_by"] for part in answer["stopped"]]
    assert stopped_by
    # Not publicly accessible: stopped at addressing, naming the database.
    assert {(s["kind"], s["resource"]) for s in stopped_by} == {("addressing", "Database")}
    assert all("no public IP" in s["rule"] for s in stopped_by)
    # From inside, through the load balancer's group, it is reachable.
    inside = model.reach("Alb", "Database")
    assert ports(inside["reachable"]) == {("tcp", ("5432",))}


def test_exposed_lists_the_load_balancer_only(model):
    exposed = model.exposed()
    assert [(w["workload"], w["kind"]) for w in exposed] == [("Alb", "load-balancer")]
    assert ports(exposed[0]["reachable"]) == {("tcp", ("443",))}
    assert exposed[0]["file"].endswith("network.yaml") and exposed[0]["line"] > 0
    assert model.exposed(format="text").startswith("load-balancer Alb (")
    assert json.loads(model.exposed(format="json"))["exposed"] == exposed


def test_formats_match_the_cli(model):
    text = model.reach("internet", "Database", format="text")
    assert text.startswith("internet -> Database: not reachable\n")
    dot = model.reach("internet", "Alb", format="dot")
    assert dot.startswith("digraph reach {") and "color=green" in dot
    with pytest.raises(ValueError):
        model.reach("internet", "Alb", format="svg")


def test_unknown_names_raise_with_the_closest(model):
    with pytest.raises(polygraph.Error, match=r'unknown resource "Databse"; closest: Database'):
        model.reach("internet", "Databse")
    with pytest.raises(polygraph.Error, match="is a AWS::EC2::InternetGateway"):
        model.reach("Igw", "Alb")
    with pytest.raises(polygraph.Error, match="port 70000"):
        model.reach("internet", "Alb", port=70000)


def test_model_properties_and_threads(model):
    assert model.files[0].endswith("network.yaml")
    assert isinstance(model.diagnostics, tuple)
    answers = []

    def ask():
        answers.append(model.reach("internet", "Alb", port=443)["reachable"])

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 8 and all(a == answers[0] for a in answers)


def test_load_errors(tmp_path):
    with pytest.raises(polygraph.NotFoundError):
        polygraph.load_model(tmp_path / "missing.yaml")
