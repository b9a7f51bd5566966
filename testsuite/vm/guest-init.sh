#!/bin/sh
# /init of the test VM's initramfs (busybox sh), and its command agent.
#
# The host (testsuite/vm/vm.tcl) talks to this script over a virtio-serial
# port named "stapvm"; the kernel console is on ttyS0 and stays separate.
# Two more ports, "stapvm-out" and "stapvm-err", carry the output of
# streamed commands (STREAM) raw, as it comes.
# The protocol is binary-safe: a header line, then exactly as many raw bytes
# as the header announces.
#
#   host -> guest   RUN <id> <timeout> <len>\n<len bytes: the sh script>
#                   STREAM <id> <timeout> <len>\n<len bytes: the sh script>
#                   I\n, T\n (while a STREAM command runs: send it SIGINT,
#                   SIGTERM; ignored otherwise)
#                   PUT <id> <mode> <pathlen> <len>\n<path><len bytes: data>
#                   QUIT\n
#   guest -> host   @stapvm READY <kernel release>\n
#                   @stapvm RESULT <id> <status> <timedout> <outlen> <errlen>\n<out><err>
#                   @stapvm STREAMED <id> <status> <timedout> <outlen> <errlen>\n
#                   (the output went to stapvm-out and stapvm-err: that many
#                   bytes each)
#                   @stapvm PUT <id> <status> <msglen>\n<msg>
#                   @stapvm ERROR <msglen>\n<msg>
#
# Around each command the agent writes "stapvm: begin <id>" and
# "stapvm: end <id>" to /dev/kmsg, so the host can cut the console log into
# the part printed while the command ran (and knows, once the end marker is
# on the console, that every earlier kernel message is there too).

export PATH=/work:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
export HOME=/work
S=/run/stapvm

say() { echo "stapvm: $*" >/dev/console; }

die() {
	say "$*"
	poweroff -f
}

mount_all() {
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev
	mount -t debugfs debugfs /sys/kernel/debug
	mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
	mkdir -p /dev/pts /dev/shm /tmp /run /work "$S"
	mount -t tmpfs tmpfs /dev/shm
}

# Drivers the kernel has as modules rather than built in (the virtio
# console on some kernels), in load order.
load_kmods() {
	[ -f /lib/stapvm/kmod/order ] || return 0
	while read -r m; do
		[ -d "/sys/module/$m" ] || insmod "/lib/stapvm/kmod/$m.ko" ||
			die "cannot load $m"
	done </lib/stapvm/kmod/order
}

# find_port NAME [TRIES]: the device of the virtio port NAME, waiting up to
# TRIES tenths of a second (default 100) for the driver to show it.
find_port() {
	i=0
	while [ $i -lt "${2:-100}" ]; do
		for d in /sys/class/virtio-ports/*; do
			[ -f "$d/name" ] && [ "$(cat "$d/name")" = "$1" ] &&
				echo "/dev/${d##*/}" && return 0
		done
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

reply() { printf '@stapvm %s\n' "$*" >&3; }

# recv N: copy exactly N bytes from the port to stdout.
recv() {
	[ "$1" -gt 0 ] || return 0
	dd bs=65536 count="$1" iflag=count_bytes,fullblock <&3 2>/dev/null
}

kmsg() { echo "<5>stapvm: $*" >/dev/kmsg; }

size() { stat -c %s "$1"; }

# run ID TIMEOUT LEN: run the script in /work in its own session, stdin
# /dev/null; after TIMEOUT seconds its whole process group is killed.
# Processes it leaves in the background keep running (a later command may
# talk to them); they write to this command's own, by then unlinked, files.
run() {
	recv "$3" >"$S/cmd"
	out=$S/out.$1
	err=$S/err.$1
	rm -f "$S/timedout"
	kmsg "begin $1"
	(cd /work && exec setsid sh "$S/cmd") </dev/null >"$out" 2>"$err" 3>&- 4>&- 5>&- &
	pid=$!
	setsid sh -c "sleep $2; : >$S/timedout; kill -KILL -$pid" \
		</dev/null >/dev/null 2>&1 3>&- 4>&- 5>&- &
	wpid=$!
	wait $pid
	st=$?
	# The watcher may not have reached its setsid yet: kill it by pid
	# first, then the group it may have made (with its sleep).
	kill -KILL $wpid 2>/dev/null
	kill -KILL -$wpid 2>/dev/null
	wait $wpid 2>/dev/null
	to=0
	[ -e "$S/timedout" ] && to=1
	kmsg "end $1"
	reply "RESULT $1 $st $to $(size "$out") $(size "$err")"
	cat "$out" "$err" >&3
	rm -f "$out" "$err"
}

# stream ID TIMEOUT LEN: like run, but the command's stdout and stderr go
# to the host as they come, through the ports stapvm-out and stapvm-err
# (fds 4 and 5); tee keeps copies whose sizes the answer reports, so that
# the host knows when it has everything.  While the command runs, a
# listener turns the host's I and T lines into SIGINT and SIGTERM for it.
# TIMEOUT 0: no time limit.
stream() {
	recv "$3" >"$S/cmd"
	out=$S/out.$1
	err=$S/err.$1
	rm -f "$S/timedout" "$S/fo" "$S/fe"
	mkfifo "$S/fo" "$S/fe"
	kmsg "begin $1"
	tee "$out" <"$S/fo" >&4 3>&- 5>&- &
	t1=$!
	tee "$err" <"$S/fe" >&5 3>&- 4>&- &
	t2=$!
	(cd /work && exec setsid sh "$S/cmd") </dev/null >"$S/fo" 2>"$S/fe" 3>&- 4>&- 5>&- &
	pid=$!
	(while read -r sig <&3; do
		case $sig in
		I) kill -INT $pid ;;
		T) kill -TERM $pid ;;
		esac
	done) </dev/null >/dev/null 2>&1 4>&- 5>&- &
	lpid=$!
	wpid=
	if [ "$2" -gt 0 ]; then
		setsid sh -c "sleep $2; : >$S/timedout; kill -KILL -$pid" \
			</dev/null >/dev/null 2>&1 3>&- 4>&- 5>&- &
		wpid=$!
	fi
	wait $pid
	st=$?
	kill -KILL $lpid 2>/dev/null
	wait $lpid 2>/dev/null
	if [ -n "$wpid" ]; then
		kill -KILL $wpid 2>/dev/null
		kill -KILL -$wpid 2>/dev/null
		wait $wpid 2>/dev/null
	fi
	# What the command left running would hold the pipes open.
	kill -KILL -$pid 2>/dev/null
	wait $t1 $t2
	to=0
	[ -e "$S/timedout" ] && to=1
	kmsg "end $1"
	reply "STREAMED $1 $st $to $(size "$out") $(size "$err")"
	rm -f "$out" "$err" "$S/fo" "$S/fe"
}

# put ID MODE PATHLEN LEN: receive a file; relative paths are under /work.
put() {
	path=$(recv "$3")
	recv "$4" >"$S/put"
	case $path in
	/*) ;;
	*) path=/work/$path ;;
	esac
	(mkdir -p "$(dirname "$path")" && mv -f "$S/put" "$path" &&
		chmod "$2" "$path") >"$S/msg" 2>&1
	st=$?
	reply "PUT $1 $st $(size "$S/msg")"
	cat "$S/msg" >&3
}

mount_all
echo 1 >/proc/sys/kernel/sysrq
echo 8 >/proc/sys/kernel/printk
load_kmods
port=$(find_port stapvm) || die "no virtio port named stapvm"
exec 3<>"$port"
# The output ports of streamed commands (hosts that do not stream have
# none: the descriptors then go nowhere).
out_port=$(find_port stapvm-out 1) || out_port=/dev/null
err_port=$(find_port stapvm-err 1) || err_port=/dev/null
exec 4>"$out_port" 5>"$err_port"
cd /work
reply "READY $(uname -r)"
while read -r op a b c d <&3; do
	case $op in
	RUN) run "$a" "$b" "$c" ;;
	STREAM) stream "$a" "$b" "$c" ;;
	I | T | "") ;; # a signal for a command that has ended
	PUT) put "$a" "$b" "$c" "$d" ;;
	QUIT) break ;;
	*)
		echo "unknown request: $op" >"$S/msg"
		reply "ERROR $(size "$S/msg")"
		cat "$S/msg" >&3
		;;
	esac
done
sync
poweroff -f
