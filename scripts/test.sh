#!/usr/bin/env bash
# Second command of the README: builds and runs every test.
#   1. style: clang-format must leave every C++ file unchanged;
#   2. a debug build with warnings as errors: ctest runs the GoogleTest
#      suites, the fuzz-corpus replays, the CLI and Python pytest suites and
#      the install-and-build-a-host test;
#   3. the same tests under AddressSanitizer and UndefinedBehaviorSanitizer,
#      built with clang (Python bindings excluded: an instrumented library
#      cannot be loaded into an uninstrumented interpreter);
#   4. libFuzzer on the YAML and JSON template front-ends, 60 s each
#      (scripts/fuzz.sh; clang).
# Usage: scripts/test.sh [--no-sanitizers] [--no-fuzz]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh

sanitizers=1
fuzz=1
for arg in "$@"; do
  case "$arg" in
    --no-sanitizers) sanitizers=0 ;;
    --no-fuzz) fuzz=0 ;;
    *) echo "usage: scripts/test.sh [--no-sanitizers] [--no-fuzz]" >&2; exit 2 ;;
  esac
done
jobs=$(nproc)

echo "== style"
scripts/check-format.sh

echo "== debug build and tests"
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build/test -j "$jobs"
ctest --test-dir build/test --output-on-failure -j "$jobs"

# One clang build (AddressSanitizer, UndefinedBehaviorSanitizer and
# libFuzzer's coverage) serves both the sanitizer tests and the fuzzers.
if ((sanitizers)); then
  echo "== address and undefined-behaviour sanitizers (clang)"
  scripts/fuzz.sh --build-dir build/asan --jobs "$jobs" --build-all --build-only
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/asan --output-on-failure -j "$jobs"
fi

if ((fuzz)); then
  echo "== fuzzing the template front-ends"
  scripts/fuzz.sh --build-dir build/asan --jobs "$jobs"
fi
