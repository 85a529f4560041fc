"""End-to-end tests of `polygraph cidr`: Terraform's CIDR functions.

Runs the built binary (env POLYGRAPH_CLI, default build/dev/bin/polygraph
under the source tree) and checks output, exit codes and error lines.
"""

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
