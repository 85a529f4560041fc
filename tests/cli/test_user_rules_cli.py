"""polygraph check --rules: user rule files in the declarative language."""

import json
import os
import subprocess
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))

TEMPLATE = """\
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: false
"""

RULE = """\
id: ACME-DB-001
title: Databases are encrypted
severity: critical
category: storage
rationale: Snapshots can be copied.
remediation: Encrypt the storage.
references: ["https://example.com/encryption"]
check:
  resources: [db_instance]
  require: {{attribute: StorageEncrypted, {op}: true}}
  message: "{{resource}}: StorageEncrypted is {{value}}"
  fix: "Set StorageEncrypted: true on {{resource}}."
"""


def run(*args):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True,
                          text=True, timeout=60)


def make_inputs(tmp_path, op="equals"):
    template = tmp_path / "db.yaml"
    template.write_text(TEMPLATE)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ACME-DB-001.yaml").write_text(RULE.format(op=op))
    return template, rules


def test_user_rule_finding(tmp_path):
    template, rules = make_inputs(tmp_path)
    result = run("check", template, "--rules", rules, "--only", "ACME-DB-001",
                 "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [f["rule_id"] for f in findings] == ["ACME-DB-001"]
    assert findings[0]["message"] == "Db: StorageEncrypted is false"
    assert findings[0]["severity"] == "critical"


def test_user_rule_can_be_skipped(tmp_path):
    template, rules = make_inputs(tmp_path)
    result = run("check", template, "--rules", rules, "--skip", "ACME-DB-001",
                 "--format", "json")
    ids = {f["rule_id"] for f in json.loads(result.stdout)["findings"]}
    assert "ACME-DB-001" not in ids


def test_bad_rule_file_exits_2_with_its_location(tmp_path):
    template, rules = make_inputs(tmp_path, op="equal")
    result = run("check", template, "--rules", rules)
    assert result.returncode == 2, result.stdout + result.stderr
    path = rules / "ACME-DB-001.yaml"
    assert f"{path}:10:" in result.stderr
    assert 'unknown operator "equal"' in result.stderr
    assert "rule-error" in result.stderr
    # The built-in rules still ran.
    assert "PG-" in result.stdout


def test_unknown_only_id_is_an_error(tmp_path):
    template, _ = make_inputs(tmp_path)
    result = run("check", template, "--only", "ACME-DB-001")
    assert result.returncode == 2
