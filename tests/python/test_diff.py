"""polygraph.diff(): new and fixed findings and the access, reachability and
exposure delta between two trees (tests/api/testdata/diff/{base,head})."""

import os
import threading
from pathlib import Path

import pytest

import polygraph

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
FIXTURES = SOURCE_DIR / "tests" / "api" / "testdata" / "diff"


def test_diff_reports_new_findings_and_delta():
    d = polygraph.diff(FIXTURES / "base", FIXTURES / "head")
    assert isinstance(d, polygraph.DiffResult)
    rules = [f.rule_id for f in d.new_findings]
    assert "PG-NET-001" in rules
    assert all(f.location.file == "stack.yaml" for f in d.new_findings)
    assert d.fixed_findings == ()
    assert d.unchanged > 0
    descriptions = [item.description for item in d.delta]
    assert "role AppRole may now s3:DeleteObject (+1 more) on arn:aws:s3:::app-assets/*" in descriptions
    assert any(item.kind == "exposure" and item.resource == "WebServer" for item in d.delta)
    assert all(isinstance(item, polygraph.DeltaItem) for item in d.delta)
    assert str(d.delta[0]).startswith("stack.yaml:")
    assert d.fails("critical")
    assert d.markdown.startswith("## polygraph diff\n")
    assert "### Access" in d.markdown
    assert "New findings:" in d.text


def test_diff_of_equal_trees():
    d = polygraph.diff(FIXTURES / "base", FIXTURES / "base")
    assert d.new_findings == () and d.fixed_findings == () and d.delta == ()
    assert not d.fails("info")
    assert "No changes in findings or access." in d.markdown


def test_diff_options_and_errors(tmp_path):
    d = polygraph.diff(FIXTURES / "base", FIXTURES / "head", only="PG-NET-001")
    assert [f.rule_id for f in d.new_findings] == ["PG-NET-001"]
    d = polygraph.diff(FIXTURES / "base", FIXTURES / "head", base_root=FIXTURES,
                       head_root=FIXTURES)
    assert d.new_findings[0].location.file.startswith("head/")
    with pytest.raises(polygraph.NotFoundError):
        polygraph.diff(tmp_path / "missing", FIXTURES / "head")
    with pytest.raises(polygraph.Error):
        polygraph.diff(FIXTURES / "base", FIXTURES / "head", only="PG-NOPE-999")


def test_diff_runs_in_threads():
    results = []

    def work():
        results.append(len(polygraph.diff(FIXTURES / "base", FIXTURES / "head").delta))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and results[0] > 0
