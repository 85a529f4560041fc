"""examples/review-bot/review.sh: the SARIF log and the diff comment."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))
SCRIPT = SOURCE_DIR / "examples" / "review-bot" / "review.sh"
SCHEMA = SOURCE_DIR / "tests" / "data" / "sarif-schema-2.1.0.json"
ANTIPATTERN = SOURCE_DIR / "examples" / "antipatterns" / "PG-NET-001-ssh-open-to-world.yaml"


def diff_built():
    proc = subprocess.run([str(CLI), "diff", "a", "b"], capture_output=True, text=True)
    return "not built yet" not in proc.stdout + proc.stderr


@pytest.fixture
def trees(tmp_path):
    base = tmp_path / "base"
    head = tmp_path / "head"
    shutil.copytree(SOURCE_DIR / "examples" / "seed" / "cloudformation", base)
    shutil.copytree(base, head)
    shutil.copy(ANTIPATTERN, head / "bastion.yaml")
    return tmp_path, base, head


def review(tmp_path, *args):
    env = dict(os.environ, POLYGRAPH=str(CLI))
    return subprocess.run(
        ["/bin/sh", str(SCRIPT), *args], cwd=tmp_path, env=env, capture_output=True, text=True
    )


def test_usage_error(tmp_path):
    proc = review(tmp_path, "only-one")
    assert proc.returncode == 2
    assert "usage:" in proc.stderr


def test_sarif_written(trees):
    tmp_path, base, head = trees
    proc = review(tmp_path, "base", "head", "out")
    sarif_path = tmp_path / "out" / "results.sarif"
    assert sarif_path.exists(), proc.stderr
    log = json.loads(sarif_path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "PG-NET-001"
    }
    assert "head/bastion.yaml" in uris


def test_comment_written(trees):
    if not diff_built():
        pytest.skip("`polygraph diff` is not built yet")
    tmp_path, base, head = trees
    proc = review(tmp_path, "base", "head", "out")
    assert proc.returncode == 0, proc.stderr
    comment = (tmp_path / "out" / "comment.md").read_text(encoding="utf-8")
    assert "PG-NET-001" in comment
