region = "us-east-1"
count  = 3
ratio  = 0.5e1
flag   = true
nothing = null
