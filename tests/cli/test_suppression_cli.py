"""polygraph check --baseline / --write-baseline / --show-suppressed, and
inline suppressions seen from the command line."""

import json
import os
import subprocess
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))

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
          CidrIp: 0.0.0.0/0{comment}
"""


def run(*args, cwd=None):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def write(tmp_path, comment=""):
    path = tmp_path / "sg.yaml"
    path.write_text(OPEN_SSH.format(comment=comment))
    return path


def test_inline_suppression_hides_the_finding(tmp_path):
    path = write(tmp_path, "  # polygraph:ignore PG-NET-001 bastion by design")
    plain = run("check", path, "--only", "PG-NET-001")
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "PG-NET-001" not in plain.stdout
    shown = run("check", path, "--only", "PG-NET-001", "--show-suppressed")
    assert shown.returncode == 0
    lines = shown.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "PG-NET-001" in line)
    assert lines[at].startswith(f"{path}:10:")
    assert lines[at + 1] == "  suppressed (inline): bastion by design"


def test_suppression_without_reason_warns_and_reports(tmp_path):
    path = write(tmp_path, "  # polygraph:ignore PG-NET-001")
    result = run("check", path, "--only", "PG-NET-001")
    assert result.returncode == 1
    assert "PG-NET-001" in result.stdout
    assert "[suppression-without-reason]" in result.stderr
    assert f"{path}:10:30: warning:" in result.stderr


def test_json_suppressed_array(tmp_path):
    path = write(tmp_path, "  # polygraph:ignore PG-NET-001 bastion")
    plain = json.loads(run("check", path, "--format", "json").stdout)
    assert "suppressed" not in plain
    report = json.loads(run("check", path, "--format", "json",
                            "--show-suppressed").stdout)
    assert [f["rule_id"] for f in report["findings"]].count("PG-NET-001") == 0
    [hidden] = [s for s in report["suppressed"] if s["rule_id"] == "PG-NET-001"]
    assert hidden["line"] == 10
    assert hidden["suppression"] == {"kind": "inline", "reason": "bastion",
                                     "file": str(path), "line": 10,
                                     "column": 30}
    assert list(report) == ["version", "findings", "diagnostics", "files",
                            "suppressed"]


def test_write_and_apply_baseline(tmp_path):
    write(tmp_path)
    written = run("check", "sg.yaml", "--write-baseline", "baseline.json",
                  cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    baseline = json.loads((tmp_path / "baseline.json").read_text())
    assert baseline["version"] == 1
    assert any(f["rule_id"] == "PG-NET-001" and f["file"] == "sg.yaml"
               for f in baseline["findings"])
    # Ten lines inserted above: the baseline still matches.
    text = (tmp_path / "sg.yaml").read_text()
    (tmp_path / "sg.yaml").write_text("# moved\n" * 10 + text)
    checked = run("check", "sg.yaml", "--baseline", "baseline.json",
                  "--show-suppressed", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert "sg.yaml:20:" in checked.stdout
    assert "suppressed (baseline): in baseline baseline.json" in checked.stdout
    # A new finding is still reported.
    with open(tmp_path / "sg.yaml", "a") as out:
        out.write("""\
  RdpSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: rdp
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}
""")
    again = run("check", "sg.yaml", "--baseline", "baseline.json", "--only",
                "PG-NET-001", cwd=tmp_path)
    assert again.returncode == 1
    assert "RdpSG" in again.stdout or "3389" in again.stdout
    assert "AppSG" not in again.stdout


def test_malformed_baseline_is_an_input_error(tmp_path):
    path = write(tmp_path)
    (tmp_path / "bad.json").write_text('{"version": 1,\n "findings": [1,]}\n')
    result = run("check", path, "--baseline", tmp_path / "bad.json")
    assert result.returncode == 2
    assert f"{tmp_path / 'bad.json'}:2:" in result.stderr
