a = var.list[0].name
b = aws_instance.web.0.id
c = a[*].id
d = a.*.b.c
e = a[*][*].x
