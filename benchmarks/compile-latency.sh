#!/usr/bin/env bash
# Time from command to module, and module size, for every installed kernel
# (issue 4's Speed section).  For hello world and a small timer script:
#
#   cold        stap -p4 with no caches at all (neither the per-kernel
#               runtime nor the module cache)
#   new script  the kernel already used (per-kernel cache warm), a script
#               the module cache has not seen
#   warm        the same script again (module cache hit)
#   .ko         the module's size in bytes
#
# each the median of RUNS runs (default 3) of wall time (and, for cold and
# new, of CPU time: user + system of stap and its children, which says what
# a busy machine adds to the wall time), then the lossless
# printf throughput in the VM (benchmarks/runtime/throughput.sh; skip it
# with --no-vm).  Scripts are benchmarks/hello.stp and timer.stp once
# passes 1-3 translate them; until then the hand-written modules that
# stand for them (benchmarks/runtime/hello.c, testsuite/runtime-example/
# forever.c) go through pass 4 with --c-source.
#
#   benchmarks/compile-latency.sh [--no-vm] [--kernel RELEASE]...
#   BUILD_DIR=... RUNS=... benchmarks/compile-latency.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}
stap=$build_dir/bin/stap
runs=${RUNS:-3}
vm=1
kernels=()
while [ $# -gt 0 ]; do
	case $1 in
	--no-vm) vm=0; shift ;;
	--kernel) kernels+=("$2"); shift 2 ;;
	*) echo "usage: $0 [--no-vm] [--kernel RELEASE]..." >&2; exit 2 ;;
	esac
done
[ -x "$stap" ] || { echo "no $stap: build first" >&2; exit 1; }
if [ ${#kernels[@]} -eq 0 ]; then
	for d in /lib/modules/*/build; do
		[ -e "$d" ] && kernels+=("$(basename "$(dirname "$d")")")
	done
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# What to build: scripts if stap translates them, else their C stand-ins.
if "$stap" -p3 -e 'probe begin { exit() }' >/dev/null 2>&1; then
	mode=script
	subjects="hello:$here/hello.stp timer:$here/timer.stp"
else
	mode=c-source
	subjects="hello:$here/runtime/hello.c timer:$top/testsuite/runtime-example/forever.c"
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# build SUBJECT_FILE CACHE_ROOT [EXTRA]: one stap -p4; prints the .ko path
# and leaves "WALL_MS CPU_MS" in $work/time.  EXTRA is appended to a copy
# of the subject, making it a new script.
build() {
	local src=$1 cache=$2 extra=${3:-}
	local copy=$work/subject.${src##*.}
	if [ -n "$extra" ]; then
		cp "$src" "$copy"
		if [ "$mode" = script ]; then
			echo "# $extra" >>"$copy"
		else
			echo "/* $extra */" >>"$copy"
			# Hand-written modules include headers from their directory.
			cp "$(dirname "$src")"/*.h "$work/" 2>/dev/null || true
		fi
		src=$copy
	fi
	local args=(-p4 -r "$rel")
	if [ "$mode" = script ]; then args+=("$src"); else args+=(--c-source "$src"); fi
	local t0 t1
	t0=$(date +%s%N)
	env -u SYSTEMTAP_DIR XDG_CACHE_HOME="$cache" /usr/bin/time -f '%U %S' \
		-o "$work/time.raw" "$stap" "${args[@]}"
	t1=$(date +%s%N)
	# /usr/bin/time's wall clock counts in hundredths: the shell's is finer.
	awk -v ms=$(((t1 - t0) / 1000000)) '{ printf("%d %d\n", ms, ($1 + $2) * 1000) }' \
		"$work/time.raw" >"$work/time"
}

wall() { cut -d' ' -f1 "$work/time"; }
cpu() { cut -d' ' -f2 "$work/time"; }
echo "compile latency ($mode mode; median of $runs runs; ms, CPU ms in parentheses)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %-6s %14s %14s %8s %8s\n' kernel script cold new warm ".ko B"
for rel in "${kernels[@]}"; do
	# One unmeasured cold build first: "cold" means no stap caches, not
	# kernel headers and compiler read from disk (the operating system's
	# page cache; this machine's reclaims it within seconds when idle).
	first=${subjects%% *}
	build "${first#*:}" "$work/warm-up-$rel" >/dev/null
	rm -rf "$work/warm-up-$rel"
	for subject in $subjects; do
		name=${subject%%:*} src=${subject#*:}
		cold=() cold_cpu=() new=() new_cpu=() warm=()
		for i in $(seq "$runs"); do
			cache=$work/cache-$rel-$name-$i
			build "$src" "$cache" >/dev/null
			cold+=("$(wall)") cold_cpu+=("$(cpu)")
			build "$src" "$cache" "new script $i" >/dev/null
			new+=("$(wall)") new_cpu+=("$(cpu)")
			ko=$(build "$src" "$cache" "new script $i")
			warm+=("$(wall)")
			size=$(stat -c %s "$ko")
			rm -rf "$cache"
		done
		printf '%-28s %-6s %14s %14s %8s %8s\n' "$rel" "$name" \
			"$(printf '%s\n' "${cold[@]}" | median) ($(printf '%s\n' "${cold_cpu[@]}" | median))" \
			"$(printf '%s\n' "${new[@]}" | median) ($(printf '%s\n' "${new_cpu[@]}" | median))" \
			"$(printf '%s\n' "${warm[@]}" | median)" "$size"
	done
done
echo "targets: cold < 2500, new < 1500, warm < 50 ms; .ko < 40960 bytes"

if [ $vm = 1 ]; then
	echo
	echo "lossless printf throughput in the VM (benchmarks/runtime/throughput.sh)"
	STAP=$stap KERNELS="${kernels[*]}" "$here/runtime/throughput.sh"
fi
