"""Tests of the `polygraph` Python package over the built _core module.

ctest runs this with PYTHONPATH=<build>/python and
POLYGRAPH_SOURCE_DIR=<source> (tests/python/CMakeLists.txt). By hand:

    PYTHONPATH=build/py/python /usr/bin/python3 -m pytest -q tests/python
"""

import dataclasses
import json
import os
import pickle
import re
import threading
import time
from pathlib import Path

import pytest

import polygraph

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
ANTIPATTERNS = SOURCE_DIR / "examples" / "antipatterns"
SEED = SOURCE_DIR / "examples" / "seed"
BAD = SOURCE_DIR / "tests" / "data" / "bad"
FIRST_RULES = {"PG-IAM-001", "PG-NET-001", "PG-S3-001"}

# file in examples/antipatterns -> (rule, line, column, severity, resource)
ANTIPATTERN_FINDINGS = {
    "PG-CF-001-oac-origin-without-bucket-policy.yaml": ("PG-CF-001", 52, 13, "high", "SiteCDN"),
    "PG-CF-002-any-distribution-reads-bucket.yaml": (
        "PG-CF-002", 36, 13, "medium", "AssetsBucket"),
    "PG-CF-003-viewer-allow-all.yaml": ("PG-CF-003", 67, 33, "high", "SiteCDN"),
    "PG-CF-004-old-tls-policy.yaml": ("PG-CF-004", 71, 35, "medium", "SiteCDN"),
    "PG-CF-005-no-compression.yaml": ("PG-CF-005", 68, 21, "low", "SiteCDN"),
    "PG-CF-006-legacy-origin-access-identity.yaml": (
        "PG-CF-006", 68, 37, "low", "SiteCDN"),
    "PG-CF-007-no-web-acl.yaml": ("PG-CF-007", 8, 7, "medium", "ApiCDN"),
    "PG-CF-008-no-access-logs.yaml": ("PG-CF-008", 7, 7, "low", "ApiCDN"),
    "PG-CF-009-custom-origin-http-only.yaml": ("PG-CF-009", 14, 37, "high", "ApiCDN"),
    "PG-CIDR-001-subnet-outside-vpc.yaml": ("PG-CIDR-001", 21, 18, "high", "WebSubnetB"),
    "PG-CIDR-002-overlapping-subnets.yaml": ("PG-CIDR-002", 21, 18, "high", "AppSubnetB"),
    "PG-CIDR-003-peered-vpcs-overlap.yaml": ("PG-CIDR-003", 14, 18, "high", "AppVpc"),
    "PG-CIDR-004-vpcs-overlap.yaml": ("PG-CIDR-004", 15, 18, "medium", "StagingVpc"),
    "PG-CIDR-005-single-az-tier.yaml": ("PG-CIDR-005", 16, 18, "medium", "PrivateSubnetA"),
    "PG-CIDR-006-small-production-vpc.yaml": ("PG-CIDR-006", 10, 18, "low", "ProdVpc"),
    "PG-CIDR-007-tiny-subnet.yaml": ("PG-CIDR-007", 21, 18, "low", "DataSubnetB"),
    "PG-COST-001-gp2-volume.yaml": ("PG-COST-001", 10, 19, "low", "DataVolume"),
    "PG-COST-002-nat-without-s3-endpoint.yaml": ("PG-COST-002", 91, 3, "low", "NatGateway"),
    "PG-COST-003-staging-asg-always-on.yaml": ("PG-COST-003", 4, 3, "info", "StagingWorkers"),
    "PG-CT-001-single-region-trail.yaml": ("PG-CT-001", 11, 27, "high", "AuditTrail"),
    "PG-CT-002-no-log-file-validation.yaml": ("PG-CT-002", 4, 3, "medium", "AuditTrail"),
    "PG-CW-001-database-without-alarm.yaml": ("PG-CW-001", 4, 3, "low", "Database"),
    "PG-CW-002-alarm-without-actions.yaml": ("PG-CW-002", 4, 3, "low", "QueueAgeAlarm"),
    "PG-ECS-001-password-in-environment.yaml": ("PG-ECS-001", 24, 22, "high", "ApiTask"),
    "PG-ECS-002-privileged-container.yaml": ("PG-ECS-002", 20, 23, "high", "ApiTask"),
    "PG-ECS-003-task-without-role.yaml": ("PG-ECS-003", 4, 3, "medium", "ApiTask"),
    "PG-ECS-004-container-without-logs.yaml": ("PG-ECS-004", 15, 11, "low", "ApiTask"),
    "PG-ECS-005-service-without-circuit-breaker.yaml": (
        "PG-ECS-005", 4, 3, "low", "ApiService"),
    "PG-EKS-001-public-api-endpoint.yaml": ("PG-EKS-001", 12, 31, "medium", "AppCluster"),
    "PG-EKS-002-irsa-trust-without-subject.yaml": ("PG-EKS-002", 11, 26, "high", "AppPodRole"),
    "PG-EKS-003-no-control-plane-logs.yaml": ("PG-EKS-003", 4, 3, "low", "AppCluster"),
    "PG-IAM-001-service-wildcard.json": ("PG-IAM-001", 7, 17, "high", None),
    "PG-IAM-002-admin-equivalent-policy.yaml": ("PG-IAM-002", 19, 25, "critical", "AdminRole"),
    "PG-IAM-003-unscoped-write-actions.yaml": ("PG-IAM-003", 12, 17, "high", "AppPolicy"),
    "PG-IAM-004-allow-not-action.yaml": ("PG-IAM-004", 11, 17, "medium", "AppPolicy"),
    "PG-IAM-005-allow-not-principal.yaml": ("PG-IAM-005", 15, 20, "high", "Jobs"),
    "PG-IAM-006-long-lived-access-key.yaml": ("PG-IAM-006", 5, 3, "medium", "DeployerKey"),
    "PG-IAM-007-console-user-without-mfa.yaml": ("PG-IAM-007", 6, 7, "medium", "Alice"),
    "PG-IAM-008-pass-any-role.yaml": ("PG-IAM-008", 11, 17, "high", "LauncherPolicy"),
    "PG-IAM-009-cross-account-trust-without-external-id.yaml": (
        "PG-IAM-009", 12, 19, "high", "VendorRole"),
    "PG-IAM-010-pass-admin-role.yaml": ("PG-IAM-010", 28, 17, "critical", "BuildRole"),
    "PG-IAM-011-read-any-secret.yaml": ("PG-IAM-011", 17, 17, "medium", "ReportRole"),
    "PG-IAM-012-any-instance-password.yaml": ("PG-IAM-012", 17, 17, "medium", "SupportRole"),
    "PG-LAMBDA-001-api-key-in-environment.yaml": (
        "PG-LAMBDA-001", 18, 20, "high", "ApiFunction"),
    "PG-LAMBDA-002-timeout-over-limit.yaml": ("PG-LAMBDA-002", 11, 16, "medium", "ApiFunction"),
    "PG-LAMBDA-003-java-without-snapstart.yaml": ("PG-LAMBDA-003", 4, 3, "info", "ApiFunction"),
    "PG-LOG-001-log-group-kept-forever.yaml": ("PG-LOG-001", 4, 3, "low", "ApiLogs"),
    "PG-NET-001-ssh-open-to-world.yaml": ("PG-NET-001", 20, 19, "critical", "BastionSG"),
    "PG-NET-002-alb-egress-misses-app-port.yaml": (
        "PG-NET-002", 37, 3, "high", "AlbSG"),
    "PG-NET-003-shadowed-acl-allow.yaml": ("PG-NET-003", 47, 3, "low", "AppAcl"),
    "PG-NET-004-redundant-sg-rule.yaml": ("PG-NET-004", 23, 11, "info", "AppSG"),
    "PG-NET-005-acl-blocks-replies.yaml": ("PG-NET-005", 40, 3, "high", "WebAcl"),
    "PG-NET-006-database-open-to-wide-cidr.yaml": ("PG-NET-006", 101, 19, "high", "Database"),
    "PG-NET-007-internal-cidr-instead-of-group.yaml": ("PG-NET-007", 106, 19, "medium", "AppSG"),
    "PG-NET-008-instance-on-default-group.yaml": ("PG-NET-008", 87, 3, "medium", "WorkerServer"),
    "PG-NET-009-subnet-on-default-acl.yaml": ("PG-NET-009", 40, 3, "low", "PrivateSubnetB"),
    "PG-NET-010-vpc-without-flow-logs.yaml": ("PG-NET-010", 7, 3, "low", "Vpc"),
    "PG-NET-011-private-subnet-routes-to-igw.yaml": (
        "PG-NET-011", 100, 3, "high", "PrivateSubnetA"),
    "PG-RDS-001-unencrypted-database.yaml": ("PG-RDS-001", 12, 25, "high", "Database"),
    "PG-RDS-002-no-deletion-protection.yaml": ("PG-RDS-002", 13, 27, "medium", "Database"),
    "PG-RDS-003-one-day-backups.yaml": ("PG-RDS-003", 14, 30, "medium", "Database"),
    "PG-RDS-004-public-database.yaml": ("PG-RDS-004", 16, 27, "high", "Database"),
    "PG-RDS-005-literal-master-password.yaml": ("PG-RDS-005", 19, 27, "high", "Database"),
    "PG-RDS-006-database-in-public-subnets.yaml": ("PG-RDS-006", 107, 3, "high", "Database"),
    "PG-RDS-007-single-az-database.yaml": ("PG-RDS-007", 15, 16, "low", "Database"),
    "PG-S3-001-bucket-without-public-access-block.yaml": (
        "PG-S3-001", 18, 28, "high", "UploadsBucket"),
    "PG-S3-002-public-read-policy.yaml": ("PG-S3-002", 34, 13, "critical", "SiteBucket"),
    "PG-S3-003-anyone-can-upload.yaml": ("PG-S3-003", 33, 13, "critical", "DropBucket"),
    "PG-S3-004-any-aws-account-reads.yaml": ("PG-S3-004", 34, 13, "high", "ReportsBucket"),
    "PG-S3-005-public-read-acl.yaml": ("PG-S3-005", 13, 22, "medium", "MediaBucket"),
    "PG-S3-006-no-default-encryption.yaml": ("PG-S3-006", 8, 3, "low", "DataBucket"),
    "PG-S3-007-versioning-suspended.yaml": ("PG-S3-007", 24, 17, "medium", "DataBucket"),
    "PG-S3-008-log-bucket-without-transition.yaml": (
        "PG-S3-008", 25, 7, "low", "AccessLogsBucket"),
    "PG-S3-009-tls-deny-misses-the-bucket.yaml": ("PG-S3-009", 30, 9, "medium", "DataBucket"),
    "PG-S3-010-object-acls-enabled.yaml": ("PG-S3-010", 20, 30, "medium", "UploadsBucket"),
    "PG-SM-001-secret-without-rotation.yaml": ("PG-SM-001", 4, 3, "medium", "PartnerApiKey"),
}
# An exposed bucket, and one whose object ACLs can publish objects
# (PG-S3-010), also breaks PG-S3-001 (Block Public Access is not fully on):
# file -> (line, column) of that second finding.
ALSO_PG_S3_001 = {
    "PG-S3-002-public-read-policy.yaml": (19, 28),
    "PG-S3-003-anyone-can-upload.yaml": (18, 28),
    "PG-S3-004-any-aws-account-reads.yaml": (19, 28),
    "PG-S3-010-object-acls-enabled.yaml": (15, 27),
}

# file in tests/data/bad -> (line, column, reason prefix)
BAD_INPUTS = {
    "malformed.json": (6, 7, "expected ',' or '}' after object member"),
    "malformed.yaml": (4, 4, "end of map not found"),
    "bad-cidr.yaml": (10, 19, 'CidrIp "300.1.1.1/8" is not a valid IPv4 CIDR'),
    "unknown-intrinsic.yaml": (9, 14, "unknown intrinsic function !Reff"),
    "ref-cycle.yaml": (9, 25, "circular dependency between resources: Web -> App -> Web"),
    "utf8-invalid.yaml": (5, 25, "invalid UTF-8 byte 0xE9"),
}


def project_version():
    text = (SOURCE_DIR / "CMakeLists.txt").read_text()
    return re.search(r"project\(polygraph VERSION ([0-9.]+)", text).group(1)


# --- version and rules ------------------------------------------------------

def test_version_matches_the_project():
    assert polygraph.__version__ == project_version()


def test_rules_metadata():
    rules = polygraph.rules()
    ids = [rule.id for rule in rules]
    assert ids == sorted(ids)
    assert FIRST_RULES <= set(ids)
    assert len(rules) >= 60
    assert {rule.id for rule in rules if rule.check} >= FIRST_RULES
    assert any(not rule.check for rule in rules)
    for rule in rules:
        assert re.fullmatch(r"PG-[A-Z0-9]+-\d{3}", rule.id)
        assert rule.severity in polygraph.SEVERITIES
        assert rule.title and rule.category and rule.rationale and rule.remediation
        # A registered C++ check, or "" for a declarative rule.
        assert isinstance(rule.check, str)
        assert isinstance(rule.references, tuple) and rule.references
        assert rule.location.file.endswith(f"{rule.id}.yaml")
        assert rule.location.line == 1


def test_severities_are_ordered():
    assert polygraph.SEVERITIES == ("info", "low", "medium", "high", "critical")


# --- findings ---------------------------------------------------------------

def test_antipatterns_break_each_rule_once_at_the_documented_place():
    result = polygraph.check(ANTIPATTERNS)
    assert len(result.findings) == len(ANTIPATTERN_FINDINGS) + len(ALSO_PG_S3_001)
    also = sorted((Path(f.location.file).name, f.location.line, f.location.column)
                  for f in result.findings
                  if f.rule_id == "PG-S3-001" and Path(f.location.file).name in ALSO_PG_S3_001)
    assert also == sorted((name, *place) for name, place in ALSO_PG_S3_001.items())
    by_file = {Path(f.location.file).name: f for f in result.findings
               if not (f.rule_id == "PG-S3-001" and Path(f.location.file).name in ALSO_PG_S3_001)}
    assert set(by_file) == set(ANTIPATTERN_FINDINGS)
    for name, (rule, line, column, severity, resource) in ANTIPATTERN_FINDINGS.items():
        finding = by_file[name]
        assert finding.rule_id == rule, name
        assert finding.location == polygraph.Location(str(ANTIPATTERNS / name), line, column)
        assert finding.severity == severity, name
        if resource is not None:
            assert finding.resource == resource
        assert finding.title and finding.message and finding.fix
    assert sorted(Path(f).name for f in result.files) == sorted(ANTIPATTERN_FINDINGS)
    # The README is the only other file, and it is noted, not analysed.
    assert [(Path(d.location.file).name, d.code) for d in result.diagnostics] == [
        ("README.md", "not-analysed")]


def test_antipatterns_readme_states_the_same_places():
    readme = (ANTIPATTERNS / "README.md").read_text()
    rows = re.findall(r"^\| `([^`]+)` \| (PG-[A-Z0-9]+-\d{3}) [^|]*\| (\d+):(\d+) \|", readme, re.M)
    documented = {name: (rule, int(line), int(column)) for name, rule, line, column in rows}
    assert documented == {name: expected[:3] for name, expected in ANTIPATTERN_FINDINGS.items()}


def test_net_rule_ignores_the_443_rule():
    result = polygraph.check(ANTIPATTERNS / "PG-NET-001-ssh-open-to-world.yaml")
    assert [f.location.line for f in result.findings] == [20]
    assert "22" in result.findings[0].message


def test_findings_are_sorted_and_printable():
    result = polygraph.check(ANTIPATTERNS)
    keys = [(f.location.file, f.location.line, f.location.column, f.rule_id)
            for f in result.findings]
    assert keys == sorted(keys)
    finding = result.findings[0]
    assert str(finding) == (f"{finding.location.file}:{finding.location.line}:"
                            f"{finding.location.column}: {finding.severity} "
                            f"{finding.rule_id} {finding.message}")


def test_seed_breaks_none_of_the_first_rules():
    result = polygraph.check(SEED)
    assert [f for f in result.findings if f.rule_id in FIRST_RULES] == []
    # The guide's template has no bucket policy: CloudFront cannot read the
    # origin through OAC (tests/data/cdn/s3-cloudfront-fixed.yaml adds it).
    template = SEED / "cloudformation" / "s3-cloudfront.yaml"
    vpc = SEED / "terraform" / "vpc.tf"
    aurora = SEED / "terraform" / "aurora.tf"
    # Nor does it set a WAF web ACL or access logs (at DistributionConfig),
    # and its bucket declares no encryption, no versioning and no TLS-only
    # policy (at the bucket's declaration).
    assert [(f.rule_id, f.location, f.message) for f in result.findings] == [
        ("PG-S3-006", polygraph.Location(str(template), 3, 3),
         'bucket "AssetsBucket" declares no default encryption (no BucketEncryption '
         "SSEAlgorithm); S3 has applied SSE-S3 to new objects since January 2023, so "
         "this is about making the intent explicit and choosing SSE-KMS (aws:kms) for "
         "data whose access must be auditable"),
        ("PG-S3-007", polygraph.Location(str(template), 3, 3),
         'bucket "AssetsBucket" does not enable versioning (no VersioningConfiguration): '
         "overwritten or deleted objects cannot be recovered"),
        ("PG-S3-009", polygraph.Location(str(template), 3, 3),
         'bucket "AssetsBucket" has no bucket policy, so nothing denies s3:GetObject, '
         "s3:PutObject, s3:ListBucket without TLS (aws:SecureTransport false)"),
        ("PG-CF-007", polygraph.Location(str(template), 23, 7),
         "distribution CDN has no AWS WAF web ACL: WebACLId not set"),
        ("PG-CF-008", polygraph.Location(str(template), 23, 7),
         "distribution CDN does not log viewer requests: Logging not set"),
        ("PG-CF-001", polygraph.Location(str(template), 25, 13),
         "distribution CDN cannot read its origin AssetsBucket: "
         "no bucket policy allows cloudfront.amazonaws.com"),
        # Guide §9: alarms on day one; the seed's alarm watches the load
        # balancer, none watches the database. Guide §5: VPC flow logs.
        ("PG-CW-001", polygraph.Location(str(aurora), 1, 1),
         "aws_rds_cluster.aurora: no CloudWatch alarm refers to this aws_rds_cluster; "
         "failures go unnoticed"),
        ("PG-NET-010", polygraph.Location(str(vpc), 2, 1),
         'VPC "aws_vpc.main" has no flow log (no aws_flow_log with vpc_id referring to it)'),
        # The guide's security-group chain is written with ingress rules only,
        # and Terraform then removes AWS's default egress: no tier can open
        # a connection to the next.
        ("PG-NET-002", polygraph.Location(str(vpc), 27, 1),
         "security group aws_security_group.alb has no egress rule, so load "
         "balancer aws_lb.main cannot open connections to aws_security_group.app "
         "on tcp/3000 (decided from the groups' rules: aws_security_group.app has "
         "no member workloads)"),
        ("PG-NET-002", polygraph.Location(str(vpc), 37, 1),
         "security group aws_security_group.app has no egress rule, so its members "
         "cannot open connections to aws_security_group.aurora on tcp/3306 (decided "
         "from the groups' rules: aws_security_group.app has no member workloads)"),
        ("PG-NET-002", polygraph.Location(str(vpc), 37, 1),
         "security group aws_security_group.app has no egress rule, so its members "
         "cannot open connections to aws_security_group.db on tcp/3306 (decided "
         "from the groups' rules: aws_security_group.app has no member workloads)")]
    analysed = {Path(f).relative_to(SEED).as_posix() for f in result.files}
    assert analysed == {
        "cloudformation/s3-cloudfront.yaml",
        "ecs/api-service-task-definition.json",
        "iam/ecs-task-policy.json",
        "terraform/aurora.tf",
        "terraform/cloudwatch.tf",
        "terraform/route53.tf",
        "terraform/supporting.tf",
        "terraform/vpc.tf",
    }
    noted = {Path(d.location.file).name for d in result.diagnostics if d.code == "not-analysed"}
    assert noted == {"README.md"}


def test_only_and_skip():
    only = polygraph.check(ANTIPATTERNS, only="PG-S3-001")
    assert [f.rule_id for f in only.findings] == ["PG-S3-001"] * (1 + len(ALSO_PG_S3_001))
    only_two = polygraph.check(ANTIPATTERNS, only=["PG-S3-001", "PG-IAM-001"])
    assert sorted(f.rule_id for f in only_two.findings) == (
        ["PG-IAM-001"] + ["PG-S3-001"] * (1 + len(ALSO_PG_S3_001)))
    skipped = polygraph.check(ANTIPATTERNS, skip=("PG-S3-001", "PG-NET-001"))
    assert sorted(f.rule_id for f in skipped.findings) == sorted(
        rule for rule, *_ in ANTIPATTERN_FINDINGS.values()
        if rule not in ("PG-S3-001", "PG-NET-001"))


def test_fails_compares_severities():
    result = polygraph.check(ANTIPATTERNS)
    assert result.fails("critical")  # SSH open to the world
    assert result.fails("HIGH")
    assert result.fails("info")
    seed = polygraph.check(SEED)
    assert seed.fails("high")  # PG-CF-001
    assert not seed.fails("critical")
    clean = polygraph.check(SEED, skip=("PG-CF-001", "PG-CF-007", "PG-CF-008",
                                        "PG-S3-006", "PG-S3-007", "PG-S3-009",
                                        "PG-NET-002", "PG-NET-010", "PG-CW-001"))
    assert not clean.fails("info")
    with pytest.raises(ValueError, match="severe"):
        result.fails("severe")


def test_paths_may_be_str_pathlike_bytes_or_a_list():
    expected = polygraph.check([str(ANTIPATTERNS)])
    assert polygraph.check(str(ANTIPATTERNS)) == expected
    assert polygraph.check(ANTIPATTERNS) == expected
    assert polygraph.check(os.fsencode(ANTIPATTERNS)) == expected
    assert polygraph.check(iter([ANTIPATTERNS])) == expected
    files = sorted(ANTIPATTERNS.glob("PG-*"))
    assert polygraph.check(files).findings == expected.findings
    with pytest.raises(TypeError):
        polygraph.check(42)
    with pytest.raises(TypeError):
        polygraph.check([ANTIPATTERNS, 42])


def test_file_names_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    policy = os.path.join(folder, b"admin-\xe9.json")
    with open(policy, "wb") as out:
        out.write((ANTIPATTERNS / "PG-IAM-001-service-wildcard.json").read_bytes())
    result = polygraph.check(folder)
    assert result.files == (os.fsdecode(policy),)
    assert [f.location for f in result.findings] == [
        polygraph.Location(os.fsdecode(policy), 7, 17)]
    broken = os.path.join(folder, b"broken-\xe9.json")
    with open(broken, "wb") as out:
        out.write((BAD / "malformed.json").read_bytes())
    with pytest.raises(polygraph.InputError) as info:
        polygraph.check(broken)
    assert info.value.file == os.fsdecode(broken)
    assert str(info.value).startswith(os.fsdecode(broken) + ":6:7: ")


def test_recursive_option(tmp_path):
    nested = tmp_path / "nested"
    nested.mkdir()
    (nested / "policy.json").write_text(
        (ANTIPATTERNS / "PG-IAM-001-service-wildcard.json").read_text())
    assert len(polygraph.check(tmp_path).findings) == 1
    assert polygraph.check(tmp_path, recursive=False).findings == ()


def test_results_are_immutable_values():
    result = polygraph.check(ANTIPATTERNS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.findings[0].rule_id = "PG-X-000"
    assert isinstance(result.findings, tuple)
    assert hash(result.findings[0]) == hash(dataclasses.replace(result.findings[0]))
    assert pickle.loads(pickle.dumps(result)) == result


# --- errors -----------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_raises_input_error_with_its_location(name):
    line, column, reason = BAD_INPUTS[name]
    path = str(BAD / name)
    with pytest.raises(polygraph.InputError) as info:
        polygraph.check(path)
    error = info.value
    assert isinstance(error, polygraph.Error)
    assert isinstance(error, ValueError)
    assert (error.file, error.line, error.column) == (path, line, column)
    assert error.reason.startswith(reason)
    assert str(error) == f"{path}:{line}:{column}: {error.reason}"
    assert error.code == "INVALID_ARGUMENT"


def test_bad_inputs_readme_states_the_same_places():
    readme = (BAD / "README.md").read_text()
    rows = dict(re.findall(r"^\| `([^`]+)` \|[^|]*\| `\1:(\d+:\d+):", readme, re.M))
    assert rows == {name: f"{line}:{column}" for name, (line, column, _) in BAD_INPUTS.items()}


def test_a_json_file_that_is_no_policy_is_noted_not_an_error():
    path = str(BAD / "not-a-policy.json")
    result = polygraph.check(path)
    assert result.findings == ()
    assert result.files == ()
    assert [(d.level, d.code, d.location) for d in result.diagnostics] == [
        ("note", "not-analysed", polygraph.Location(path))]


def test_the_bad_folder_stops_at_its_first_malformed_file():
    # bad-cidr.yaml comes first but is read (its rule left out); the load
    # stops at malformed.json, which cannot be read at all.
    with pytest.raises(polygraph.InputError) as info:
        polygraph.check(BAD)
    assert info.value.file == str(BAD / "malformed.json")


def test_an_element_left_out_raises_with_what_was_decided():
    with pytest.raises(polygraph.InputError) as info:
        polygraph.check(BAD / "bad-cidr.yaml")
    result = info.value.result
    assert isinstance(result, polygraph.Result)
    assert result.files == (str(BAD / "bad-cidr.yaml"),)
    [error] = [d for d in result.diagnostics if d.level == "error"]
    assert error.code == "invalid-value"
    assert (error.location.line, error.location.column) == (10, 19)


def test_missing_path_raises_not_found(tmp_path):
    missing = tmp_path / "missing.yaml"
    with pytest.raises(polygraph.NotFoundError) as info:
        polygraph.check([ANTIPATTERNS, missing])
    assert isinstance(info.value, polygraph.Error)
    assert isinstance(info.value, FileNotFoundError)
    assert not isinstance(info.value, polygraph.InputError)
    assert str(missing) in str(info.value)
    assert info.value.code == "NOT_FOUND"


def test_unknown_rule_id_raises_before_reading(tmp_path):
    with pytest.raises(polygraph.Error, match="PG-NOPE-001") as info:
        polygraph.check(tmp_path / "missing.yaml", skip=["PG-NOPE-001"])
    assert type(info.value) is polygraph.Error
    assert info.value.code == "INVALID_ARGUMENT"


def test_errors_pickle_with_their_location():
    with pytest.raises(polygraph.InputError) as info:
        polygraph.check(BAD / "malformed.json")
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is polygraph.InputError
    assert (copy.file, copy.line, copy.column, copy.reason, copy.code, str(copy)) == (
        info.value.file, info.value.line, info.value.column, info.value.reason,
        info.value.code, str(info.value))


def test_errors_module_is_reexported():
    assert polygraph.Error is polygraph.errors.Error
    assert issubclass(polygraph.InputError, polygraph.Error)
    assert issubclass(polygraph.NotFoundError, polygraph.Error)


# --- graph ------------------------------------------------------------------

def test_graph_json_and_dot():
    graph = json.loads(polygraph.graph(SEED))
    names = {node["name"] for node in graph["nodes"]}
    assert {"AssetsBucket", "CDN", "OAC"} <= names
    assert any(edge["kind"] == "references" for edge in graph["edges"])
    assert polygraph.graph(SEED, format="json") == polygraph.graph([SEED])
    dot = polygraph.graph(SEED, format="dot")
    assert dot.startswith("digraph")
    assert "AssetsBucket" in dot
    with pytest.raises(ValueError, match="svg"):
        polygraph.graph(SEED, format="svg")


def test_graph_raises_like_check():
    with pytest.raises(polygraph.InputError) as info:
        polygraph.graph(BAD / "bad-cidr.yaml")
    assert (info.value.line, info.value.column) == (10, 19)
    with pytest.raises(polygraph.NotFoundError):
        polygraph.graph(SEED / "missing", format="dot")


# --- threads ----------------------------------------------------------------

def test_concurrent_checks_agree():
    expected = polygraph.check([ANTIPATTERNS, SEED])
    results = [None] * 4
    errors = []

    def work(index):
        try:
            results[index] = polygraph.check([ANTIPATTERNS, SEED])
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(results))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(result == expected for result in results)


def _write_big_template(path, groups):
    lines = ["Resources:"]
    for i in range(groups):
        lines += [f"  Group{i}:", "    Type: AWS::EC2::SecurityGroup", "    Properties:",
                  f"      GroupDescription: group {i}", "      SecurityGroupIngress:"]
        for port in (22, 443, 3306, 8080):
            lines += ["        - IpProtocol: tcp", f"          FromPort: {port}",
                      f"          ToPort: {port}", f"          CidrIp: 10.{i % 250}.0.0/16"]
    path.write_text("\n".join(lines) + "\n")


def _longest_stall_during(call_library):
    """Runs call_library() in a thread while this thread keeps running
    Python; returns (seconds the call took, longest time during the call that
    this thread did not run). If the GIL were held through the call, the
    stall would be about the whole call."""
    span = {}

    def work():
        begin = time.perf_counter()
        call_library()
        span["call"] = (begin, time.perf_counter())

    thread = threading.Thread(target=work)
    stalls = []  # (from, to) of every pause longer than 5 ms
    last = time.perf_counter()
    thread.start()
    while thread.is_alive():
        now = time.perf_counter()
        if now - last > 0.005:
            stalls.append((last, now))
        last = now
    thread.join()
    begin, end = span["call"]
    overlap = [min(b, end) - max(a, begin) for a, b in stalls]
    return end - begin, max(overlap, default=0.0)


@pytest.fixture(scope="module")
def slow_input(tmp_path_factory):
    """A template big enough that one check takes about half a second."""
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    groups = 500
    while True:
        _write_big_template(path, groups)
        begin = time.perf_counter()
        polygraph.check(path)
        seconds = time.perf_counter() - begin
        if seconds >= 0.4 or groups >= 32000:
            return path
        groups = min(32000, int(groups * max(2.0, 0.5 / max(seconds, 1e-3))))


@pytest.mark.parametrize("call", [
    lambda path: polygraph.check(path),
    lambda path: polygraph.graph(path, format="json"),
    lambda path: polygraph.graph(path, format="dot"),
], ids=["check", "graph_json", "graph_dot"])
def test_library_calls_release_the_gil(slow_input, call):
    # A held GIL stalls this thread for the whole call, every time; a busy
    # machine may stall it briefly, so the best of three attempts counts.
    attempts = []
    for _ in range(3):
        seconds, stall = _longest_stall_during(lambda: call(slow_input))
        attempts.append((seconds, stall))
        if stall < 0.5 * seconds:
            break
    else:
        pytest.fail(f"the calling thread stalled through the call: {attempts}")
