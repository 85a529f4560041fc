a = <<EOF
plain ${x}
EOF
b = <<-EOT
    indented
      more
    EOT
