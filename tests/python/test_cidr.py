"""Tests of polygraph.cidr: Terraform's CIDR functions (checked against
Python's ipaddress on seeded random cases), address plans and the planner."""

import ipaddress
import os
import random
import threading
from pathlib import Path

import pytest

import polygraph
from polygraph import cidr

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
ANTIPATTERNS = SOURCE_DIR / "examples" / "antipatterns"


# --- the functions, by example -------------------------------------------------

def test_examples_from_terraforms_documentation():
    assert cidr.subnet("172.16.0.0/12", 4, 2) == "172.18.0.0/16"
    assert cidr.subnet("10.1.2.0/24", 4, 15) == "10.1.2.240/28"
    assert cidr.subnet("fd00:fd12:3456:7890::/56", 16, 162) == "fd00:fd12:3456:7800:a200::/72"
    assert cidr.subnets("10.1.0.0/16", 4, 4, 8, 4) == [
        "10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]
    assert cidr.subnets("10.1.0.0/16") == []
    assert cidr.host("10.12.112.0/20", 268) == "10.12.113.12"
    assert cidr.host("10.12.112.0/20", -1) == "10.12.127.255"
    assert cidr.netmask("172.16.0.0/12") == "255.240.0.0"


@pytest.mark.parametrize("call, message", [
    (lambda: cidr.subnet("192.168.0.0/30", 4, 6),
     "insufficient address space to extend prefix of 30 by 4"),
    (lambda: cidr.subnet("192.168.0.0/16", 2, 16),
     "prefix extension of 2 does not accommodate a subnet numbered 16"),
    (lambda: cidr.subnet("not-a-cidr", 4, 6),
     "invalid CIDR expression: invalid CIDR address: not-a-cidr"),
    (lambda: cidr.subnet("10.0.0.0/8", 4, 2**130),
     f"prefix extension of 4 does not accommodate a subnet numbered {2**130}"),
    (lambda: cidr.subnets("10.0.0.0/8", 0), "must extend prefix by at least one bit"),
    (lambda: cidr.host("192.168.1.0/30", 255),
     "prefix of 30 does not accommodate a host numbered 255"),
    (lambda: cidr.host("10.0.0.0/8", 2**63),
     'invalid value for "hostnum" parameter: value must be a whole number, between '
     "-9223372036854775808 and 9223372036854775807"),
    (lambda: cidr.netmask("1::/64"), "IPv6 addresses cannot have a netmask: 1::/64"),
])
def test_errors_carry_terraforms_text(call, message):
    with pytest.raises(polygraph.Error) as error:
        call()
    assert str(error.value) == message
    assert error.value.code == "INVALID_ARGUMENT"


def test_arguments_must_be_ints():
    with pytest.raises(TypeError):
        cidr.subnet("10.0.0.0/8", "4", 1)
    with pytest.raises(TypeError):
        cidr.host("10.0.0.0/8", True)


# --- the functions against ipaddress, on 12,000 seeded random cases ---------------

def random_prefix(rng, version):
    width = 32 if version == 4 else 128
    length = rng.randint(0, width)
    bits = rng.getrandbits(width)  # host bits set: Terraform clears them
    if version == 6:
        address = ipaddress.IPv6Address(bits)
    else:
        address = ipaddress.IPv4Address(bits)
    return f"{address}/{length}", ipaddress.ip_network(f"{address}/{length}", strict=False)


def network_of(version, first, length):
    # ip_network((int, n)) would guess the family from the size of the int.
    kind = ipaddress.IPv4Network if version == 4 else ipaddress.IPv6Network
    return kind((first, length))


def mapped(network_or_address):
    # Terraform prints an IPv4-mapped IPv6 result as IPv4; ipaddress does not.
    address = getattr(network_or_address, "network_address", network_or_address)
    return address.version == 6 and address.ipv4_mapped is not None


def expect_error(call):
    with pytest.raises(polygraph.Error):
        call()


def check_subnet(rng, version):
    text, network = random_prefix(rng, version)
    width = network.max_prefixlen
    newbits = rng.randint(0, width - network.prefixlen + 2)
    new_prefix = network.prefixlen + newbits
    limit = 2 ** min(newbits, 126)
    netnum = rng.randrange(0, limit + 2) if rng.random() < 0.9 else rng.randrange(limit)
    if new_prefix > width or netnum >= 2**newbits:
        expect_error(lambda: cidr.subnet(text, newbits, netnum))
        return 0
    first = int(network.network_address) + (netnum << (width - new_prefix))
    expected = network_of(version, first, new_prefix)
    if mapped(expected):
        return 0
    got = cidr.subnet(text, newbits, netnum)
    assert ipaddress.ip_network(got) == expected, (text, newbits, netnum)
    if version == 4:
        assert got == str(expected)
    return 1


def check_subnets(rng, version):
    text, network = random_prefix(rng, version)
    if int(network.network_address) == 0:
        return 0  # Terraform's quirk: a zero base always fails (documented)
    width = network.max_prefixlen
    room = width - network.prefixlen
    if room < 1:
        return 0
    newbits = [rng.randint(1, min(32, room)) for _ in range(rng.randint(1, 6))]
    expected = []
    start = int(network.network_address)
    last = int(network.broadcast_address)
    ok = True
    for n in newbits:
        size = 2 ** (room - n)
        aligned = -(-start // size) * size
        if aligned + size - 1 > last:
            ok = False
            break
        expected.append(network_of(version, aligned, network.prefixlen + n))
        start = aligned + size
    if not ok:
        with pytest.raises(polygraph.Error) as error:
            cidr.subnets(text, *newbits)
        assert str(error.value).startswith("not enough remaining address space")
        return 1
    if any(mapped(e) for e in expected):
        return 0
    got = cidr.subnets(text, *newbits)
    assert [ipaddress.ip_network(g) for g in got] == expected, (text, newbits)
    return 1


def check_host(rng, version):
    text, network = random_prefix(rng, version)
    size = network.num_addresses
    if rng.random() < 0.5:
        hostnum = rng.randrange(0, min(size + 3, 2**63))
    else:
        hostnum = -rng.randrange(1, min(size + 3, 2**63))
    index = hostnum if hostnum >= 0 else size + hostnum
    if not 0 <= index < size:
        expect_error(lambda: cidr.host(text, hostnum))
        return 0
    expected = network.network_address + index
    if mapped(expected):
        return 0
    got = cidr.host(text, hostnum)
    assert ipaddress.ip_address(got) == expected, (text, hostnum)
    if version == 4:
        assert got == str(expected)
    return 1


def test_randomized_agreement_with_ipaddress():
    rng = random.Random(5)
    cases = compared = 0
    for check in (check_subnet, check_subnets, check_host):
        for i in range(4000):
            compared += check(rng, 4 if i % 2 == 0 else 6)
            cases += 1
    assert cases == 12000
    assert compared >= 10000  # results compared (the rest are error cases)


def test_netmask_agrees_with_ipaddress():
    rng = random.Random(9)
    for _ in range(500):
        text, network = random_prefix(rng, 4)
        assert cidr.netmask(text) == str(network.netmask)


# --- plans ----------------------------------------------------------------------------

def test_plan_of_the_antipatterns():
    plan = cidr.plan(ANTIPATTERNS)
    assert sorted(p.rule_id for p in plan.problems) == [f"PG-CIDR-00{i}" for i in range(1, 8)]
    by_rule = {p.rule_id: p for p in plan.problems}
    outside = by_rule["PG-CIDR-001"]
    assert outside.kind == "subnet-outside-vpc"
    assert outside.location == polygraph.Location(
        str(ANTIPATTERNS / "PG-CIDR-001-subnet-outside-vpc.yaml"), 21, 18)
    assert outside.message == "subnet 10.1.1.0/24 of WebSubnetB is outside VPC 10.0.0.0/16 (AppVpc)"
    assert str(outside).endswith("PG-CIDR-001 " + outside.message)
    # Every problem is also the rule's finding in check(), at the same place.
    findings = {(f.rule_id, f.location) for f in polygraph.check(ANTIPATTERNS).findings
                if f.rule_id.startswith("PG-CIDR-")}
    assert findings == {(p.rule_id, p.location) for p in plan.problems}
    assert [(d.code, Path(d.location.file).name) for d in plan.diagnostics] == [
        ("not-analysed", "README.md")]


def test_plan_numbers(tmp_path):
    path = tmp_path / "net.yaml"
    path.write_text("""\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      Tags: [{Key: Environment, Value: prod}]
  Web1:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: eu-west-1a}
  Web2:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1b}
  Web3:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/25, AvailabilityZone: eu-west-1c,
                 Ipv6CidrBlock: "2001:db8::/64"}
""")
    plan = cidr.plan(str(path))
    [vpc] = plan.vpcs
    assert vpc.production and vpc.name == "Vpc"
    assert [(b.cidr, b.secondary) for b in vpc.blocks] == [("10.0.0.0/16", False)]
    assert [(s.name, s.cidr, s.availability_zone, s.usable) for s in vpc.subnets] == [
        ("Web1", "10.0.0.0/24", "eu-west-1a", 251),
        ("Web2", "10.0.1.0/24", "eu-west-1b", 251),
        ("Web3", "10.0.2.0/25", "eu-west-1c", 123),
        ("Web3", "2001:db8::/64", "eu-west-1c", 2**64 - 5)]
    assert vpc.ipv4_addresses == 65536 and vpc.ipv4_used == 640
    assert vpc.utilisation == pytest.approx(640 / 65536)
    assert [(z.availability_zone, z.addresses) for z in vpc.zones] == [
        ("eu-west-1a", 256), ("eu-west-1b", 256), ("eu-west-1c", 128)]
    assert plan.problems == ()  # 3 zones: enough even for production


def test_plan_raises_like_check(tmp_path):
    with pytest.raises(polygraph.NotFoundError):
        cidr.plan(tmp_path / "missing")


def test_plan_subnets():
    planned = cidr.plan_subnets(["10.0.0.0/16"], ["10.0.0.0/24", "10.0.2.0/24"],
                                prefix_length=24, zones=["eu-west-1a", "eu-west-1b"])
    assert planned == [cidr.PlannedSubnet("10.0.1.0/24", "eu-west-1a"),
                       cidr.PlannedSubnet("10.0.3.0/24", "eu-west-1b")]
    assert cidr.plan_subnets(["10.0.0.0/24"], prefix_length=26, count=3) == [
        cidr.PlannedSubnet(f"10.0.0.{n}/26", "") for n in (0, 64, 128)]


def test_plan_subnets_says_why_not():
    with pytest.raises(polygraph.Error) as error:
        cidr.plan_subnets(["10.0.0.0/24"], ["10.0.0.0/25"], prefix_length=25, count=2)
    assert str(error.value) == ("no free /25 left in 10.0.0.0/24 for subnet 2 of 2: "
                                "nothing is free")
    assert error.value.code == "RESOURCE_EXHAUSTED"
    with pytest.raises(polygraph.Error) as error:
        cidr.plan_subnets(["10.0.0.0/33"], prefix_length=24)
    assert "10.0.0.0/33" in str(error.value)


def test_plan_subnets_agrees_with_brute_force():
    rng = random.Random(11)
    for _ in range(200):
        vpc = ipaddress.ip_network("10.0.0.0/24")
        used = set()
        existing = []
        for _ in range(rng.randint(0, 6)):
            length = rng.randint(25, 30)
            net = ipaddress.ip_network((int(vpc.network_address) + rng.randrange(256), length),
                                       strict=False)
            existing.append(str(net))
            used.update(int(a) for a in net)
        length = rng.randint(26, 30)
        expected = None
        for sub in vpc.subnets(new_prefix=length):
            if not any(int(a) in used for a in sub):
                expected = str(sub)
                break
        if expected is None:
            with pytest.raises(polygraph.Error):
                cidr.plan_subnets([str(vpc)], existing, prefix_length=length)
        else:
            assert cidr.plan_subnets([str(vpc)], existing, prefix_length=length) == [
                cidr.PlannedSubnet(expected, "")]


def test_threads_share_the_functions():
    errors = []

    def work():
        try:
            for n in range(200):
                assert cidr.subnet("10.0.0.0/8", 8, n) == f"10.{n}.0.0/16"
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
