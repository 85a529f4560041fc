"""polygraph.format_sarif, format_markdown and format_junit."""

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import polygraph

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))

OPEN_SSH = """\
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


def check(tmp_path, text=OPEN_SSH):
    path = tmp_path / "app.yaml"
    path.write_text(text, encoding="utf-8")
    return polygraph.check(str(path))


def test_format_sarif(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check(tmp_path)
    log = json.loads(polygraph.format_sarif(result))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids == [rule.id for rule in polygraph.rules()]
    got = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run["results"]
    ]
    assert got == [(f.rule_id, "app.yaml", f.location.line) for f in result.findings]
    assert ("PG-NET-001", "app.yaml", 10) in got


def test_format_sarif_schema(tmp_path):
    import jsonschema

    schema = json.loads((SOURCE_DIR / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(json.loads(polygraph.format_sarif(check(tmp_path))))


def test_format_sarif_suppressed(tmp_path):
    result = check(tmp_path, OPEN_SSH.replace("CidrIp: 0.0.0.0/0", "CidrIp: 0.0.0.0/0  # polygraph:ignore PG-NET-001 bastion"))
    assert result.suppressed, "the inline suppression is honoured"
    log = json.loads(polygraph.format_sarif(result))
    suppressed = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert len(suppressed) == len(result.suppressed)
    assert suppressed[0]["suppressions"][0]["kind"] == "inSource"


def test_format_markdown(tmp_path):
    result = check(tmp_path)
    text = polygraph.format_markdown(result)
    for finding in result.findings:
        assert f"| {finding.severity} | {finding.rule_id} |" in text
    clean = check(tmp_path, "Resources: {}\n")
    assert "No findings" in polygraph.format_markdown(clean)


def test_format_junit(tmp_path):
    result = check(tmp_path)
    root = ET.fromstring(polygraph.format_junit(result))
    failures = root.findall("./testsuite/testcase/failure")
    assert sorted(f.get("message") for f in failures) == sorted(f.message for f in result.findings)
    assert len(root.findall("testsuite")) == len(polygraph.rules())
