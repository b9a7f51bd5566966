#!/usr/bin/env bash
# Run every test: the GoogleTest unit tests (CTest), then the DejaGnu suite.
# Exits non-zero if anything failed or did not run.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}

status=0
echo "== unit tests (ctest)"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" || status=1

echo "== DejaGnu (runtest --tool stap)"
outdir=$build_dir/testsuite/host
mkdir -p "$outdir"
(cd "$outdir" && runtest --tool stap --srcdir "$top/testsuite" BUILD_DIR="$build_dir") || status=1

exit $status
