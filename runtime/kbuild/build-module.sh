#!/bin/sh
# Builds one module from generated C and the runtime prepared for the
# kernel by prepare.sh (which it runs first; that is a no-op when the
# cache is current):
#
#   OUTDIR/stp_script.c          the generated code (copied from SOURCE.c)
#   OUTDIR/stp_runtime.o_shipped the cached runtime archive (stp_runtime.a)
#   OUTDIR/.stp_runtime.o.cmd    an empty command file (modpost wants one)
#   OUTDIR/Kbuild                obj-m := NAME.o
#                                NAME-y := stp_script.o stp_runtime.o
#   OUTDIR/NAME.ko               the result
#
# Usage: build-module.sh [-j JOBS] [-I DIR] KERNEL_BUILD_DIR CACHE_DIR NAME SOURCE.c OUTDIR
#
# -I DIR adds a directory for the source's #include "..." (the generated
# code of stap needs none; hand-written test modules share a header).
# Only stp_script.c is compiled; kbuild copies the shipped runtime and the
# link takes from it the parts the generated code uses.
# NAME must be a valid module name other than stp_script and stp_runtime.
set -eu

jobs=2
extra=""
while getopts "j:I:" opt; do
	case $opt in
	j) jobs=$OPTARG ;;
	I) extra="$extra -iquote $(cd "$OPTARG" && pwd -P)" ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 5 ]; then
	echo "usage: $0 [-j JOBS] [-I DIR] KERNEL_BUILD_DIR CACHE_DIR NAME SOURCE.c OUTDIR" >&2
	exit 2
fi
kdir=$1 cache=$2 name=$3 source=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd -P)
runtime=$(cd "$here/.." && pwd -P)

case $name in
stp_script | stp_runtime | *[!A-Za-z0-9_]* | "")
	echo "build-module.sh: invalid module name '$name'" >&2
	exit 2
	;;
esac

"$here/prepare.sh" -j "$jobs" "$kdir" "$cache"
cache=$(cd "$cache" && pwd -P)
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
cp "$source" "$out/stp_script.c"
cp "$cache/stp_runtime.a" "$out/stp_runtime.o_shipped"
# modpost reads each part's symbol versions from its .cmd file, which the
# _shipped copy rule does not write; the runtime exports no symbols.
echo "# shipped runtime object: no exported symbols" >"$out/.stp_runtime.o.cmd"
cat >"$out/Kbuild" <<KBUILD
obj-m := $name.o
$name-y := stp_script.o stp_runtime.o
ccflags-y := -iquote $runtime$extra -include $cache/stapconf.h -Os
ccflags-remove-y := \$(CC_FLAGS_FTRACE)
KBUILD
if ! make -C "$kdir" M="$out" -j"$jobs" KCFLAGS=-g0 CONFIG_DEBUG_INFO_BTF_MODULES= \
	modules >"$out/build.log" 2>&1; then
	cat "$out/build.log" >&2
	echo "build-module.sh: building $name.ko failed" >&2
	exit 1
fi
echo "$out/$name.ko"
