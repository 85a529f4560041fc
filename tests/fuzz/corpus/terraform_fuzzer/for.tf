a = [for i, v in xs : upper(v) if i > 0]
b = {for k, v in m : v.g => k... if v != null}
