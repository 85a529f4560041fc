"""End-to-end tests of `polygraph iam compare|minimize|check-*|who-can|paths|
permissions`, run on examples/iam/least-privilege and on small inputs
written to a temporary folder. Every witness printed is re-decided with
`polygraph iam decide`."""

import json
import os
import subprocess
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))
EXAMPLES = SOURCE_DIR / "examples" / "iam" / "least-privilege"
OLD = EXAMPLES / "old-policy.json"
NEW = EXAMPLES / "new-policy.json"
ESCALATION = EXAMPLES / "escalation.yaml"


def run(*args, stdin=""):
    return subprocess.run([str(CLI), *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=120)


def decide(policy, request):
    result = run("iam", "decide", "--policy", policy, stdin=json.dumps(request) + "\n")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["decision"]


def write(tmp_path, name, document):
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=2) if not isinstance(document, str) else document)
    return path


def test_compare_exits_1_with_witnesses_that_decide_confirms():
    result = run("iam", "compare", OLD, NEW, "--format", "json")
    assert result.returncode == 1, result.stderr
    answer = json.loads(result.stdout)
    assert answer["b_allows_more"] is True
    assert "s3:PutObject" in answer["only_b_actions"]
    # ssm:GetParameters and ssm:GetParametersByPath came with the wildcard.
    assert "ssm:GetParameters" in answer["only_b_actions"]
    assert "ssm:GetParameter" not in answer["only_b_actions"]
    assert answer["only_b"], "witnesses expected"
    for witness in answer["only_b"]:
        request = witness["request"]
        assert witness["allowed"]["decision"] == "Allow"
        assert witness["denied"]["decision"] != "Allow"
        assert decide(NEW, request) == "Allow"
        assert decide(OLD, request) != "Allow"


def test_compare_text_names_each_witness():
    result = run("iam", "compare", OLD, NEW)
    assert result.returncode == 1, result.stderr
    assert "allows what" in result.stdout
    assert "witness 1: " in result.stdout
    assert "s3:PutObject" in result.stdout
    assert "context:" in result.stdout


def test_compare_exits_0_when_nothing_is_new():
    result = run("iam", "compare", NEW, OLD)
    assert result.returncode == 0, result.stderr
    assert "allows nothing that" in result.stdout
    # The converse is still reported: access removed.
    assert "no longer does" in result.stdout


def test_compare_equivalent_policies_written_differently(tmp_path):
    a = write(tmp_path, "a.json", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject*", "Resource": "arn:aws:s3:::b/*"}]})
    expanded = run("iam", "compare", a, a, "--format", "json")
    assert expanded.returncode == 0
    assert json.loads(expanded.stdout)["a_allows_more"] is False


def test_compare_unknown_action_is_distinct_and_said(tmp_path):
    a = write(tmp_path, "a.json", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
    b = write(tmp_path, "b.json", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectz"], "Resource": "*"}]})
    result = run("iam", "compare", a, b)
    assert result.returncode == 1, result.stderr
    assert "s3:GetObjectz" in result.stdout
    assert "does not know" in result.stdout


def test_compare_bad_input_is_located(tmp_path):
    bad = write(tmp_path, "bad.json", '{"Version": "2012-10-17", "Statement": [{"Effect": "Alow"}]}')
    result = run("iam", "compare", OLD, bad)
    assert result.returncode == 2
    assert f"{bad}:1:" in result.stderr
    missing = run("iam", "compare", OLD)
    assert missing.returncode == 2
    assert "usage" in missing.stderr


def test_check_access_not_granted(tmp_path):
    fail = run("iam", "check-access-not-granted", NEW, "--action", "s3:PutObject",
               "--format", "json")
    assert fail.returncode == 1, fail.stderr
    outcome = json.loads(fail.stdout)
    assert outcome["pass"] is False
    for witness in outcome["witnesses"]:
        assert decide(NEW, witness["request"]) == "Allow"
    ok = run("iam", "check-access-not-granted", OLD, "--action", "s3:Put*",
             "--action", "iam:*")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "PASS" in ok.stdout


def test_check_no_public_access(tmp_path):
    public = write(tmp_path, "public.json", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::site/*"}]})
    private = write(tmp_path, "private.json", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::site/*",
         "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]})
    assert run("iam", "check-no-public-access", public, "--resource-type",
               "AWS::S3::Bucket").returncode == 1
    result = run("iam", "check-no-public-access", private, "--resource-type", "AWS::S3::Bucket")
    assert result.returncode == 0, result.stdout + result.stderr
    unknown = run("iam", "check-no-public-access", public, "--resource-type", "AWS::Nope")
    assert unknown.returncode == 2


def test_minimize_writes_a_proven_policy(tmp_path):
    out = tmp_path / "min.json"
    result = run("iam", "minimize", NEW, EXAMPLES / "used.txt", "--output", out)
    assert result.returncode == 0, result.stderr
    assert "proven" in result.stderr
    policy = json.loads(out.read_text())
    actions = set()
    for statement in policy["Statement"]:
        value = statement["Action"]
        actions.update([value] if isinstance(value, str) else value)
    assert actions == {"s3:GetObject", "ssm:GetParameter"}
    # Every used access is allowed by the minimized policy; an unused one
    # is not; and it allows nothing the original does not.
    for line in (EXAMPLES / "used.txt").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        action, resource = line.split()
        assert decide(out, {"principal": "arn:aws:iam::111122223333:user/u",
                            "action": action, "resource": resource}) == "Allow"
    assert decide(out, {"principal": "arn:aws:iam::111122223333:user/u",
                        "action": "s3:PutObject",
                        "resource": "arn:aws:s3:::assets/uploads/x"}) != "Allow"
    assert run("iam", "compare", NEW, out).returncode == 0


def test_minimize_bad_used_line_is_located(tmp_path):
    used = write(tmp_path, "used.txt", "s3:GetObject\nnot an action\n")
    result = run("iam", "minimize", NEW, used)
    assert result.returncode == 2
    assert f"{used}:2:" in result.stderr


ISOLATED = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: arn:aws:s3:::assets/*
  Writer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
"""


def test_no_path_between_principals_that_cannot_act_as_each_other(tmp_path):
    template = write(tmp_path, "t.yaml", ISOLATED)
    none = run("iam", "paths", "Reader", "Writer", template)
    assert none.returncode == 0, none.stderr
    assert "no escalation path" in none.stdout
    who = run("iam", "who-can", "Writer", template)
    assert who.returncode == 0
    assert "no other principal can reach" in who.stdout


def test_who_can_and_paths_on_the_example():
    who = run("iam", "who-can", "Deploy", ESCALATION, "--format", "json")
    assert who.returncode == 0, who.stderr
    answer = json.loads(who.stdout)
    names = {p["name"]: p for p in answer["principals"]}
    assert set(names) == {"Build", "Developer"}
    assert [e["technique"] for e in names["Build"]["path"]] == ["pass-role"]
    assert [e["technique"] for e in names["Developer"]["path"]] == ["assume-role", "pass-role"]
    step = names["Build"]["path"][0]
    assert "iam:PassRole" in step["actions"]
    assert step["statements"][0]["file"].endswith("escalation.yaml")
    assert step["statements"][0]["line"] > 0

    paths = run("iam", "paths", "Developer", "Deploy", ESCALATION)
    assert paths.returncode == 0, paths.stderr
    assert "path 1 (2 steps)" in paths.stdout
    # An administrator reaches everyone.
    back = run("iam", "paths", "Deploy", "Developer", ESCALATION, "--format", "json")
    assert back.returncode == 0
    assert json.loads(back.stdout)["paths"]


def test_permissions_lists_effective_permissions_and_admin_path():
    result = run("iam", "permissions", ESCALATION, "--format", "json")
    assert result.returncode == 0, result.stderr
    principals = {p["name"]: p for p in json.loads(result.stdout)["principals"]}
    assert principals["Deploy"]["admin"] is True
    assert principals["Build"]["admin"] is False
    assert principals["Build"]["reaches_admin"], "Build can become administrator"
    assert principals["Build"]["by_access_level"]["Write"] >= 1
    text = run("iam", "permissions", ESCALATION, "--principal", "Build")
    assert text.returncode == 0
    assert "can become administrator" in text.stdout


def test_unknown_principal_is_an_error():
    result = run("iam", "who-can", "Nobody", ESCALATION)
    assert result.returncode == 2
    assert "no role or user named \"Nobody\"" in result.stderr
    assert "Deploy" in result.stderr  # the known names are listed
