#!/usr/bin/env bash
# Pass 2 speed: how fast `stap -p2` elaborates a script that pulls in most of
# a tapset library, and how fast the whole library parses (what every run
# of stap does first).  The real library (tapsets/) is nearly empty while
# issue 4 is open, so a synthetic one of realistic size is generated
# (benchmarks/gen_tapset_library.sh: ~500 files, ~53k lines) and used with
# -I.  Prints the figures (best of RUNS runs; target: well under a second).
#   benchmarks/elaborate_bench.sh
#   BUILD_DIR=... RUNS=... benchmarks/elaborate_bench.sh
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}
stap=$build_dir/bin/stap
runs=${RUNS:-5}
[ -x "$stap" ] || { echo "no $stap: build first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lib=$work/tapset
"$top/benchmarks/gen_tapset_library.sh" "$lib"
files=$(find "$lib" -name '*.stp*' | wc -l)
lines=$(cat "$lib"/* | wc -l)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Best wall time of $runs runs of the command, in ms.
best_ms() {
	local best=
	for _ in $(seq "$runs"); do
		local start end
		start=$(now_ms)
		"$@" >/dev/null 2>&1 || true
		end=$(now_ms)
		local t=$((end - start))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}

# Best of the per-pass times stap -v reports for pass N.
best_pass_ms() {
	local pass=$1
	shift
	local best=
	for _ in $(seq "$runs"); do
		local t
		t=$("$1" -v "${@:2}" 2>&1 >/dev/null | sed -n "s/^Pass $pass: .* in [0-9]*usr\/[0-9]*sys\/\([0-9]*\)real ms\.\$/\1/p")
		if [ -n "$t" ] && { [ -z "$best" ] || [ "$t" -lt "$best" ]; }; then best=$t; fi
	done
	echo "${best:-?}"
}

# 1. Parsing the whole library.
empty='probe begin { println(1) }'
parse_ms=$(best_pass_ms 1 "$stap" -I "$lib" -p1 -e "$empty")
parse_wall=$(best_ms "$stap" -I "$lib" -p1 -e "$empty")
echo "synthetic tapset library: $files files, $lines lines: pass 1 parses it in" \
	"${parse_ms} ms (whole stap -p1 run ${parse_wall} ms)"

# 2. A script that pulls in most of it: every syscall alias (entry and
# return, each an alias of aliases calling helpers from most helper files)
# and every subsystem event.
script=$work/most.stp
cat >"$script" <<'STP'
global total
probe syscall.* { printf("%s(%s)\n", name, argstr) }
probe syscall.*.return { printf("%s = %s\n", name, retstr); total++ }
probe group*.*.done { println(size) }
probe group*.*.watch { group00_watching = 1 }
probe end { println(total) }
STP
out=$("$stap" -I "$lib" -p2 "$script" 2>&1) || { echo "$out" | tail -5 >&2; exit 1; }
probes=$(echo "$out" | grep -c ' /\* <- ')
functions=$(echo "$out" | sed -n '/^# functions/,/^# probes/p' | grep -c '^[a-zA-Z_].*(')
report=$("$stap" -I "$lib" -p2 -v "$script" 2>&1 >/dev/null | sed -n 's/^Pass 2: \(.*\)\.$/\1/p')
elab_ms=$(best_pass_ms 2 "$stap" -I "$lib" -p2 "$script")
total_ms=$(best_ms "$stap" -I "$lib" -p2 "$script")
echo "stap -p2 pulling in most of it: $probes derived probes, $functions functions;" \
	"pass 2 takes ${elab_ms} ms; whole run (parse, elaborate, print) ${total_ms} ms"
echo "  (${report})"
