#!/bin/sh
# Lossless printf throughput in the VM, for every installed kernel: one
# module prints TOTAL numbered records (printf("%d\n")) from a 10 kHz
# timer, PER_HIT per hit; staprun drains them to a file in the guest.  The
# run counts only if every record arrived (the output is compared with
# the expected sequence) and the runtime reports no loss.  The module is
# throughput.stp built by stap -p4 ($STAP, else build/bin/stap).
# KERNELS (releases, space-separated) limits it to those kernels.
#   benchmarks/runtime/throughput.sh [TOTAL [PER_HIT]]
# Needs the VM runner: testsuite/vm/stap-vm, or $STAP_VM.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
total=${1:-1000000}
per_hit=${2:-250}
vm=${STAP_VM:-$top/testsuite/vm/stap-vm}
if [ ! -x "$vm" ] && ! command -v "$vm" >/dev/null 2>&1; then
	echo "throughput.sh: no VM runner ($vm); set STAP_VM" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

stap=${STAP:-$top/build/bin/stap}
for kd in /lib/modules/*/build; do
	rel=$(basename "$(dirname "$kd")")
	case " ${KERNELS:-$rel} " in *" $rel "*) ;; *) continue ;; esac
	mkdir -p "$work/mod-$rel"
	# The script (throughput.stp) through stap -p4; its hand-written C
	# stand-in (throughput.c) only where stap cannot translate it.
	if ! (cd "$work/mod-$rel" && env -u SYSTEMTAP_DIR XDG_CACHE_HOME="$work/cache-$rel" \
		"$stap" -p4 -r "$rel" -m throughput "$here/throughput.stp" >/dev/null 2>&1); then
		echo "== $rel: stap cannot build throughput.stp; using throughput.c"
		"$top/runtime/kbuild/build-module.sh" "$kd" "$work/cache-$rel" throughput \
			"$here/throughput.c" "$work/mod-$rel" >/dev/null
	fi
	cmd="cd /work && t0=\$(cut -d' ' -f1 /proc/uptime) && \
		staprun -v throughput.ko total=$total per_hit=$per_hit > /tmp/out 2>/tmp/err; \
		t1=\$(cut -d' ' -f1 /proc/uptime); \
		awk 'BEGIN { for (i = 0; i < $total; i++) print i }' > /tmp/expect; \
		if cmp -s /tmp/out /tmp/expect && grep -q ' 0 bytes lost' /tmp/err; then r=lossless; else r=LOST; fi; \
		echo RESULT \$r \$t0 \$t1 \$(wc -c < /tmp/out)"
	out=$("$vm" --kernel "$rel" --timeout 900 --file "$work/mod-$rel/throughput.ko:/work/throughput.ko" -- "$cmd" 2>&1) || true
	# shellcheck disable=SC2046 # the four words of the RESULT line
	set -- $(echo "$out" | sed -n 's/^RESULT //p' | head -n 1)
	if [ $# -ne 4 ]; then
		echo "== $rel: no result; runner output:"
		echo "$out"
		continue
	fi
	secs=$(echo "$3 - $2" | bc)
	echo "== $rel: $total records ($4 bytes) in $secs s under TCG, $1: $(echo "$total / $secs" | bc) records/s, $(echo "$4 / $secs / 1048576" | bc) MB/s"
done
