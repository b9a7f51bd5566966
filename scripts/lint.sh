#!/usr/bin/env bash
# Style checks: clang-format over every C/C++ source (as a dry run), and
# clang-tidy over the translator and staprun sources.
#   scripts/lint.sh          check
#   scripts/lint.sh --fix    rewrite files in place with clang-format
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}
cd "$top"
mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.c' | grep -v '^testsuite/fuzz/corpus/')
if [ "${1:-}" = --fix ]; then
	clang-format -i "${files[@]}"
	exit 0
fi
clang-format --dry-run --Werror "${files[@]}"
mapfile -t cxx < <(git ls-files 'translator/*.cpp' 'staprun/*.cpp')
if [ -f "$build_dir/compile_commands.json" ] && [ ${#cxx[@]} -gt 0 ]; then
	clang-tidy -p "$build_dir" --quiet "${cxx[@]}"
fi
