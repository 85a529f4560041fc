"""The shipped pre-commit hook (.pre-commit-hooks.yaml) run by pre-commit.

A temporary git repository gets a .pre-commit-config.yaml whose `repo:
local` hooks are copied from the shipped file, so the hook definition under
test is the one users get. The built binary is put on PATH as `polygraph`
(the hook's language is `system`). No network: local hooks need no clone.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))
HOOKS = SOURCE_DIR / ".pre-commit-hooks.yaml"
ANTIPATTERN = SOURCE_DIR / "examples" / "antipatterns" / "PG-NET-001-ssh-open-to-world.yaml"

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
"""

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "user.name", "test")
    git(repo, "config", "commit.gpgsign", "false")
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "polygraph").symlink_to(CLI.resolve())
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["HOME"] = str(tmp_path)  # no user configuration leaks in
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    return repo, env


def pre_commit(repo, env, *args):
    return subprocess.run(
        ["pre-commit", "run", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )


def test_shipped_hook_definition():
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "polygraph")
    assert hook["language"] == "system"
    assert hook["entry"] == "polygraph check"
    assert hook["pass_filenames"] is True
    import re

    files = re.compile(hook["files"])
    for name in ("a.yaml", "b.yml", "c.json", "main.tf", "prod.tfvars"):
        assert files.search(name), name
    for name in ("README.md", "main.tf.bak", "script.sh"):
        assert not files.search(name), name


def test_fails_on_antipattern_then_passes_when_clean(repo):
    repo, env = repo
    shutil.copytree(SOURCE_DIR / "examples" / "seed", repo / "seed")
    shutil.copy(ANTIPATTERN, repo / "bastion.yaml")
    git(repo, "add", "-A")
    proc = pre_commit(repo, env, "--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "PG-NET-001" in proc.stdout
    assert "bastion.yaml:" in proc.stdout

    # Only the files given are checked: a clean file passes on its own.
    (repo / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    git(repo, "add", "clean.yaml")
    proc = pre_commit(repo, env, "--files", "clean.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # A clean tree passes.
    shutil.rmtree(repo / "seed")
    (repo / "bastion.yaml").unlink()
    git(repo, "add", "-A")
    proc = pre_commit(repo, env, "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
