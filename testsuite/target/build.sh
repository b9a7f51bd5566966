#!/usr/bin/env bash
# Builds the test target module for one kernel, in the build tree (never in
# the source tree), and prints the path of the .ko.  Rebuilds only when a
# source changed.
#
#   testsuite/target/build.sh [--kernel RELEASE|SERIES] [--build-dir DIR]
#
# The kernel is chosen as the VM runner chooses it (default: the newest
# installed); the module lands in DIR/testsuite/target/RELEASE/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kernel=
build_dir=$here/../../build
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--build-dir) build_dir=$2; shift 2 ;;
	*) echo "usage: $0 [--kernel RELEASE|SERIES] [--build-dir DIR]" >&2; exit 2 ;;
	esac
done
release=$("$here/../vm/stap-vm" --kernel "$kernel" --which-kernel)
out=$(mkdir -p "$build_dir/testsuite/target/$release" && cd "$_" && pwd)
ko=$out/stapforge_target.ko
sources=(Kbuild stapforge_target.c stapforge_target.h)

exec 9>"$out/.lock"
flock 9
stale=0
[ -e "$ko" ] || stale=1
for f in "${sources[@]}"; do
	cmp -s "$here/$f" "$out/$f" || { cp "$here/$f" "$out/$f"; stale=1; }
done
if [ $stale = 1 ]; then
	if ! make -C "/lib/modules/$release/build" M="$out" modules >"$out/build.log" 2>&1; then
		cat "$out/build.log" >&2
		echo "$0: building the target module for $release failed" >&2
		exit 1
	fi
fi
echo "$ko"
