#!/bin/sh
# Wall time of a pre-commit-style run: `polygraph check examples/` (every
# rule, text format, report discarded), as the pre-commit hook runs it.
# Runs the binary N times and prints each run and the median, in ms.
# Budget: the median must stay under 200 ms.
#
# usage: benchmarks/precommit_benchmark.sh [POLYGRAPH_BINARY] [N]
#   default binary: build/release/bin/polygraph under the source tree;
#   default N: 20. Run from anywhere; paths are relative to the source tree.
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$source_dir/build/release/bin/polygraph}
runs=${2:-20}
if [ ! -x "$binary" ]; then
  echo "usage: $0 [POLYGRAPH_BINARY] [N]  ($binary is not an executable)" >&2
  exit 2
fi

cd "$source_dir"
# One untimed run warms the page cache.
"$binary" check examples >/dev/null 2>&1 || true
times=""
i=0
while [ "$i" -lt "$runs" ]; do
  start=$(date +%s%N)
  # Exit 1 (findings) is expected; 2 is a failure of the benchmark.
  status=0
  "$binary" check examples >/dev/null 2>&1 || status=$?
  end=$(date +%s%N)
  if [ "$status" -ge 2 ]; then
    echo "$0: polygraph check examples failed (exit $status)" >&2
    exit 2
  fi
  times="$times $(((end - start) / 1000))"
  i=$((i + 1))
done

printf '%s\n' $times | sort -n | awk -v runs="$runs" '
  { t[NR] = $1 }
  END {
    median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "polygraph check examples: %d runs, min %.1f ms, median %.1f ms, max %.1f ms\n",
           NR, t[1] / 1000, median / 1000, t[NR] / 1000
    exit (median < 200000) ? 0 : 1
  }'
