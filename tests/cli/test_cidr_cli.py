"""End-to-end tests of `polygraph cidr`: Terraform's CIDR functions.

Runs the built binary (env POLYGRAPH_CLI, default build/dev/bin/polygraph
under the source tree) and checks output, exit codes and error lines.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))


def run(*args):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True,
                          timeout=60)


@pytest.fixture(scope="session", autouse=True)
def binary_exists():
    if not CLI.exists():
        pytest.fail(f"polygraph binary not found at {CLI}; set POLYGRAPH_CLI")


@pytest.mark.parametrize("args, output", [
    (["subnet", "172.16.0.0/12", 4, 2], "172.18.0.0/16\n"),
    (["subnet", "10.1.2.0/24", 4, 15], "10.1.2.240/28\n"),
    (["subnet", "10.1.2.3/16", 8, 2], "10.1.2.0/24\n"),
    (["subnet", "fd00:fd12:3456:7890::/56", 16, 162], "fd00:fd12:3456:7800:a200::/72\n"),
    (["subnets", "10.1.0.0/16", 4, 4, 8, 4],
     "10.1.0.0/20\n10.1.16.0/20\n10.1.32.0/24\n10.1.48.0/20\n"),
    (["subnets", "fd00:fd12:3456:7890::/56", 16, 16, 16, 32],
     "fd00:fd12:3456:7800::/72\nfd00:fd12:3456:7800:100::/72\n"
     "fd00:fd12:3456:7800:200::/72\nfd00:fd12:3456:7800:300::/88\n"),
    (["subnets", "10.0.0.0/8"], ""),
    (["host", "10.12.112.0/20", 16], "10.12.112.16\n"),
    (["host", "10.12.112.0/20", 268], "10.12.113.12\n"),
    (["host", "10.12.112.0/20", -1], "10.12.127.255\n"),
    (["host", "fd00:fd12:3456:7890:00a2::/72", 34], "fd00:fd12:3456:7890::22\n"),
    (["netmask", "172.16.0.0/12"], "255.240.0.0\n"),
])
def test_results(args, output):
    result = run("cidr", *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout == output
    assert result.stderr == ""


@pytest.mark.parametrize("args, message", [
    (["subnet", "192.168.0.0/30", 4, 6],
     "insufficient address space to extend prefix of 30 by 4"),
    (["subnet", "192.168.0.0/16", 2, 16],
     "prefix extension of 2 does not accommodate a subnet numbered 16"),
    (["subnet", "not-a-cidr", 4, 6],
     "invalid CIDR expression: invalid CIDR address: not-a-cidr"),
    (["subnets", "10.0.0.0/8", 1, 1, 1],
     "not enough remaining address space for a subnet with a prefix of 9 bits"
     " after 10.128.0.0/9"),
    (["subnets", "10.0.0.0/8", 0], "must extend prefix by at least one bit"),
    (["host", "192.168.1.0/30", 255],
     "prefix of 30 does not accommodate a host numbered 255"),
    (["netmask", "1::/64"], "IPv6 addresses cannot have a netmask: 1::/64"),
    (["subnet", "10.0.0.0/8", "x", 1],
     "invalid value for \"newbits\" parameter: a whole number is required, got 'x'"),
    (["host", "10.0.0.0/8", "1.5"],
     "invalid value for \"hostnum\" parameter: a whole number is required, got '1.5'"),
])
def test_errors_exit_2_with_terraforms_text(args, message):
    result = run("cidr", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"polygraph: {message}\n"


@pytest.mark.parametrize("args", [[], ["subnet", "10.0.0.0/8", 4], ["netmask"], ["frob"]])
def test_usage_errors(args):
    result = run("cidr", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("polygraph: ")
    assert result.stderr.count("\n") == 1


def test_help_mentions_cidr():
    result = run("--help")
    assert result.returncode == 0
    assert "cidr subnet PREFIX NEWBITS NETNUM" in result.stdout
    assert "cidr plan PATH..." in result.stdout


# --- cidr plan -------------------------------------------------------------

PLAN_TEMPLATE = """\
Resources:
  AppVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Extra:
    Type: AWS::EC2::VPCCidrBlock
    Properties:
      VpcId: !Ref AppVpc
      CidrBlock: 10.1.0.0/16
  PublicSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref AppVpc
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: eu-west-1a
  PublicSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref AppVpc
      CidrBlock: 10.1.0.0/25
      AvailabilityZone: eu-west-1b
  AppSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref AppVpc
      CidrBlock: 10.2.5.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
"""


def write_plan(tmp_path, text=PLAN_TEMPLATE, name="net.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_plan_text_table(tmp_path):
    path = write_plan(tmp_path)
    result = run("cidr", "plan", path)
    assert result.returncode == 1, result.stderr  # problems found
    lines = result.stdout.splitlines()
    assert lines[0] == f"VPC AppVpc 10.0.0.0/16, 10.1.0.0/16  [{path}]"
    assert lines[1].split() == ["PublicSubnetA", "10.0.0.0/24", "eu-west-1a", "251", "usable"]
    assert lines[2].split() == ["PublicSubnetB", "10.1.0.0/25", "eu-west-1b", "123", "usable"]
    assert lines[3].split() == ["AppSubnetA", "10.2.5.0/24", "GetAZs[0]", "251", "usable"]
    # 384 of 131,072 inside the VPC; AppSubnetA lies outside it.
    assert lines[4] == ("  utilisation 0.3% (384 of 131,072 IPv4 addresses); "
                        "GetAZs[0] 0.0%; eu-west-1a 0.2%; eu-west-1b 0.1%")
    problems = [l for l in lines if l.startswith(str(path))]
    assert problems == [
        f"{path}:27:18: PG-CIDR-001 subnet 10.2.5.0/24 of AppSubnetA is outside VPC "
        "10.0.0.0/16, 10.1.0.0/16 (AppVpc)",
        f"{path}:27:18: PG-CIDR-005 tier AppSubnet of VPC AppVpc spans 1 availability "
        "zone (GetAZs[0]: AppSubnetA); at least 2 needed",
    ]
    assert "  fix: move AppSubnetA to 10.0.1.0/24, the lowest free /24" in result.stdout
    assert lines[-1] == "1 VPC, 2 problems"


def test_plan_json(tmp_path):
    path = write_plan(tmp_path)
    result = run("cidr", "plan", "--format", "json", path)
    assert result.returncode == 1, result.stderr
    plan = json.loads(result.stdout)
    [vpc] = plan["vpcs"]
    assert [b["cidr"] for b in vpc["blocks"]] == ["10.0.0.0/16", "10.1.0.0/16"]
    assert [b["secondary"] for b in vpc["blocks"]] == [False, True]
    assert vpc["ipv4_addresses"] == 2 * 65536
    assert vpc["ipv4_used"] == 256 + 128
    assert vpc["utilisation"] == pytest.approx(384 / 131072)
    assert {z["availability_zone"]: z["addresses"] for z in vpc["zones"]} == {
        "eu-west-1a": 256, "eu-west-1b": 128, "GetAZs[0]": 0}
    assert [(s["name"], s["usable"], s["tier"]) for s in vpc["subnets"]] == [
        ("PublicSubnetA", 251, "PublicSubnet"), ("PublicSubnetB", 123, "PublicSubnet"),
        ("AppSubnetA", 251, "AppSubnet")]
    assert [(p["rule_id"], p["kind"], p["location"]["line"], p["location"]["column"])
            for p in plan["problems"]] == [
        ("PG-CIDR-001", "subnet-outside-vpc", 27, 18),
        ("PG-CIDR-005", "too-few-zones", 27, 18)]
    # The same answer with --format=json.
    assert run("cidr", "plan", "--format=json", path).stdout == result.stdout


def test_plan_clean_exits_0(tmp_path):
    text = PLAN_TEMPLATE.replace("10.2.5.0/24", "10.0.1.0/24").replace(
        '!Select [0, !GetAZs ""]', "eu-west-1b").replace("AppSubnetA", "PublicSubnetC")
    result = run("cidr", "plan", write_plan(tmp_path, text))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("1 VPC, 0 problems\n")


def test_plan_antipatterns_match_check():
    # Every PG-CIDR finding of `check` is a problem of `plan`, same place.
    folder = SOURCE_DIR / "examples" / "antipatterns"
    plan = json.loads(run("cidr", "plan", "--format", "json", folder).stdout)
    check = json.loads(run("check", "--format", "json", folder).stdout)
    from_check = sorted((f["rule_id"], f["line"], f["column"])
                        for f in check["findings"] if f["rule_id"].startswith("PG-CIDR-"))
    from_plan = sorted((p["rule_id"], p["location"]["line"], p["location"]["column"])
                       for p in plan["problems"])
    assert from_plan == from_check
    assert len(from_plan) == 7


@pytest.mark.parametrize("args, message", [
    (["plan"], "cidr plan: no paths given"),
    (["plan", "--format", "xml", "x.yaml"], "unknown format 'xml' for cidr plan"),
    (["plan", "--bogus", "x.yaml"], "cidr plan: unknown option --bogus"),
])
def test_plan_usage_errors(args, message):
    result = run("cidr", *args)
    assert result.returncode == 2
    assert result.stderr.startswith("polygraph: ") and message in result.stderr
    assert result.stdout == ""


def test_plan_missing_path_and_bad_file(tmp_path):
    missing = run("cidr", "plan", tmp_path / "nope.yaml")
    assert missing.returncode == 2 and "nope.yaml" in missing.stderr
    bad = write_plan(tmp_path, "Resources:\n  V:\n    Type: AWS::EC2::VPC\n"
                     "    Properties:\n      CidrBlock: 10.0.0.0/33\n", "bad.yaml")
    result = run("cidr", "plan", bad)
    assert result.returncode == 2
    assert result.stderr.startswith(f"polygraph: {bad}:5:18: ")
