"""Tests of polygraph.iam: decisions and validation from Python.

ctest runs this with PYTHONPATH=<build>/python (tests/python/CMakeLists.txt).
"""

import json
import os
import threading
from pathlib import Path

import pytest

import polygraph
from polygraph import iam

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
ECS_POLICY = SOURCE_DIR / "examples" / "seed" / "iam" / "ecs-task-policy.json"
ROLE = "arn:aws:sts::123456789012:assumed-role/app-task/ecs"

READ_LOGS = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "ReadLogs", "Effect": "Allow", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::logs/${aws:username}/*"},
        {"Sid": "OnlyFromOffice", "Effect": "Deny", "Action": "*", "Resource": "*",
         "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
    ],
}
ALICE = "arn:aws:iam::111122223333:user/alice"


def alice_reads(key, ip="203.0.113.9"):
    return {"principal": ALICE, "action": "s3:GetObject",
            "resource": f"arn:aws:s3:::logs/{key}",
            "context": {"aws:username": "alice", "aws:SourceIp": ip}}


def test_decide_from_a_policy_file():
    decision = iam.decide(
        {"principal": ROLE, "action": "s3:GetObject",
         "resource": "arn:aws:s3:::app-static-assets/logo.png"},
        policies=[ECS_POLICY])
    assert decision.decision == "Allow"
    assert decision.allowed
    (statement,) = decision.statements
    assert statement.role == "identity"
    assert statement.location == polygraph.Location(str(ECS_POLICY), 4, 5)


def test_policy_variables_and_explicit_deny():
    assert iam.decide(alice_reads("alice/a.log"), [READ_LOGS]).decision == "Allow"
    assert iam.decide(alice_reads("bob/a.log"), [READ_LOGS]).decision == "ImplicitDeny"
    denied = iam.decide(alice_reads("alice/a.log", ip="198.51.100.1"), [READ_LOGS])
    assert denied.decision == "ExplicitDeny"
    assert [s.sid for s in denied.statements] == ["OnlyFromOffice"]
    assert denied.statements[0].location.file == "<policy[0]>"


def test_authorizer_decides_many_in_order_and_from_threads():
    authorizer = iam.Authorizer([READ_LOGS])
    requests = [alice_reads("alice/x"), alice_reads("bob/x"),
                alice_reads("alice/x", ip="10.0.0.1")] * 50
    expected = ["Allow", "ImplicitDeny", "ExplicitDeny"] * 50
    assert [d.decision for d in authorizer.decide_many(requests)] == expected
    results = []

    def work():
        results.append([authorizer.decide(r).decision for r in requests])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_resource_policy_and_boundary():
    bucket_policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": ALICE},
                       "Action": "s3:PutObject", "Resource": "arn:aws:s3:::drop/*"}]}
    put = {"principal": ALICE, "action": "s3:PutObject",
           "resource": "arn:aws:s3:::drop/k", "resource_account": "111122223333"}
    # Same account: the bucket policy naming the user allows on its own.
    assert iam.decide(put, [], resource_policy=bucket_policy).decision == "Allow"
    # From another account the identity side must allow too.
    cross = dict(put, resource_account="444455556666")
    assert iam.decide(cross, [], resource_policy=bucket_policy).decision == "ImplicitDeny"


def test_malformed_input_raises_input_error_with_location():
    with pytest.raises(polygraph.InputError) as error:
        iam.decide({"principal": ALICE, "action": "s3:GetObject"},
                   ['{"Version": "2012-10-17", "Statement": {"Effect": "Maybe"}}'])
    assert error.value.file == "<policy[0]>"
    assert (error.value.line, error.value.column) == (1, 51)
    with pytest.raises(polygraph.InputError) as error:
        iam.decide({"principal": ALICE, "action": 5}, [READ_LOGS])
    assert "must be a string" in str(error.value)
    with pytest.raises(TypeError):
        iam.decide(alice_reads("x"), READ_LOGS)  # one policy, not a list


def test_validate_returns_located_issues(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]},
        indent=2))
    issues = iam.validate(path, kind="identity")
    codes = {i.code for i in issues}
    assert "ALLOW_WITH_NOT_ACTION" in codes
    for issue in issues:
        assert issue.location.file == str(path)
        assert issue.location.line > 0
        assert issue.message and issue.fix
    with pytest.raises(ValueError):
        iam.validate(path, kind="group")


def test_catalogue_version_names_its_source():
    assert "iam-data" in iam.catalogue_version()
