a = "%{ if x ~}yes%{ else }no%{ endif }"
b = "%{ for k, v in m }${k}=${v}%{ endfor ~}"
c = "${~ x ~}"
