a = "x\n\t\"\\ \u00e9 \U0001F600 $${lit} %%{lit}"
b = "pre-${var.env}-post"
