#!/bin/sh
# Runtime build figures for every installed kernel: the per-kernel work
# (feature probes + runtime archive, cold), a no-op re-check, the build of
# one small module against the warm cache, and module sizes.
#   benchmarks/runtime/build-times.sh [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}
kbuild=$top/runtime/kbuild
examples=$top/testsuite/runtime-example
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc | sed 's/^\./0./'; }

for kd in /lib/modules/*/build; do
	rel=$(basename "$(dirname "$kd")")
	cache=$work/cache-$rel
	echo "== $rel"
	t=$(now); "$kbuild/prepare.sh" "$kd" "$cache"
	echo "per-kernel cache, cold (feature probes + runtime archive): $(since "$t") s"
	t=$(now); "$kbuild/prepare.sh" "$kd" "$cache"
	echo "per-kernel cache, warm check: $(since "$t") s"
	echo "feature probes: $(grep -c '^#define' "$cache/stapconf.h") of $(grep -c 'STAPCONF_' "$cache/stapconf.h") present"
	for m in hello:$here/hello.c example:$examples/example.c; do
		name=${m%%:*} src=${m#*:}
		t=$(now); "$kbuild/build-module.sh" -I "$examples" "$kd" "$cache" "$name" "$src" "$work/$name-$rel" >/dev/null
		echo "module $name: build $(since "$t") s, $(stat -c %s "$work/$name-$rel/$name.ko") bytes .ko"
	done
done
