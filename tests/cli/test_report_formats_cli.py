"""`polygraph check --format sarif|markdown|junit` end to end.

The SARIF log is validated against the official SARIF 2.1.0 JSON schema
(tests/data/sarif-schema-2.1.0.json) and compared with the text report's
findings; Markdown and JUnit are compared with the JSON report.
"""

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))
SCHEMA = SOURCE_DIR / "tests" / "data" / "sarif-schema-2.1.0.json"
ANTIPATTERNS = "examples/antipatterns"

TEXT_FINDING = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<column>\d+): (?P<severity>\w+) (?P<rule>\S+) ")


def run(*args, cwd=SOURCE_DIR):
    return subprocess.run([str(CLI), *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def sarif():
    proc = run("check", ANTIPATTERNS, "--format", "sarif")
    assert proc.returncode == 1, proc.stderr  # the antipatterns have findings
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def text_findings():
    proc = run("check", ANTIPATTERNS)
    findings = []
    for line in proc.stdout.splitlines():
        match = TEXT_FINDING.match(line)
        if match:
            findings.append(match.groupdict())
    assert findings
    return findings


@pytest.fixture(scope="module")
def json_report():
    return json.loads(run("check", ANTIPATTERNS, "--format", "json").stdout)


def test_sarif_is_valid_against_the_schema(sarif):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"


def test_sarif_results_match_the_text_report(sarif, text_findings):
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = [r for r in run_["results"] if not r.get("suppressions")]
    got = []
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        got.append(
            (
                result["ruleId"],
                location["artifactLocation"]["uri"],
                location["region"]["startLine"],
                location["region"]["startColumn"],
            )
        )
    want = [(f["rule"], f["file"], int(f["line"]), int(f["column"])) for f in text_findings]
    assert got == want


def test_sarif_levels_and_rules(sarif, json_report):
    run_ = sarif["runs"][0]
    levels = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
    for result, finding in zip(run_["results"], json_report["findings"]):
        assert result["level"] == levels[finding["severity"]]
        assert result["message"]["text"] == finding["message"] + " Fix: " + finding["fix"]
    ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert ids == sorted(ids) and len(ids) >= len({f["rule_id"] for f in json_report["findings"]})
    for rule in run_["tool"]["driver"]["rules"]:
        assert float(rule["properties"]["security-severity"]) > 0
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_sarif_fingerprints_are_stable(sarif):
    again = json.loads(run("check", ANTIPATTERNS, "--format", "sarif").stdout)
    first = [r["partialFingerprints"]["polygraphFingerprint/v1"] for r in sarif["runs"][0]["results"]]
    second = [r["partialFingerprints"]["polygraphFingerprint/v1"] for r in again["runs"][0]["results"]]
    assert first == second
    assert len(set(first)) == len(first)  # distinct, even for equal findings
    assert all(re.fullmatch(r"[0-9a-f]{16}(:\d+)?", f) for f in first)


def test_sarif_output_file_and_only(tmp_path):
    out = tmp_path / "results.sarif"
    proc = run("check", ANTIPATTERNS, "--format", "sarif", "--only", "PG-NET-001", "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    log = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == ["PG-NET-001"]
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"PG-NET-001"}


def test_sarif_invalid_input_is_an_error_notification(tmp_path):
    (tmp_path / "bad.yaml").write_text("Resources: [\n", encoding="utf-8")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    proc = run("check", str(tmp_path), "--format", "sarif")
    assert proc.returncode == 2
    if proc.stdout:  # a file that cannot be read may stop the load instead
        log = json.loads(proc.stdout)
        jsonschema.Draft7Validator(schema).validate(log)
        invocation = log["runs"][0]["invocations"][0]
        assert invocation["executionSuccessful"] is False
        assert any(n["level"] == "error" for n in invocation["toolExecutionNotifications"])


def test_markdown_agrees_with_findings(json_report):
    proc = run("check", ANTIPATTERNS, "--format", "markdown")
    assert proc.returncode == 1
    text = proc.stdout
    findings = json_report["findings"]
    assert f"**{len(findings)} findings (" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Severity") and not line.startswith("| ---")]
    assert len(rows) == len(findings)
    for row, finding in zip(rows, findings):
        cells = [re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", row)[1:-1]]
        assert cells[0] == finding["severity"]
        assert cells[1] == finding["rule_id"]
        assert cells[2] == f"{finding['file']}:{finding['line']}"
    for finding in findings:
        assert f"- {finding['rule_id']} at {finding['file']}:{finding['line']}: " in text


def test_markdown_no_findings(tmp_path):
    (tmp_path / "clean.yaml").write_text(
        "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n", encoding="utf-8"
    )
    proc = run("check", str(tmp_path), "--format", "markdown")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings in 1 file." in proc.stdout


def test_junit_parses_and_agrees_with_findings(json_report):
    proc = run("check", ANTIPATTERNS, "--format", "junit")
    assert proc.returncode == 1
    root = ET.fromstring(proc.stdout)
    assert root.tag == "testsuites"
    failures = root.findall("./testsuite/testcase/failure")
    assert len(failures) == len(json_report["findings"]) == int(root.get("failures"))
    got = sorted((f.get("type"), f.get("message")) for f in failures)
    want = sorted((f["severity"], f["message"]) for f in json_report["findings"])
    assert got == want
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        for case in cases:
            assert case.get("classname") == suite.get("name")
    assert int(root.get("tests")) == len(root.findall("./testsuite/testcase"))
