#!/bin/sh
# Builds one module from a C file in generated-code style (a hand-written
# module: docs/runtime-api.md) with stap's pass 4, for runtime work, tests
# and benchmarks that have the C but no script:
#
#   build-module.sh [-j JOBS] [-I DIR] KERNEL_BUILD_DIR CACHE_DIR NAME SOURCE.c OUTDIR
#
# runs, in OUTDIR,
#
#   stap --c-source SOURCE.c -R RUNTIME -r KERNEL_BUILD_DIR -m NAME -p4 [-I DIR]
#
# with stap's caches (the per-kernel runtime and the module cache) in
# CACHE_DIR, and prints OUTDIR/NAME.ko.  RUNTIME is the runtime this script
# belongs to; stap is $STAP, else the one of the installation or build tree
# (build/) this script is part of.  -I DIR adds a C include directory (the
# source's own directory is one already); -j is accepted for compatibility
# (stap runs as many jobs as there are CPUs).
set -eu

includes=""
while getopts "j:I:" opt; do
	case $opt in
	j) ;;
	I) includes="$includes -I $(cd "$OPTARG" && pwd)" ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 5 ]; then
	echo "usage: $0 [-j JOBS] [-I DIR] KERNEL_BUILD_DIR CACHE_DIR NAME SOURCE.c OUTDIR" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
runtime=$(cd "$here/.." && pwd -P)
stap=
for s in "${STAP:-}" "$here/../../../../bin/stap" "$here/../../build/bin/stap"; do
	if [ -n "$s" ] && [ -x "$s" ]; then
		stap=$s
		break
	fi
done
if [ -z "$stap" ]; then
	echo "build-module.sh: no stap (build first, or set STAP)" >&2
	exit 1
fi
kdir=$(cd "$1" && pwd) || exit 1
mkdir -p "$2" "$5"
cache=$(cd "$2" && pwd)
name=$3
source=$(cd "$(dirname "$4")" && pwd)/$(basename "$4")
out=$(cd "$5" && pwd)
# shellcheck disable=SC2086 # $includes is a list of options
(cd "$out" && env -u SYSTEMTAP_DIR XDG_CACHE_HOME="$cache" "$stap" --c-source "$source" \
	-R "$runtime" -r "$kdir" -m "$name" -p4 $includes >/dev/null)
echo "$out/$name.ko"
