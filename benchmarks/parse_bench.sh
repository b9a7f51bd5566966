#!/usr/bin/env bash
# Pass 1 speed: how fast `stap -p1` parses
#   1. a generated large script (every kind of construct, many times over),
#   2. the tapset library (what every run of stap parses first),
#   3. every .stp script of the repository, one run each.
# Prints the figures (best of RUNS runs).  Usage:
#   benchmarks/parse_bench.sh [PROBES]        (default 20000 probes)
#   BUILD_DIR=... RUNS=... benchmarks/parse_bench.sh
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}
stap=$build_dir/bin/stap
probes=${1:-20000}
runs=${RUNS:-3}
[ -x "$stap" ] || { echo "no $stap: build first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Best wall time of $runs runs of the command, in ms.
best_ms() {
	local best=
	for _ in $(seq "$runs"); do
		local start end
		start=$(now_ms)
		"$@" >/dev/null
		end=$(now_ms)
		local t=$((end - start))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}

# 1. A large generated script.
big=$work/big.stp
awk -v probes="$probes" 'BEGIN {
	print "@define square(x) %( ((@x) * (@x)) %)"
	print "global counts, sizes, names[1000], total = 0, label = \"bench\""
	for (i = 1; i <= probes; i++) {
		printf "probe kernel.function(\"vfs_read_%d\").return?, timer.ms(%d).randomize(1) if (total >= 0) {\n", i, i % 100 + 1
		print "\tsizes[execname(), pid()] <<< $return"
		print "\tif ($return > 0 && $file->f_path->dentry != 0) {"
		print "\t\tcounts[tid()]++"
		printf "\t\tnames[%d %% 1000] = sprintf(\"%%s:%%d\", execname(), @square(%d))\n", i, i
		print "\t} else if (@defined($count)) {"
		print "\t\ttotal += $count + @cast($file, \"file\")->f_pos"
		print "\t}"
		print "\tforeach ([name, p-] in sizes limit 10)"
		print "\t\tprintf(\"%s %d %d\\n\", name, p, @count(sizes[name, p]))"
		printf "\ttry { x = f_%d(total, \"s\" . label) } catch (msg) { println(msg) }\n", i % 50
		print "%( kernel_v >= \"2.6.30\" %? y = 1 %: y = 2 %)"
		print "}"
		if (i % 400 == 0)
			printf "function f_%d:long (a:long, b:string) { return a + strlen(b) * 2 }\n", i / 400 % 50
	}
}' >"$big"
lines=$(wc -l <"$big")
bytes=$(wc -c <"$big")
ms=$(best_ms "$stap" -p1 "$big")
[ "$ms" -gt 0 ] || ms=1
parse=$("$stap" -v -p1 "$big" 2>&1 >/dev/null | sed -n 's/^Pass 1: .* in [0-9]*usr\/[0-9]*sys\/\([0-9]*\)real ms\.$/\1/p')
echo "generated script: $lines lines, $((bytes / 1024)) KiB: stap -p1 takes ${ms} ms" \
	"($((lines * 1000 / ms)) lines/s, $((bytes * 1000 / ms / 1024)) KiB/s, start-up and" \
	"printing included); pass 1 alone ${parse:-?} ms"

# 2. The tapset library, as stap reports it with -v.
report=$("$stap" -v -p1 -e 'probe begin {}' 2>&1 >/dev/null | sed -n 's/^Pass 1: \(.*\)\.$/\1/p')
lib_ms=$(best_ms "$stap" -p1 -e 'probe begin {}')
echo "tapset library: ${report:-no report from stap -v}; whole stap -p1 run ${lib_ms} ms"

# 3. Every .stp in the repository (parseko/ and fuzz inputs excluded).
mapfile -t scripts < <(find "$top" -name '*.stp' -not -path '*/parseko/*' \
	-not -path '*/fuzz/*' -not -path "$build_dir/*" -not -path '*/build*/*' | sort)
start=$(now_ms)
for s in "${scripts[@]}"; do
	"$stap" -g -p1 "$s" >/dev/null 2>&1 || true
done
end=$(now_ms)
echo "repository scripts: ${#scripts[@]} files, $((end - start)) ms for one stap -p1 run each"
