resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port = 22
  }
}
locals { a = 1 }
terraform {}
