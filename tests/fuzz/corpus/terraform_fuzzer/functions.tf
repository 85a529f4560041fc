a = max(1, 2,
  3,
)
b = concat(a, b...)
c = provider::aws::arn_parse(x)
