#!/bin/sh
# Reviews a change to AWS configuration: writes a pull-request comment and a
# SARIF log for code scanning.
#
# usage: review.sh BASE_DIR HEAD_DIR OUT_DIR
#   BASE_DIR  the configuration before the change (e.g. a checkout of the
#             pull request's base)
#   HEAD_DIR  the configuration after the change
#   OUT_DIR   receives comment.md (what the change adds and fixes, from
#             `polygraph diff`) and results.sarif (every finding in HEAD_DIR,
#             from `polygraph check`)
#
# `polygraph` must be on PATH, or named by the POLYGRAPH variable.
# Exit status: 0 when both files were written (findings do not fail the
# script: the comment and code scanning report them), 2 on usage or error.
set -u

if [ "$#" -ne 3 ]; then
  echo "usage: $0 BASE_DIR HEAD_DIR OUT_DIR" >&2
  exit 2
fi
base=$1
head=$2
out=$3
polygraph=${POLYGRAPH:-polygraph}

for dir in "$base" "$head"; do
  if [ ! -d "$dir" ]; then
    echo "$0: $dir is not a folder" >&2
    exit 2
  fi
done
mkdir -p "$out" || exit 2

# polygraph exits 1 when it reports findings; only 2 and above are errors.
run() {
  "$@"
  status=$?
  if [ "$status" -ge 2 ]; then
    echo "$0: '$*' failed (exit $status)" >&2
    exit 2
  fi
}

run "$polygraph" check "$head" --format sarif --output "$out/results.sarif"
run "$polygraph" diff "$base" "$head" --format markdown --output "$out/comment.md"
exit 0
