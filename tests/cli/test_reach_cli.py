"""End-to-end tests of `polygraph reach` and `polygraph exposure` on a small
CloudFormation network: an internet-facing load balancer in a public subnet,
a database in a private one.

Runs the built binary (env POLYGRAPH_CLI, default build/dev/bin/polygraph
under the source tree) and checks answers, formats, exit codes and errors.
"""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))

# Public subnet: routes 0.0.0.0/0 to an attached internet gateway; its ACL
# lets tcp 443 in and replies out. Private subnet: the main table only (no
# internet route), AWS's default ACL. The ALB's group allows tcp 443 from
# anywhere; the database's group allows 5432 from the ALB's group only, and
# the database claims to be publicly accessible (the route stops it).
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
  Private2:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24}
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
  PublicAcl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: !Ref Vpc}
  InHttps:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref PublicAcl
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 443, To: 443}
  OutReplies:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref PublicAcl
      RuleNumber: 100
      Protocol: 6
      Egress: true
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 1024, To: 65535}
  PublicAclAssoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: {NetworkAclId: !Ref PublicAcl, SubnetId: !Ref Public}
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
      Scheme: internet-facing
      Subnets: [!Ref Public]
      SecurityGroups: [!Ref AlbSG]
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: {LoadBalancerArn: !Ref Alb, Port: 443, Protocol: HTTPS}
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref Private, !Ref Private2]
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBSubnetGroupName: !Ref DbSubnets
      VPCSecurityGroups: [!GetAtt DbSG.GroupId]
      PubliclyAccessible: true
"""


def run(*args):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True,
                          timeout=60)


@pytest.fixture(scope="session", autouse=True)
def binary_exists():
    if not CLI.exists():
        pytest.fail(f"polygraph binary not found at {CLI}; set POLYGRAPH_CLI")


@pytest.fixture
def network(tmp_path):
    path = tmp_path / "network.yaml"
    path.write_text(TEMPLATE)
    return path


def reach_json(network, *args):
    result = run("reach", network, "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def parse_dot(text):
    """A small parser for the DOT subset polygraph writes: returns
    (graph kind, nodes {id: attrs}, edges [(from, to, attrs)])."""
    header = re.match(r'\s*(digraph|graph)\s+\w+\s*\{', text)
    assert header, text[:80]
    assert text.rstrip().endswith("}")
    body = text[header.end():text.rstrip().rindex("}")]
    token = r'"(?:[^"\\]|\\.)*"|[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?|->|\[|\]|=|,|;'
    tokens = re.findall(token + r'|\S', body)
    assert all(re.fullmatch(token, t) for t in tokens), tokens
    nodes, edges, statement = {}, [], []

    def attrs(items):
        out, i = {}, 0
        while i < len(items):
            if items[i] == ",":
                i += 1
                continue
            key, eq, value = items[i:i + 3]
            assert eq == "=", items
            out[key] = value.strip('"')
            i += 3
        return out

    for t in tokens + [";"]:
        if t != ";":
            statement.append(t)
            continue
        if not statement:
            continue
        if "[" in statement:
            at = statement.index("[")
            assert statement[-1] == "]", statement
            head, attributes = statement[:at], attrs(statement[at + 1:-1])
        else:
            head, attributes = statement, {}
        if len(head) == 3 and head[1] == "->":
            edges.append((head[0].strip('"'), head[2].strip('"'), attributes))
        elif len(head) == 1 and head[0].startswith('"'):
            nodes[head[0].strip('"')] = attributes
        else:
            assert head[0] in ("rankdir", "node", "edge"), statement
        statement = []
    for source, target, _ in edges:
        assert source in nodes and target in nodes, (source, target)
    return header.group(1), nodes, edges


def test_load_balancer_is_reachable_from_the_internet_on_tcp_443_only(network):
    answer = reach_json(network, "--from", "internet", "--to", "Alb")
    assert list(answer) == ["from", "to", "reachable", "flows", "stopped"]
    assert (answer["from"], answer["to"]) == ("internet", "Alb")
    assert answer["reachable"]
    assert {(p["protocol"], tuple(p["ports"])) for p in answer["reachable"]} == {
        ("tcp", ("443",))}
    for packets in answer["reachable"]:
        assert set(packets) == {"protocol", "sources", "destinations", "ports"}
        assert packets["destinations"] == ["10.0.1.0/24"]
        assert "10.0.0.0/16" not in packets["sources"]
    steps = answer["flows"][0]["steps"]
    for step in steps:
        assert set(step) == {"kind", "resource", "rule", "file", "line", "column"}
    kinds = [s["kind"] for s in steps]
    assert kinds[0] == "addressing"
    assert "route" in kinds and "network-acl-inbound" in kinds
    route = steps[kinds.index("route")]
    assert route["resource"] == "PublicRoutes"
    assert "internet-gateway" in route["rule"]
    assert route["file"].endswith("network.yaml") and route["line"] > 0
    group = steps[kinds.index("security-group-ingress")]
    assert group["resource"] == "AlbSG"
    assert "443" in group["rule"] and "0.0.0.0/0" in group["rule"]
    assert group["line"] > 0
    # Everything else the internet sends is stopped, each part by a named step.
    assert answer["stopped"]
    assert all(part["stopped_by"]["kind"] for part in answer["stopped"])


def test_port_and_protocol_restrict_the_answer(network):
    answer = reach_json(network, "--from", "internet", "--to", "Alb", "--port", 443,
                        "--protocol", "tcp")
    assert answer["reachable"] and answer["stopped"] == []
    for port, protocol in [(22, "tcp"), (443, "udp")]:
        answer = reach_json(network, "--from", "internet", "--to", "Alb", "--port", port,
                            "--protocol", protocol)
        assert answer["reachable"] == [] and answer["flows"] == []
        assert answer["stopped"]
        for part in answer["stopped"]:
            assert {(p["protocol"], tuple(p["ports"])) for p in part["packets"]} == {
                (protocol, (str(port),))}


def test_database_in_a_private_subnet_is_not_reachable(network):
    answer = reach_json(network, "--from", "internet", "--to", "Database")
    assert answer["reachable"] == [] and answer["flows"] == []
    stopped_by = [part["stopped_by"] for part in answer["stopped"]]
    assert stopped_by
    assert all(s["kind"] == "route" for s in stopped_by), stopped_by
    assert all("no route to an internet gateway" in s["rule"] for s in stopped_by)

    text = run("reach", network, "--from", "internet", "--to", "Database", "--port", 5432)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "internet -> Database: not reachable"
    assert any(line.startswith("  stopped: tcp ports 5432") for line in lines)
    assert any(line.startswith("    stopped by route") and
               "no route to an internet gateway" in line for line in lines)


def test_text_names_each_step_with_its_location(network):
    result = run("reach", network, "--from", "internet", "--to", "Alb", "--port", 443)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "internet -> Alb: reachable"
    assert lines[1].startswith("  tcp ports 443 from ") and lines[1].endswith(
        " to 10.0.1.0/24")
    steps = [line for line in lines if line.startswith("    -> ")]
    assert any(re.fullmatch(r"    -> route PublicRoutes: route 0\.0\.0\.0/0 -> internet-gateway Igw \(.*network\.yaml:\d+:\d+\)",
                            line) for line in steps), steps
    assert any(re.fullmatch(r"    -> security-group-ingress AlbSG: .*443.*0\.0\.0\.0/0 "
                            r"\(.*network\.yaml:\d+:\d+\)", line) for line in steps), steps
    assert any(line.startswith("    -> network-acl-inbound PublicAcl: rule 100 allow")
               for line in steps), steps


def test_from_a_workload_and_a_cidr(network):
    # The database's group admits the ALB's on 5432, but the public subnet's
    # ACL lets in only tcp 443, so the replies to the ALB are dropped.
    answer = reach_json(network, "--from", "Alb", "--to", "Database")
    assert answer["reachable"] == []
    returns = [p["stopped_by"] for p in answer["stopped"]
               if p["stopped_by"]["kind"] == "network-acl-return"]
    assert returns and {s["resource"] for s in returns} == {"PublicAcl"}
    assert {(p["protocol"], tuple(p["ports"])) for part in answer["stopped"]
            if part["stopped_by"]["kind"] == "network-acl-return"
            for p in part["packets"]} == {("tcp", ("5432",))}
    answer = reach_json(network, "--from", "10.0.1.0/24", "--to", "Database", "--port", 5432)
    assert answer["reachable"] == []  # the group admits the ALB's group, not a CIDR


def test_dot_is_a_digraph_with_colored_edges(network, tmp_path):
    out = tmp_path / "reach.dot"
    result = run("reach", network, "--from", "internet", "--to", "Database", "--format",
                 "dot", "--output", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    kind, nodes, edges = parse_dot(out.read_text())
    assert kind == "digraph"
    assert nodes["source"]["label"] == "internet"
    assert nodes["destination"]["label"] == "Database"
    red = [e for e in edges if e[2]["color"] == "red"]
    assert red and not [e for e in edges if e[2]["color"] == "green"]
    assert any("no route to an internet gateway" in e[2].get("label", "") for e in red)

    result = run("reach", network, "--from", "internet", "--to", "Alb", "--format", "dot")
    kind, nodes, edges = parse_dot(result.stdout)
    green = [e for e in edges if e[2]["color"] == "green"]
    assert green
    labels = [e[2].get("label", "") for e in green]
    assert any("internet-gateway" in label for label in labels)
    assert any(e[1] == "destination" and e[2].get("label") == "tcp 443" for e in green)
    node_labels = [n.get("label", "") for n in nodes.values()]
    for name in ["PublicRoutes", "PublicAcl", "AlbSG"]:
        assert any(label.endswith("\\n" + name) for label in node_labels), node_labels


def test_exposure_lists_only_the_load_balancer(network):
    result = run("exposure", network)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"load-balancer Alb \(.*network\.yaml:\d+:\d+\)", lines[0]), lines
    assert lines[1].startswith("  tcp ports 443 from ")
    assert "Database" not in result.stdout
    assert lines[-1] == "1 workload reachable from the internet"

    result = run("exposure", network, "--format", "json")
    assert result.returncode == 0, result.stderr
    exposed = json.loads(result.stdout)["exposed"]
    assert [(w["workload"], w["kind"]) for w in exposed] == [("Alb", "load-balancer")]
    assert exposed[0]["line"] > 0
    assert {(p["protocol"], tuple(p["ports"])) for p in exposed[0]["reachable"]} == {
        ("tcp", ("443",))}
    rules = [s["rule"] for f in exposed[0]["flows"] for s in f["steps"]
             if s["kind"] == "security-group-ingress"]
    assert rules and all("443" in rule for rule in rules)

    result = run("exposure", network, "--format", "dot")
    kind, nodes, edges = parse_dot(result.stdout)
    assert kind == "digraph" and "internet" in nodes
    assert edges and all(e[2]["color"] == "green" for e in edges)


def test_nothing_exposed(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n"
                    "    Properties: {CidrBlock: 10.0.0.0/16}\n")
    result = run("exposure", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "no workload is reachable from the internet\n"


@pytest.mark.parametrize("args, message", [
    (["--from", "internet", "--to", "Databse"],
     'polygraph: reach: --to: unknown resource "Databse"; closest: Database, '),
    (["--from", "AlbSg", "--to", "Alb"],
     'polygraph: reach: --from: unknown resource "AlbSg"; closest: AlbSG, '),
    (["--from", "internet", "--to", "Igw"],
     'polygraph: reach: --to: "Igw" is a AWS::EC2::InternetGateway, not a workload'),
    (["--from", "10.0.0.1/8", "--to", "Alb"], "polygraph: reach: --from: invalid CIDR"),
    (["--from", "internet", "--to", "Alb", "--port", "http"],
     "polygraph: reach: --port expects a number, not 'http'"),
    (["--from", "internet", "--to", "Alb", "--port", "70000"],
     "polygraph: reach: port 70000 is not in 0-65535"),
    (["--from", "internet", "--to", "Alb", "--protocol", "tpc"], "polygraph: reach: "),
    (["--from", "internet", "--to", "Alb", "--format", "svg"],
     "polygraph: unknown format 'svg' for reach (expected text, json or dot)"),
    (["--to", "Alb"], "polygraph: reach: --from and --to are required"),
])
def test_errors_are_one_line_and_exit_2(network, args, message):
    result = run("reach", network, *args)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("polygraph:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(message), errors[0]


def test_usage_errors():
    assert run("reach").returncode == 2
    assert run("exposure").returncode == 2
    assert "reach: no paths given" in run("reach", "--from", "internet", "--to", "x").stderr
    assert run("exposure", "--port", "1", "x.yaml").returncode == 2  # reach only
    help_text = run("--help").stdout
    assert "reach PATH... --from SRC --to NAME" in help_text
    assert "exposure PATH..." in help_text
