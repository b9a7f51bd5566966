#!/usr/bin/env bash
# Run every test: the GoogleTest unit tests (CTest), then the DejaGnu suite:
# host-only test directories once, VM test directories (those holding a file
# named needs-vm) once per installed kernel series, on its newest release.
# Exits non-zero if anything failed, or did not run (FAIL, XPASS, UNRESOLVED,
# UNTESTED, ERROR, a missing summary, or no test at all).
#
#   scripts/test.sh [--kernel SPEC]... [--no-unit] [TEST.exp]...
#
#   --kernel SPEC   run the VM tests on this release or series (e.g. 6.1)
#                   only; repeatable.  Also STAP_TEST_KERNELS="6.1 6.12".
#   --no-unit       skip ctest
#   TEST.exp        run only these DejaGnu files (relative to testsuite/,
#                   e.g. stap.vm/target.exp)
#   BUILD_DIR=...   test another build tree (default build/)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$(cd "${BUILD_DIR:-$top/build}" && pwd)
suite=$top/testsuite
stap_vm=$suite/vm/stap-vm

kernel_specs=(${STAP_TEST_KERNELS:-})
unit=1
only=()
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel_specs+=("$2"); shift 2 ;;
	--no-unit) unit=0; shift ;;
	-h | --help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
	-*) echo "test.sh: unknown option $1" >&2; exit 2 ;;
	*) only+=("$1"); shift ;;
	esac
done

summary=()
failed=0
total_pass=0
total_fail=0
total_skip=0
start=$SECONDS

record() { # NAME PASS FAIL SKIP SECONDS
	local note=
	[ "$2" -eq 0 ] && [ "$3" -eq 0 ] && note=" NO TEST RAN"
	summary+=("$(printf '%-40s %4d passed, %d failed, %d skipped (%d s)' "$@")$note")
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $3))
	total_skip=$((total_skip + $4))
	if [ "$3" -ne 0 ] || [ "$2" -eq 0 ]; then
		failed=1
	fi
}

if [ $unit = 1 ]; then
	echo "== unit tests (ctest)"
	t=$SECONDS
	log=$build_dir/testsuite/ctest.out
	mkdir -p "$(dirname "$log")"
	ctest --test-dir "$build_dir" --output-on-failure -j 2 2>&1 | tee "$log" || true
	line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" || true)
	if [ -n "$line" ]; then
		fails=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
		all=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
		record "unit tests (ctest)" $((all - fails)) "$fails" 0 $((SECONDS - t))
	else
		echo "test.sh: ctest printed no summary" >&2
		record "unit tests (ctest)" 0 1 0 $((SECONDS - t))
	fi
fi

# The DejaGnu files to run, split into host-only and VM ones.
host_tests=()
vm_tests=()
if [ ${#only[@]} -eq 0 ]; then
	mapfile -t only < <(cd "$suite" && find stap.* -name '*.exp' | LC_ALL=C sort)
fi
for t in "${only[@]}"; do
	t=${t#testsuite/}
	if [ ! -f "$suite/$t" ]; then
		echo "test.sh: no test $suite/$t" >&2
		exit 2
	fi
	if [ -e "$suite/${t%%/*}/needs-vm" ]; then
		vm_tests+=("$t")
	else
		host_tests+=("$t")
	fi
done

# count SUM RE: result lines of a DejaGnu summary (runtest repeats the
# ERROR lines after the totals: those are not counted again).
count() { sed '/=== stap Summary ===/q' "$1" | grep -cE "^($2):" || true; }

# runtest_in NAME OUTDIR [VAR=VALUE...] -- TESTS...
runtest_in() {
	local name=$1 outdir=$2 t=$SECONDS
	shift 2
	local vars=()
	while [ "$1" != -- ]; do
		vars+=("$1")
		shift
	done
	shift
	echo "== DejaGnu: $name"
	rm -rf "$outdir"
	mkdir -p "$outdir"
	(cd "$outdir" && runtest --tool stap --srcdir "$suite" BUILD_DIR="$build_dir" \
		"${vars[@]}" "$@") || true
	local sum=$outdir/stap.sum
	if [ ! -f "$sum" ] || ! grep -q '=== stap Summary ===' "$sum"; then
		echo "test.sh: runtest wrote no summary for $name" >&2
		record "DejaGnu $name" 0 1 0 $((SECONDS - t))
		return
	fi
	record "DejaGnu $name" "$(count "$sum" PASS)" \
		"$(count "$sum" 'FAIL|XPASS|KPASS|UNRESOLVED|UNTESTED|ERROR')" \
		"$(count "$sum" 'XFAIL|KFAIL|UNSUPPORTED')" $((SECONDS - t))
	grep -E '^(FAIL|XPASS|KPASS|UNRESOLVED|UNTESTED|ERROR):' "$sum" || true
}

if [ ${#host_tests[@]} -gt 0 ]; then
	runtest_in host "$build_dir/testsuite/host" -- "${host_tests[@]}"
fi

if [ ${#vm_tests[@]} -gt 0 ]; then
	releases=()
	if [ ${#kernel_specs[@]} -gt 0 ]; then
		for spec in "${kernel_specs[@]}"; do
			releases+=("$("$stap_vm" --kernel "$spec" --which-kernel)")
		done
	else
		# The newest release of each series (major.minor).
		mapfile -t releases < <("$stap_vm" --list-kernels |
			awk '{ split($0, v, "."); s = v[1] "." v[2]; if (!(s in seen)) { seen[s] = 1; print } }')
	fi
	if [ ${#releases[@]} -eq 0 ]; then
		echo "test.sh: no kernel to run the VM tests on (run scripts/setup.sh)" >&2
		record "DejaGnu VM" 0 1 0 0
	fi
	for rel in "${releases[@]}"; do
		runtest_in "VM $rel" "$build_dir/testsuite/vm-$rel" KERNEL="$rel" -- "${vm_tests[@]}"
	done
fi

echo "== summary"
printf '%s\n' "${summary[@]}"
echo "test.sh took $((SECONDS - start)) s"
if [ $failed != 0 ]; then
	echo "test.sh: FAILED (see the logs under $build_dir/testsuite/)"
fi
echo "total: $total_pass passed, $total_fail failed, $total_skip skipped"
exit $failed
