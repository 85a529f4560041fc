"""`--param` and `--params`: CloudFormation parameter values on the command
line change what the template evaluates to, and so what is found."""

import json
import os
import subprocess
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("POLYGRAPH_CLI", SOURCE_DIR / "build" / "dev" / "bin" / "polygraph"))

# SSH is opened to the world only in the dev environment, the default.
TEMPLATE = """\
Parameters:
  Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
  Admin: {Type: String, Default: 0.0.0.0/0}
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  AdminSG:
    Type: AWS::EC2::SecurityGroup
    Condition: IsDev
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Admin}
"""


def run(*args):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True,
                          timeout=60)


def test_defaults_apply_and_the_finding_names_the_assumed_condition(tmp_path):
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE)
    result = run("check", path, "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [f["rule_id"] for f in findings] == ["PG-NET-001"]
    assert findings[0]["line"] == 13
    assert ('(assuming condition "IsDev", true because Env is "dev" by default)'
            in findings[0]["message"])


def test_param_changes_what_is_created_and_what_is_open(tmp_path):
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE)
    prod = run("check", path, "--param", "Env=prod")
    assert prod.returncode == 0, prod.stdout + prod.stderr
    assert "is left out: its condition \"IsDev\" is false" in prod.stderr
    narrow = run("check", path, "--param=Admin=10.0.0.0/8")
    assert narrow.returncode == 0, narrow.stdout + narrow.stderr


def test_params_file_and_param_precedence(tmp_path):
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE)
    params = tmp_path / "params.json"
    params.write_text(json.dumps([{"ParameterKey": "Env", "ParameterValue": "prod"}]))
    assert run("check", path, "--params", params).returncode == 0
    assert run("check", path, "--params", params, "--param", "Env=dev").returncode == 1


def test_bad_parameters_exit_2_with_one_line(tmp_path):
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE)
    cases = [
        (["--param", "Env"], "option --param needs Name=Value"),
        (["--param", "Environment=prod"], 'parameter "Environment" is given but no template'),
        (["--param", "Env=qa"], f"{path}:2:52: parameter \"Env\" is given \"qa\", which is not"),
    ]
    for args, message in cases:
        result = run("check", path, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
