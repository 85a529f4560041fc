"""End-to-end tests of `polygraph diff` and `polygraph check --changed-lines`.

The base and head trees are tests/api/testdata/diff/{base,head}: the head
opens tcp 22 to the world, makes a bucket public, widens a role's policy and
admits another account in its trust policy. The git tests build a throwaway
repository in a temporary folder: commit the base, modify, run.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))
FIXTURES = SOURCE_DIR / "tests" / "api" / "testdata" / "diff"


def run(*args, cwd=None, stdin=None):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=stdin, check=False)


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com",
               GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def trees(tmp_path):
    base = tmp_path / "base"
    head = tmp_path / "head"
    shutil.copytree(FIXTURES / "base", base)
    shutil.copytree(FIXTURES / "head", head)
    return base, head


@pytest.fixture
def repo(tmp_path):
    """A repository whose HEAD holds the base stack under infra/; the work tree
    holds the head stack."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "infra").mkdir(parents=True)
    shutil.copy(FIXTURES / "base" / "stack.yaml", root / "infra" / "stack.yaml")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    shutil.copy(FIXTURES / "head" / "stack.yaml", root / "infra" / "stack.yaml")
    return root


def test_diff_text_reports_new_findings_and_delta(trees):
    base, head = trees
    result = run("diff", base, head)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "New findings:" in out
    assert "stack.yaml:" in out and "PG-NET-001" in out
    assert "Access:" in out and "Exposure:" in out
    assert "role AppRole may now s3:DeleteObject (+1 more) on arn:aws:s3:::app-assets/*" in out
    assert "trust policy of AppRole now admits arn:aws:iam::999999999999:root" in out
    assert "bucket AssetsBucket is newly public: anonymous read" in out
    assert "WebServer" in out and "tcp 22" in out
    assert str(base) not in out and str(head) not in out  # relative paths


def test_diff_json_and_markdown(trees, tmp_path):
    base, head = trees
    result = run("diff", base, head, "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [f["rule_id"] for f in report["new_findings"]].count("PG-NET-001") == 1
    assert report["fixed_findings"] == []
    kinds = {item["kind"] for item in report["delta"]}
    assert kinds == {"access", "exposure"}
    assert all(item["file"] == "stack.yaml" and item["line"] > 0 for item in report["delta"])

    out = tmp_path / "comment.md"
    result = run("diff", base, head, "--format", "markdown", "--output", out)
    assert result.returncode == 1, result.stderr
    markdown = out.read_text()
    assert markdown.startswith("## polygraph diff\n")
    assert "| Severity | Rule | Location | Message | Fix |" in markdown
    assert "### Access" in markdown and "### Exposure" in markdown
    assert "stack.yaml:" in markdown


def test_diff_of_equal_trees_exits_0(trees):
    base, _ = trees
    result = run("diff", base, base, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "No changes in findings or access." in result.stdout


def test_diff_fail_on_counts_only_new_findings_at_threshold(trees, tmp_path):
    base, head = trees
    # Only the line numbers move: no new findings and no delta.
    moved = tmp_path / "moved"
    moved.mkdir()
    (moved / "stack.yaml").write_text("# moved\n\n" + (base / "stack.yaml").read_text())
    assert run("diff", base, moved, "--fail-on", "info").returncode == 0
    # The reverse change fixes findings; the base's AppRole principal is new.
    result = run("diff", head, base)
    assert result.returncode == 1
    assert "Fixed findings:" in result.stdout


def test_diff_usage_errors(trees):
    base, _ = trees
    result = run("diff", base)
    assert result.returncode == 2
    assert "expected BASE and HEAD" in result.stderr
    assert run("diff", base, base, "--format", "sarif").returncode == 2
    result = run("diff", base, base / "missing")
    assert result.returncode == 2
    assert "missing" in result.stderr


def test_diff_base_ref_reads_the_base_from_git(repo):
    result = run("diff", repo / "infra", "--base-ref", "HEAD", "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    new = [f for f in report["new_findings"] if f["rule_id"] == "PG-NET-001"]
    assert new and new[0]["file"] == "infra/stack.yaml"
    assert any("AppRole" in item["description"] for item in report["delta"])
    # Against the working tree's own commit after committing: nothing new.
    git(repo, "commit", "-q", "-am", "head")
    result = run("diff", repo / "infra", "--base-ref", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    result = run("diff", repo / "infra", "--base-ref", "no-such-ref")
    assert result.returncode == 2
    assert "'no-such-ref' is not a commit" in result.stderr


def test_diff_base_ref_of_a_folder_added_since(repo):
    added = repo / "services"
    added.mkdir()
    shutil.copy(FIXTURES / "head" / "stack.yaml", added / "stack.yaml")
    result = run("diff", added, "--base-ref", "HEAD", "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["fixed_findings"] == [] and report["unchanged"] == 0
    assert {f["file"] for f in report["new_findings"]} == {"services/stack.yaml"}


def test_check_changed_lines_keeps_findings_on_changed_lines(repo):
    full = run("check", repo / "infra", "--format", "json")
    only = run("check", repo / "infra", "--changed-lines", "--format", "json")
    assert only.returncode in (0, 1), only.stderr
    all_findings = json.loads(full.stdout)["findings"]
    changed = json.loads(only.stdout)["findings"]
    assert 0 < len(changed) < len(all_findings)
    assert any(f["rule_id"] == "PG-NET-001" for f in changed)
    # Every kept finding sits on a line the change added or modified.
    diff = subprocess.run(["git", "-C", str(repo), "diff", "-U0", "HEAD"],
                          capture_output=True, text=True, check=True).stdout
    added = set()
    for line in diff.splitlines():
        if line.startswith("@@"):
            new_span = line.split()[2][1:].split(",")
            start, count = int(new_span[0]), int(new_span[1]) if len(new_span) > 1 else 1
            added.update(range(start, start + count))
    assert all(f["line"] in added for f in changed), (changed, added)

    # The same diff from a file, and from standard input.
    patch = repo / "change.diff"
    patch.write_text(diff)
    from_file = run("check", repo / "infra", "--changed-lines-from", patch, "--format", "json")
    assert json.loads(from_file.stdout)["findings"] == changed
    from_stdin = run("check", repo / "infra", "--changed-lines-from", "-", "--format", "json",
                     stdin=diff)
    assert json.loads(from_stdin.stdout)["findings"] == changed

    # No change: nothing to report.
    git(repo, "commit", "-q", "-am", "head")
    clean = run("check", repo / "infra", "--changed-lines")
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_check_changed_lines_counts_untracked_files(repo):
    shutil.copy(FIXTURES / "head" / "stack.yaml", repo / "infra" / "extra.yaml")
    result = run("check", repo / "infra", "--changed-lines", "--format", "json")
    files = {Path(f["file"]).name for f in json.loads(result.stdout)["findings"]}
    assert "extra.yaml" in files


def test_check_changed_lines_from_malformed_diff(repo):
    patch = repo / "bad.diff"
    patch.write_text("--- a/x\n+++ b/x\n@@ -1 +zz @@\n")
    result = run("check", repo / "infra", "--changed-lines-from", patch)
    assert result.returncode == 2
    assert "bad.diff:3:1:" in result.stderr
    assert "malformed hunk header" in result.stderr
