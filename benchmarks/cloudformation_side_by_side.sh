#!/usr/bin/env bash
# `polygraph check` side by side with cfn-lint on the same generated
# 500-resource CloudFormation template (cloudformation_benchmark's
# --write-template), as YAML and as JSON, on this machine in one run: each
# command runs RUNS times per file (wall-clock time of the whole process, so
# start-up is included) and the medians and their ratio are printed.
#
# Usage: benchmarks/cloudformation_side_by_side.sh [BUILD_DIR] [RUNS]
#   BUILD_DIR  a Release build with the targets cloudformation_benchmark and
#              polygraph_cli built (default build/bench)
#   RUNS       runs per command and file (default 5)
# Needs cfn-lint on PATH (any Python installation). Exit codes of the tools
# are not failures (both report findings through them) except polygraph's 2,
# an input error.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build/bench}
runs=${2:-5}
generator="$build/benchmarks/cloudformation_benchmark"
polygraph="$build/bin/polygraph"
for tool in "$generator" "$polygraph"; do
  [[ -x "$tool" ]] || { echo "missing $tool (build it in $build)" >&2; exit 2; }
done
command -v cfn-lint >/dev/null || { echo "cfn-lint is not on PATH" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/polygraph-side-by-side.XXXXXX")
trap 'rm -rf "$work"' EXIT

# millis_of COMMAND...: runs the command once, prints its wall time in ms.
millis_of() {
  local start end status=0
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || status=$?
  end=$(date +%s%N)
  if [[ "$1" == "$polygraph" ]] && ((status == 2)); then
    echo "polygraph reported an input error on ${*: -1}" >&2
    exit 1
  fi
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "polygraph: $("$polygraph" --version 2>/dev/null | head -n 1)"
echo "cfn-lint:  $(cfn-lint --version 2>&1)"
echo "runs per command and file: $runs"
printf '\n| template | size | polygraph check | cfn-lint | cfn-lint / polygraph |\n|---|---|---|---|---|\n'
for format in yaml json; do
  file="$work/stack.$format"
  "$generator" --write-template="$file"
  # One untimed run each warms the page cache and Python's bytecode cache.
  "$polygraph" check "$file" >"$work/polygraph.$format.out" 2>&1 || true
  cfn-lint "$file" >"$work/cfn-lint.$format.out" 2>&1 || true
  ours=$(for _ in $(seq "$runs"); do millis_of "$polygraph" check "$file"; done | median)
  theirs=$(for _ in $(seq "$runs"); do millis_of cfn-lint "$file"; done | median)
  ratio=$(awk -v a="$theirs" -v b="$ours" 'BEGIN {printf "%.1fx", (b > 0) ? a / b : 0}')
  printf '| %s | %s KB | %s ms | %s ms | %s |\n' "$format" \
    "$(($(wc -c <"$file") / 1024))" "$ours" "$theirs" "$ratio"
done
echo
echo "polygraph's summary (yaml): $(tail -n 1 "$work/polygraph.yaml.out")"
echo "cfn-lint's messages (yaml): $(grep -cE '^[EWI][0-9]+' "$work/cfn-lint.yaml.out" || true)"
