#!/usr/bin/env bash
# Fuzzes the template front-ends with libFuzzer (clang, AddressSanitizer,
# UndefinedBehaviorSanitizer, leak detection):
#   1. configures a clang build with -DPOLYGRAPH_BUILD_FUZZERS=ON and builds
#      only the fuzz targets that will run;
#   2. runs template_yaml_fuzzer and template_json_fuzzer (bytes -> what
#      `polygraph check` does with a .yaml / .json template) and
#      hcl_parser_fuzzer (the HCL parser), terraform_fuzzer (bytes -> what
#      `polygraph check` does with a folder of .tf), rule_file_fuzzer
#      (bytes -> a --rules file, compiled and run) and used_access_fuzzer
#      (bytes -> used accesses, then a minimized policy proven by
#      comparison) for SECONDS each, then,
#      with --others, every other target for that many seconds.
# Each run starts from a fresh copy of its seed corpus
# (tests/fuzz/corpus/<target>/) in a temporary folder: new corpus files are
# never written into the repository. Exits non-zero on the first crash,
# leak, timeout (an input slower than 10 s) or out-of-memory (2 GB), after
# printing the input that caused it and the command that replays it; that
# temporary folder is then kept.
#
# Usage: scripts/fuzz.sh [--seconds N] [--others N] [--build-dir DIR] [--jobs N]
#                        [--build-all] [--build-only]
#   --seconds N      seconds per template fuzzer (default 60)
#   --others N       seconds for each other fuzz target (default 0: skipped)
#   --build-dir DIR  the clang build folder (default build/fuzz)
#   --jobs N         build jobs (default: nproc)
#   --build-all      build every target, tests included, not only the fuzzers:
#                    scripts/test.sh runs its sanitizer tests in this build
#   --build-only     configure and build, then stop
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
others=0
build=build/fuzz
jobs=$(nproc)
build_all=0
build_only=0
usage="usage: scripts/fuzz.sh [--seconds N] [--others N] [--build-dir DIR] [--jobs N] [--build-all] [--build-only]"
while (($#)); do
  case "$1" in
    --build-all) build_all=1; shift ;;
    --build-only) build_only=1; shift ;;
    --seconds) seconds=${2:?$usage}; shift 2 ;;
    --others) others=${2:?$usage}; shift 2 ;;
    --build-dir) build=${2:?$usage}; shift 2 ;;
    --jobs) jobs=${2:?$usage}; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done

template_targets=(template_yaml_fuzzer template_json_fuzzer hcl_parser_fuzzer
                  terraform_fuzzer rule_file_fuzzer used_access_fuzzer)
other_targets=()
if ((others > 0)); then
  for source in tests/fuzz/*_fuzzer.cc; do
    name=$(basename "$source" .cc)
    case " ${template_targets[*]} " in *" $name "*) continue ;; esac
    other_targets+=("$name")
  done
fi

start=$(date +%s)
echo "== fuzz build ($build, clang)"
if [[ -f "$build/CMakeCache.txt" ]] &&
   ! grep -q '^CMAKE_CXX_COMPILER_ID:.*Clang\|^CMAKE_CXX_COMPILER:.*clang' "$build/CMakeCache.txt"; then
  echo "$build was configured with another compiler; remove it or pass --build-dir" >&2
  exit 2
fi
# -O1: libFuzzer's usual trade-off between speed and readable stacks.
# Warnings are not errors here: the debug build of scripts/test.sh judges
# them (with the compiler the project is developed with); this build only
# hunts crashes.
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" -DPOLYGRAPH_BUILD_FUZZERS=ON \
  -DPOLYGRAPH_BUILD_TESTS=ON -DPOLYGRAPH_BUILD_CLI=ON -DPOLYGRAPH_BUILD_PYTHON=OFF \
  -DPOLYGRAPH_BUILD_BENCHMARKS=OFF -DPOLYGRAPH_INSTALL=OFF -DPOLYGRAPH_WERROR=OFF >/dev/null
if ((build_all)); then
  cmake --build "$build" -j "$jobs"
else
  cmake --build "$build" -j "$jobs" --target "${template_targets[@]}" "${other_targets[@]}"
fi
built=$(date +%s)
echo "built in $((built - start)) s"
if ((build_only)); then exit 0; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/polygraph-fuzz.XXXXXX")
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# run TARGET SECONDS: fuzzes TARGET; returns its exit status.
run() {
  local name=$1 time=$2
  local binary="$build/tests/fuzz/$name"
  local corpus="$work/corpus/$name" artifacts="$work/artifacts/$name"
  local log="$work/$name.log"
  mkdir -p "$corpus" "$artifacts"
  cp -R "tests/fuzz/corpus/$name/." "$corpus/"
  local dict=()
  [[ -f "tests/fuzz/$name.dict" ]] && dict=("-dict=tests/fuzz/$name.dict")
  echo "== $name: $time s from $(ls "$corpus" | wc -l) seeds"
  local status=0
  "$binary" "${dict[@]}" -max_total_time="$time" -rss_limit_mb=2048 \
    -max_len=65536 -timeout=10 -detect_leaks=1 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1 || status=$?
  if ((status != 0)); then
    tail -n 80 "$log"
    echo "FAILED: $name exited with status $status (log: $log)" >&2
    for input in "$artifacts"/*; do
      [[ -e "$input" ]] || continue
      echo "input: $input" >&2
      echo "replay: $binary $input" >&2
    done
    return "$status"
  fi
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$log" || true
  echo "corpus grew from $(ls "tests/fuzz/corpus/$name" | wc -l) to $(ls "$corpus" | wc -l) inputs"
}

failed=0
for name in "${template_targets[@]}"; do
  run "$name" "$seconds" || { failed=1; break; }
done
if ((!failed)); then
  for name in "${other_targets[@]}"; do
    run "$name" "$others" || { failed=1; break; }
  done
fi
if ((failed)); then
  echo "fuzzing found a problem; inputs and logs kept in $work" >&2
  exit 1
fi
rm -rf "$work"
echo "fuzzing passed: build $((built - start)) s, total $(($(date +%s) - start)) s"
