"""CIDR: Terraform's CIDR functions, address plans and a subnet planner.

    from polygraph import cidr

    cidr.subnet("172.16.0.0/12", 4, 2)          # "172.18.0.0/16"
    cidr.subnets("10.1.0.0/16", 4, 4, 8, 4)     # ["10.1.0.0/20", ...]
    cidr.host("10.12.112.0/20", 268)            # "10.12.113.12"
    cidr.netmask("172.16.0.0/12")               # "255.240.0.0"

    plan = cidr.plan("infra/")                  # VPCs, subnets, problems
    for vpc in plan.vpcs:
        print(vpc.name, vpc.utilisation, [s.cidr for s in vpc.subnets])
    for problem in plan.problems:
        print(problem.location, problem.rule_id, problem.message)

    cidr.plan_subnets(["10.0.0.0/16"], ["10.0.0.0/24"], prefix_length=24,
                      zones=["eu-west-1a", "eu-west-1b"])
    # [PlannedSubnet("10.0.1.0/24", "eu-west-1a"), PlannedSubnet("10.0.2.0/24", ...)]

The functions take a prefix as Terraform does (host bits allowed and
cleared) and give Terraform's results; invalid input raises polygraph.Error
whose message is Terraform's own text, e.g. "insufficient address space to
extend prefix of 30 by 4". plan() loads files as polygraph.check() does and
raises as it does. Address counts are exact ints (an IPv6 /64 has 2**64).

Thread-safe: every function runs the library without holding the GIL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from . import Diagnostic, Error, Location, Paths, _core, _diagnostic, _paths

__all__ = [
    "AddressPlan",
    "PlanProblem",
    "PlannedSubnet",
    "Subnet",
    "Vpc",
    "VpcBlock",
    "ZoneUsage",
    "host",
    "netmask",
    "plan",
    "plan_subnets",
    "subnet",
    "subnets",
]

def _whole(value: Any, parameter: str, bits: int = 0) -> int:
    # bool is an int subclass, but Terraform would reject true as a number.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{parameter} must be an int, not {type(value).__name__}")
    if bits and not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
        # Terraform's (cty's) text for a number its int parameter cannot hold.
        raise Error(
            f'invalid value for "{parameter}" parameter: value must be a whole '
            f"number, between {-(2 ** (bits - 1))} and {2 ** (bits - 1) - 1}",
            code="INVALID_ARGUMENT")
    return value


def subnet(prefix: str, newbits: int, netnum: int) -> str:
    """Terraform's cidrsubnet: subnet `netnum` of `prefix` extended by `newbits`."""
    newbits = _whole(newbits, "newbits", 32)
    netnum = _whole(netnum, "netnum")  # any size: the library says if it fits
    return _core.cidr_subnet(str(prefix), newbits, str(netnum))


def subnets(prefix: str, *newbits: int) -> List[str]:
    """Terraform's cidrsubnets: consecutive subnets, the i-th newbits[i] longer."""
    return list(_core.cidr_subnets(str(prefix), [_whole(n, "newbits", 32) for n in newbits]))


def host(prefix: str, hostnum: int) -> str:
    """Terraform's cidrhost: address `hostnum` of `prefix` (-1 is the last)."""
    return _core.cidr_host(str(prefix), _whole(hostnum, "hostnum", 64))


def netmask(prefix: str) -> str:
    """Terraform's cidrnetmask: the dotted IPv4 netmask of `prefix`."""
    return _core.cidr_netmask(str(prefix))


@dataclass(frozen=True)
class VpcBlock:
    """An address block of a VPC: its CidrBlock or an AWS::EC2::VPCCidrBlock."""

    cidr: str
    resource: str  # the VPC, or the VPCCidrBlock resource
    secondary: bool
    location: Location


@dataclass(frozen=True)
class Subnet:
    """One address block of a subnet."""

    name: str  # logical id
    cidr: str
    availability_zone: str  # "" when unknown; "GetAZs[N]" for !Select [N, !GetAZs]
    tier: str  # the Tier tag, else the logical id less its AZ suffix
    addresses: int
    usable: int  # addresses less the 5 AWS reserves
    location: Location


@dataclass(frozen=True)
class ZoneUsage:
    """How much of a VPC's IPv4 space the subnets of one zone cover."""

    availability_zone: str
    addresses: int
    utilisation: float  # fraction of the VPC's IPv4 addresses


@dataclass(frozen=True)
class Vpc:
    name: str
    file: str
    production: bool  # tag Environment/Env/Stage = prod/production
    blocks: Tuple[VpcBlock, ...]  # primary first
    subnets: Tuple[Subnet, ...]  # in address order
    ipv4_addresses: int
    ipv4_used: int  # distinct IPv4 addresses of the VPC covered by subnets
    utilisation: float  # ipv4_used / ipv4_addresses
    zones: Tuple[ZoneUsage, ...]


@dataclass(frozen=True)
class PlanProblem:
    """A planning problem; each kind is a built-in rule PG-CIDR-00N."""

    kind: str  # e.g. "subnet-outside-vpc"
    rule_id: str  # e.g. "PG-CIDR-001"
    location: Location  # of the offending CIDR
    resource: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.location}: {self.rule_id} {self.message}"


@dataclass(frozen=True)
class AddressPlan:
    vpcs: Tuple[Vpc, ...]
    unattached_subnets: Tuple[Subnet, ...]  # of VPCs not declared in the files
    problems: Tuple[PlanProblem, ...]  # sorted by file, line, column
    diagnostics: Tuple[Diagnostic, ...]  # the loader's notes


@dataclass(frozen=True)
class PlannedSubnet:
    cidr: str
    availability_zone: str  # "" when no zones were given


def plan(paths: Paths, *, recursive: bool = True, skip_hidden: bool = True) -> AddressPlan:
    """The address plan of the VPCs and subnets in `paths`.

    Raises as polygraph.check() does (NotFoundError, InputError).
    """
    text, diagnostics = _core.cidr_plan(_paths(paths), recursive, skip_hidden)
    data = json.loads(text)
    return AddressPlan(
        vpcs=tuple(_vpc(v) for v in data["vpcs"]),
        unattached_subnets=tuple(_subnet(s) for s in data["unattached_subnets"]),
        problems=tuple(_problem(p) for p in data["problems"]),
        diagnostics=tuple(_diagnostic(d) for d in diagnostics),
    )


def plan_subnets(
    vpc_cidrs: Iterable[str],
    existing: Iterable[str] = (),
    *,
    prefix_length: int,
    count: int = 1,
    zones: Optional[Sequence[str]] = None,
) -> List[PlannedSubnet]:
    """The lowest free aligned blocks of `prefix_length` in the VPC.

    Args:
      vpc_cidrs: the VPC's blocks (one family).
      existing: subnets already there (only the part inside counts).
      prefix_length: of each new subnet.
      count: subnets wanted; with zones, subnets per zone.
      zones: availability zones, in order (default: none).

    Raises:
      Error: no space (the message says how much is free and the largest
        free block), an invalid CIDR, or an invalid request.
    """
    planned = _core.cidr_plan_subnets(
        [str(c) for c in vpc_cidrs], [str(c) for c in existing],
        _whole(count, "count", 32), _whole(prefix_length, "prefix_length", 32),
        [str(z) for z in (zones or ())])
    return [PlannedSubnet(cidr, zone) for cidr, zone in planned]


def _location(data: Dict[str, Any]) -> Location:
    return Location(data["file"], data["line"], data["column"])


def _subnet(data: Dict[str, Any]) -> Subnet:
    return Subnet(
        name=data["name"], cidr=data["cidr"],
        availability_zone=data["availability_zone"], tier=data["tier"],
        addresses=data["addresses"], usable=data["usable"],
        location=_location(data["location"]))


def _vpc(data: Dict[str, Any]) -> Vpc:
    return Vpc(
        name=data["name"], file=data["file"], production=data["production"],
        blocks=tuple(VpcBlock(b["cidr"], b["resource"], b["secondary"],
                              _location(b["location"])) for b in data["blocks"]),
        subnets=tuple(_subnet(s) for s in data["subnets"]),
        ipv4_addresses=data["ipv4_addresses"], ipv4_used=data["ipv4_used"],
        utilisation=float(data["utilisation"]),
        zones=tuple(ZoneUsage(z["availability_zone"], z["addresses"],
                              float(z["utilisation"])) for z in data["zones"]))


def _problem(data: Dict[str, Any]) -> PlanProblem:
    return PlanProblem(
        kind=data["kind"], rule_id=data["rule_id"],
        location=_location(data["location"]), resource=data["resource"],
        message=data["message"], fix=data["fix"])
