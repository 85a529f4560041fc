"""`check` on Terraform: a folder of .tf files is one configuration, its
variables set with `--var` and `--var-file` as terraform's -var and
-var-file, and findings point at the .tf lines with Terraform names."""

import json
import os
import subprocess
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))

# SSH is open to whatever `admin_cidr` says; nothing by default.
CONFIGURATION = """\
variable "admin_cidr" {
  type    = string
  default = "10.0.0.0/8"
}

resource "aws_security_group" "admin" {
  count = 2
  name  = "admin-${count.index}"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
"""


def run(*args):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True,
                          timeout=60)


def findings(result):
    return json.loads(result.stdout)["findings"]


def test_variables_decide_what_is_found(tmp_path):
    (tmp_path / "main.tf").write_text(CONFIGURATION)
    closed = run("check", tmp_path, "--format", "json", "--only", "PG-NET-001")
    assert closed.returncode == 0, closed.stderr
    assert findings(closed) == []

    opened = run("check", tmp_path, "--format", "json", "--only", "PG-NET-001",
                 "--var", "admin_cidr=0.0.0.0/0")
    assert opened.returncode == 1, opened.stderr
    found = findings(opened)
    assert [f["resource"] for f in found] == ["aws_security_group.admin[0]",
                                              "aws_security_group.admin[1]"]
    # The CIDR's line in main.tf: the list it is written in.
    assert {(f["file"], f["line"]) for f in found} == {(str(tmp_path / "main.tf"), 13)}


def test_variable_files_and_their_order(tmp_path):
    (tmp_path / "main.tf").write_text(CONFIGURATION)
    (tmp_path / "open.tfvars").write_text('admin_cidr = "0.0.0.0/0"\n')
    from_file = run("check", tmp_path, "--format", "json", "--only", "PG-NET-001",
                    "--var-file", tmp_path / "open.tfvars")
    assert from_file.returncode == 1, from_file.stderr
    assert len(findings(from_file)) == 2
    # --var wins over --var-file, as in terraform.
    overridden = run("check", tmp_path, "--only", "PG-NET-001",
                     "--var-file", tmp_path / "open.tfvars", "--var", "admin_cidr=10.1.0.0/16")
    assert overridden.returncode == 0, overridden.stderr
    # terraform.tfvars is read without being named.
    (tmp_path / "terraform.tfvars").write_text('admin_cidr = "0.0.0.0/0"\n')
    automatic = run("check", tmp_path, "--only", "PG-NET-001")
    assert automatic.returncode == 1, automatic.stderr


def test_bad_input_is_one_located_line_and_exit_2(tmp_path):
    (tmp_path / "main.tf").write_text(CONFIGURATION)
    misspelt = run("check", tmp_path, "--var", "admin_cdir=0.0.0.0/0")
    assert misspelt.returncode == 2
    assert 'variable "admin_cdir" is given' in misspelt.stderr
    usage = run("check", tmp_path, "--var", "admin_cidr")
    assert usage.returncode == 2
    assert "--var needs NAME=VALUE" in usage.stderr
    (tmp_path / "main.tf").write_text('resource "aws_vpc" "v" {\n  cidr_block = = "x"\n}\n')
    broken = run("check", tmp_path)
    assert broken.returncode == 2
    assert broken.stderr.startswith(f"polygraph: {tmp_path / 'main.tf'}:2:16: ")
