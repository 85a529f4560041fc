"""polygraph.check(parameters=..., parameter_files=...) and
load_model(parameters=...): parameter values reach the template evaluator."""

import json

import pytest

import polygraph

TEMPLATE = """\
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  AdminSG:
    Type: AWS::EC2::SecurityGroup
    Condition: IsDev
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
"""


def test_parameters_decide_conditions(tmp_path):
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE)
    dev = polygraph.check(path)
    assert [f.rule_id for f in dev.findings] == ["PG-NET-001"]
    assert "assuming condition \"IsDev\"" in dev.findings[0].message
    prod = polygraph.check(path, parameters={"Env": "prod"})
    assert prod.findings == ()
    assert any(d.code == "condition-false" for d in prod.diagnostics)


def test_parameter_files_and_errors(tmp_path):
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE)
    params = tmp_path / "params.json"
    params.write_text(json.dumps({"Parameters": {"Env": "prod"}}))
    assert polygraph.check(path, parameter_files=[params]).findings == ()
    with pytest.raises(polygraph.Error, match='parameter "Stage" is given'):
        polygraph.check(path, parameters={"Stage": "prod"})


def test_load_model_takes_parameters(tmp_path):
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE)
    def left_out(model):
        return [d for d in model.diagnostics if d.code == "condition-false"]

    assert left_out(polygraph.load_model(path)) == []
    assert len(left_out(polygraph.load_model(path, parameters={"Env": "prod"}))) == 1
