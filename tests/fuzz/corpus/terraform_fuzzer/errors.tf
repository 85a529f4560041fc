a = "unclosed
b = (1 +
c { d = 1 }
