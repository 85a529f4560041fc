"""polygraph.check(rules=..., host_rules=[polygraph.HostRule(...)])."""

import polygraph

TEMPLATE = """\
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: false
      Tags:
        - Key: Team
          Value: data
  Logs:
    Type: AWS::S3::Bucket
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
  require: {attribute: StorageEncrypted, equals: true}
  message: "{resource}: StorageEncrypted is {value}"
"""


def write(tmp_path):
    path = tmp_path / "db.yaml"
    path.write_text(TEMPLATE)
    return path


def test_rule_files(tmp_path):
    path = write(tmp_path)
    (tmp_path / "ACME-DB-001.yaml").write_text(RULE)
    result = polygraph.check(path, rules=tmp_path / "ACME-DB-001.yaml",
                             only="ACME-DB-001")
    [finding] = result.findings
    assert finding.message == "Db: StorageEncrypted is false"
    assert finding.severity == "critical"
    assert (finding.location.line, finding.location.column) == (6, 25)
    assert not result.has_errors


def test_bad_rule_file_is_a_diagnostic_not_an_exception(tmp_path):
    path = write(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text(RULE.replace("equals", "equalz"))
    result = polygraph.check(path, rules=bad)
    assert result.has_errors
    [error] = [d for d in result.diagnostics if d.code == "rule-error"]
    assert (error.location.file, error.location.line) == (str(bad), 10)
    assert 'unknown operator "equalz"' in error.message


def test_host_rule_sees_the_resource(tmp_path):
    path = write(tmp_path)
    seen = []

    def owner_tag(resource):
        seen.append(resource)
        tags = resource["properties"].get("Tags") or []
        if not any(tag["Key"] == "Owner" for tag in tags):
            return [{"message": f"{resource['name']} has no Owner tag",
                     "fix": "Add an Owner tag."}]
        return []

    rule = polygraph.HostRule(id="ACME-TAG-001", title="Owned",
                              severity="low", kinds=("db_instance",),
                              check=owner_tag)
    result = polygraph.check(path, host_rules=[rule], only="ACME-TAG-001")
    [resource] = seen
    assert resource["name"] == "Db"
    assert resource["kind"] == "db_instance"
    assert resource["type"] == "AWS::RDS::DBInstance"
    assert resource["properties"]["StorageEncrypted"] is False
    assert resource["properties"]["Tags"] == [{"Key": "Team", "Value": "data"}]
    assert resource["line"] == 2
    [finding] = result.findings
    assert finding.rule_id == "ACME-TAG-001"
    assert finding.severity == "low"
    assert finding.title == "Owned"
    assert finding.message == "Db has no Owner tag"
    assert finding.fix == "Add an Owner tag."
    assert finding.location.line == 2


def test_host_rule_findings_as_objects_with_severity(tmp_path):
    path = write(tmp_path)

    class Found:
        message = "custom"
        fix = "do it"
        severity = "high"
        line = 5
        column = 7

    rule = polygraph.HostRule(id="ACME-OBJ-1", title="Objects",
                              severity="low", check=lambda r: [Found()])
    result = polygraph.check(path, host_rules=[rule], only="ACME-OBJ-1")
    assert len(result.findings) == 2  # every resource
    assert {f.severity for f in result.findings} == {"high"}
    assert {(f.location.line, f.location.column) for f in result.findings} == {(5, 7)}


def test_host_rule_exception_becomes_a_diagnostic(tmp_path):
    path = write(tmp_path)

    def broken(resource):
        if resource["name"] == "Logs":
            raise RuntimeError("kaboom")
        return [{"message": "ok"}]

    rule = polygraph.HostRule(id="ACME-ERR-1", title="Broken",
                              severity="medium", check=broken)
    result = polygraph.check(path, host_rules=[rule])
    assert result.has_errors
    [error] = [d for d in result.diagnostics if d.code == "rule-error"]
    assert "ACME-ERR-1" in error.message
    assert "Logs" in error.message
    assert "kaboom" in error.message
    # The other resource and the other rules were still decided.
    assert [f.resource for f in result.findings if f.rule_id == "ACME-ERR-1"] == ["Db"]
    assert any(f.rule_id.startswith("PG-") for f in result.findings)


def test_invalid_host_rule_raises(tmp_path):
    path = write(tmp_path)
    rule = polygraph.HostRule(id="lower", title="x", severity="low",
                              check=lambda r: [])
    try:
        polygraph.check(path, host_rules=[rule])
    except polygraph.Error as error:
        assert "lower" in str(error)
    else:
        raise AssertionError("expected polygraph.Error")
