#!/usr/bin/env bash
# First command of the README: installs what is missing, builds polygraph
# (release), and runs the main job on the bundled seed infrastructure.
# Usage: scripts/run.sh [polygraph check arguments...]   (default: examples/seed)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DPOLYGRAPH_BUILD_TESTS=OFF -DPOLYGRAPH_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build/release
if (($# == 0)); then set -- examples/seed; fi
exec build/release/bin/polygraph check "$@"
