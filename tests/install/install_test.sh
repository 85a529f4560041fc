#!/usr/bin/env bash
# Installs the built polygraph into a scratch prefix, builds examples/cpp-host
# against the installed CMake package (find_package(polygraph)), and runs it
# on the antipatterns, which must yield findings (exit 1).
# Usage: install_test.sh BUILD_DIR SOURCE_DIR SCRATCH_DIR
set -euo pipefail
build=$1 source=$2 scratch=$3
rm -rf "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
cmake -S "$source/examples/cpp-host" -B "$scratch/host" -G Ninja \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/host" >/dev/null
set +e
"$scratch/host/cpp_host" "$source/examples/antipatterns" > "$scratch/out.txt"
status=$?
set -e
cat "$scratch/out.txt"
if [ "$status" != 1 ]; then
  echo "expected exit 1 (findings), got $status" >&2
  exit 1
fi
grep -q "PG-IAM-001" "$scratch/out.txt"
grep -q "PG-S3-001" "$scratch/out.txt"
grep -q "PG-NET-001" "$scratch/out.txt"
echo "installed package works"
