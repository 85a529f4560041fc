"""polygraph.check(baseline=..., apply_suppressions=...), Result.suppressed
and polygraph.write_baseline."""

import json

import polygraph

OPEN_SSH = """\
Resources:
  AppSG:
    Type: AWS::EC2::SecurityGroup
{metadata}    Properties:
      GroupDescription: app servers
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0{comment}
"""


def write(tmp_path, comment="", metadata=""):
    path = tmp_path / "sg.yaml"
    path.write_text(OPEN_SSH.format(comment=comment, metadata=metadata))
    return path


def test_inline_suppression(tmp_path):
    path = write(tmp_path, "  # polygraph:ignore PG-NET-001 jump host")
    result = polygraph.check(path, only="PG-NET-001")
    assert result.findings == ()
    [(finding, kind, reason, where)] = result.suppressed
    assert finding.rule_id == "PG-NET-001"
    assert (kind, reason) == ("inline", "jump host")
    assert (where.file, where.line, where.column) == (str(path), 10, 30)
    unsuppressed = polygraph.check(path, only="PG-NET-001",
                                   apply_suppressions=False)
    assert [f.rule_id for f in unsuppressed.findings] == ["PG-NET-001"]
    assert unsuppressed.suppressed == ()


def test_metadata_suppression_and_missing_reason(tmp_path):
    path = write(tmp_path, metadata=(
        "    Metadata:\n      polygraph:\n        ignore:\n"
        "          - {id: PG-NET-001, reason: reviewed}\n"))
    [(_, kind, reason, _)] = polygraph.check(path, only="PG-NET-001").suppressed
    assert (kind, reason) == ("metadata", "reviewed")
    path = write(tmp_path, metadata=(
        "    Metadata:\n      polygraph:\n        ignore:\n"
        "          - {id: PG-NET-001}\n"))
    result = polygraph.check(path, only="PG-NET-001")
    assert [f.rule_id for f in result.findings] == ["PG-NET-001"]
    assert [d.code for d in result.diagnostics] == ["suppression-without-reason"]


def test_baseline_round_trip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path)
    first = polygraph.check("sg.yaml")
    assert first.findings
    polygraph.write_baseline(first, tmp_path / "baseline.json")
    written = json.loads((tmp_path / "baseline.json").read_text())
    assert len(written["findings"]) == len(first.findings)
    assert {f["file"] for f in written["findings"]} == {"sg.yaml"}
    text = (tmp_path / "sg.yaml").read_text()
    (tmp_path / "sg.yaml").write_text("# inserted\n" * 10 + text)
    second = polygraph.check("sg.yaml", baseline=tmp_path / "baseline.json")
    assert second.findings == ()
    assert len(second.suppressed) == len(first.findings)
    assert {kind for (_, kind, _, _) in second.suppressed} == {"baseline"}
    # Rewriting keeps the findings the baseline hid.
    polygraph.write_baseline(second, tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text()) == written


def test_write_baseline_root(tmp_path):
    write(tmp_path)
    result = polygraph.check(tmp_path / "sg.yaml")
    polygraph.write_baseline(result, tmp_path / "b.json", root=tmp_path)
    written = json.loads((tmp_path / "b.json").read_text())
    assert {f["file"] for f in written["findings"]} == {"sg.yaml"}


def test_malformed_baseline_raises_input_error(tmp_path):
    path = write(tmp_path)
    (tmp_path / "bad.json").write_text('{"version": 1,\n "findings": [1,]}')
    try:
        polygraph.check(path, baseline=tmp_path / "bad.json")
    except polygraph.InputError as error:
        assert error.file == str(tmp_path / "bad.json")
        assert error.line == 2
    else:
        raise AssertionError("no InputError")
