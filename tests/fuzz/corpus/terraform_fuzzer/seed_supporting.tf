# Not from the guide. The guide's snippets (vpc.tf, aurora.tf, cloudwatch.tf,
# route53.tf) refer to the names below without defining them; these are the
# smallest definitions that make them a valid configuration. Each one is
# listed, with the reason, in examples/seed/README.md.

# vpc.tf: data.aws_availability_zones.az.names[count.index]
data "aws_availability_zones" "az" {
  state = "available"
}

# aurora.tf: master_password = var.db_password
variable "db_password" {
  type      = string
  sensitive = true
}

# aurora.tf: db_subnet_group_name = aws_db_subnet_group.private.name
# (the guide's private subnets, where its databases belong)
resource "aws_db_subnet_group" "private" {
  name       = "myapp-prod-private"
  subnet_ids = aws_subnet.private[*].id
}

# aurora.tf: vpc_security_group_ids = [aws_security_group.aurora.id]
# (the guide's chain: "DB SG: Allow 3306 only from App SG")
resource "aws_security_group" "aurora" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 3306
    to_port         = 3306
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }
}

# aurora.tf: kms_key_id = aws_kms_key.rds.arn
resource "aws_kms_key" "rds" {
  description         = "myapp-prod Aurora storage encryption"
  enable_key_rotation = true
}

# cloudwatch.tf: alarm_actions = [aws_sns_topic.alerts.arn]
resource "aws_sns_topic" "alerts" {
  name = "app-alerts"
}

# cloudwatch.tf: dimensions, route53.tf: alias (the guide's public ALB, in
# its public subnets behind its ALB security group)
resource "aws_lb" "main" {
  name               = "myapp-prod"
  load_balancer_type = "application"
  subnets            = aws_subnet.public[*].id
  security_groups    = [aws_security_group.alb.id]
}

# cloudwatch.tf: TargetGroup = aws_lb_target_group.api.arn_suffix
# (the ECS service's port 3000; Fargate tasks in awsvpc mode register by IP)
resource "aws_lb_target_group" "api" {
  name        = "api-service"
  port        = 3000
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.main.id
}

# route53.tf: zone_id = aws_route53_zone.main.zone_id
resource "aws_route53_zone" "main" {
  name = "example.com"
}
