"""polygraph.check(variables=..., variable_files=...) and load_model on
Terraform: variable values reach the evaluator; findings carry Terraform
names and .tf locations."""

import pytest

import polygraph

CONFIGURATION = """\
variable "admin_cidr" {
  default = "10.0.0.0/8"
}

resource "aws_security_group" "admin" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
"""


def test_variables_reach_the_evaluator(tmp_path):
    (tmp_path / "main.tf").write_text(CONFIGURATION)
    assert polygraph.check(tmp_path, only="PG-NET-001").findings == ()
    opened = polygraph.check(tmp_path, only="PG-NET-001",
                             variables={"admin_cidr": "0.0.0.0/0"})
    [finding] = opened.findings
    assert finding.location == polygraph.Location(str(tmp_path / "main.tf"), 10, 20)
    assert "aws_security_group.admin" in finding.message
    files = tmp_path / "open.tfvars"
    files.write_text('admin_cidr = "0.0.0.0/0"\n')
    assert len(polygraph.check(tmp_path, only="PG-NET-001",
                               variable_files=[files]).findings) == 1
    with pytest.raises(polygraph.Error, match='variable "cidr" is given'):
        polygraph.check(tmp_path, variables={"cidr": "0.0.0.0/0"})


NETWORK = """\
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.v.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_instance" "bastion" {
  subnet_id              = aws_subnet.public.id
  vpc_security_group_ids = [aws_security_group.admin.id]
}
"""


def test_load_model_answers_reachability_over_terraform(tmp_path):
    (tmp_path / "main.tf").write_text(CONFIGURATION.replace(
        'resource "aws_security_group" "admin" {',
        'resource "aws_security_group" "admin" {\n  vpc_id = aws_vpc.v.id'))
    (tmp_path / "network.tf").write_text(NETWORK)
    # Only from inside the VPC: nothing is exposed.
    inside = polygraph.load_model(tmp_path, variables={"admin_cidr": "10.0.0.0/16"})
    assert inside.exposed() == []
    model = polygraph.load_model(tmp_path, variables={"admin_cidr": "0.0.0.0/0"})
    [exposed] = model.exposed()
    assert exposed["workload"] == "aws_instance.bastion"
    assert exposed["reachable"][0]["ports"] == ["22"]
    steps = {step["kind"]: step for step in exposed["flows"][0]["steps"]}
    assert steps["route"]["resource"] == "aws_route_table.public"
    assert (steps["security-group-ingress"]["file"],
            steps["security-group-ingress"]["line"]) == (str(tmp_path / "main.tf"), 7)
    with pytest.raises(polygraph.InputError) as error:
        (tmp_path / "main.tf").write_text("resource \"aws_vpc\" {\n")
        polygraph.check(tmp_path)
    assert (error.value.file, error.value.line) == (str(tmp_path / "main.tf"), 1)
