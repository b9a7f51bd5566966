#!/usr/bin/env bash
# Writes a synthetic tapset library of realistic size and shape into DIR, for
# benchmarks: the real library (tapsets/) is nearly empty while issue 4 is
# open, and SystemTap's own has ~580 files and ~120k lines.  Default: about
# 500 files and 55k lines, shaped like SystemTap's:
#   - syscall files: a prologue alias per system call (entry and return,
#     dwarf and non-dwarf flavours, aliases of aliases), each setting the
#     variables a syscall alias provides and calling decoding helpers;
#   - helper files: embedded-C functions with pragmas, script functions
#     calling each other, private globals, overloads, kernel-version
#     conditionals;
#   - subsystem files: families of aliases (vfs.*, scheduler.*, netdev.*);
#   - macro files (.stpm).
# Aliases expand to timer probes (a family pass 2 resolves fully) where the
# real ones would name kernel functions.
#
# Usage: benchmarks/gen_tapset_library.sh DIR [SYSCALLS] [HELPERS] [SUBSYSTEMS]
set -euo pipefail
dir=${1:?usage: gen_tapset_library.sh DIR [SYSCALLS] [HELPERS] [SUBSYSTEMS]}
syscalls=${2:-400}
helpers=${3:-60}
subsystems=${4:-40}
mkdir -p "$dir"

awk -v dir="$dir" -v syscalls="$syscalls" -v helpers="$helpers" \
	-v subsystems="$subsystems" '
function out(file, text) { print text > file }

# A helper file: decoding functions in embedded C and script.
function helper_file(h,    f, i, n) {
	f = sprintf("%s/helper_%03d.stp", dir, h)
	out(f, "// Helper functions, group " h ".")
	out(f, "private global __helper_" h "_cache")
	out(f, "global helper_" h "_calls")
	for (i = 0; i < 12; i++) {
		n = sprintf("h%d_%d", h, i)
		out(f, "")
		out(f, "function " n "_raw:long (addr:long) %{ /* pure */ /* unprivileged */")
		out(f, "\tSTAP_RETVALUE = kread((long *)(uintptr_t)STAP_ARG_addr);")
		out(f, "\tCATCH_DEREF_FAULT();")
		out(f, "%}")
		out(f, "")
		out(f, "function " n "_str:string (addr:long) %{ /* pure */")
		out(f, "\t/* pragma:read:helper_" h "_calls */")
		out(f, "\tsnprintf(STAP_RETVALUE, MAXSTRINGLEN, \"%lx\", (unsigned long)STAP_ARG_addr);")
		out(f, "%}")
		out(f, "")
		out(f, "function " n ":string (addr:long, flags:long) {")
		out(f, "\tif (addr == 0)")
		out(f, "\t\treturn \"NULL\"")
		out(f, "\tv = " n "_raw(addr)")
		out(f, "\tif ((flags & 1) && v > 0) {")
		out(f, "\t\thelper_" h "_calls++")
		out(f, "\t\t__helper_" h "_cache[addr] = v")
		out(f, "\t\treturn sprintf(\"%s:%d\", " n "_str(addr), v)")
		out(f, "\t}")
		out(f, "%( kernel_v >= \"2.6.30\" %?")
		out(f, "\ts = " n "_str(addr) . \"/\" . sprint(flags)")
		out(f, "%:")
		out(f, "\ts = " n "_str(addr)")
		out(f, "%)")
		out(f, "\treturn s")
		out(f, "}")
		out(f, "")
		out(f, "function " n ":string (addr:long) {")
		out(f, "\treturn " n "(addr, 0)")
		out(f, "}")
	}
	close(f)
}

# A syscall file: entry and return aliases, dwarf and non-dwarf flavours.
function syscall_file(s,    f, name, h, i, flavor, pre) {
	name = sprintf("sc%03d", s)
	h = s % helpers
	f = sprintf("%s/sysc_%s.stp", dir, name)
	out(f, "# " name " ___________________________________________")
	out(f, "# long sys_" name "(int fd, const char __user *buf, size_t count)")
	for (i = 0; i < 2; i++) {
		flavor = i == 0 ? "dw" : "nd"
		pre = i == 0 ? "" : "nd_"
		out(f, "")
		out(f, "probe " flavor "_syscall." name " = timer.ms(" (s % 997 + 1) ")")
		out(f, "{")
		out(f, "\t@_SYSCALL_" toupper(flavor) "_PROLOGUE")
		out(f, "\tname = \"" name "\"")
		out(f, "\tfd = __int32(" (s % 7) ")")
		out(f, "\tbuf_uaddr = " (s * 4096))
		out(f, "\tcount = " (s % 512))
		out(f, "\tflags = " (s % 16))
		out(f, "\tflags_str = h" h "_" (s % 12) "(buf_uaddr, flags)")
		out(f, "\targstr = sprintf(\"%d, %p, %u, %s\", fd, buf_uaddr, count, flags_str)")
		out(f, "}")
		out(f, "probe " flavor "_syscall." name ".return = timer.ms(" (s % 997 + 2) ")")
		out(f, "{")
		out(f, "\t@_SYSCALL_" toupper(flavor) "_PROLOGUE")
		out(f, "\tname = \"" name "\"")
		out(f, "\tretval = " (s % 3) " - 1")
		out(f, "\tretstr = _syscall_ret_str(retval, " (s % 5) ")")
		out(f, "}")
	}
	out(f, "")
	out(f, "probe syscall." name " = dw_syscall." name " !, nd_syscall." name " ? {}")
	out(f, "probe syscall." name ".return = dw_syscall." name ".return !, nd_syscall." name ".return ? {}")
	close(f)
}

# A subsystem file: a family of aliases and the functions behind them.
function subsystem_file(k,    f, group, i, ev) {
	group = sprintf("group%02d", k)
	f = sprintf("%s/%s.stp", dir, group)
	out(f, "// Subsystem " group ": events and their helpers.")
	out(f, "global " group "_events, " group "_watching = 0")
	for (i = 0; i < 20; i++) {
		ev = group "." sprintf("ev%02d", i)
		out(f, "")
		out(f, "probe " ev " = timer.us(" (1000 + k * 20 + i) ")" (i % 4 == 0 ? "?" : ""))
		out(f, "{")
		out(f, "\tdev = " group "_dev(" i ")")
		out(f, "\tdevname = " group "_devname(dev)")
		out(f, "\tsize = " (i * 512))
		out(f, "\tif (size > 4096)")
		out(f, "\t\tsize = 4096")
		out(f, "}")
		out(f, "probe " ev ".done = " ev " {}, {")
		out(f, "\t" group "_events[devname] <<< size")
		out(f, "}")
		out(f, "probe " ev ".watch += timer.s(" (i + 1) ") {")
		out(f, "\tif (" group "_watching)")
		out(f, "\t\tprintln(" group "_stats(\"" ev "\"))")
		out(f, "}")
	}
	out(f, "")
	out(f, "function " group "_dev:long (n:long) { return n * 16 + " k " }")
	out(f, "function " group "_devname:string (dev:long) {")
	out(f, "\tif (dev < 0) return \"?\"")
	out(f, "\treturn sprintf(\"" group "%d:%d\", dev >> 4, dev & 15)")
	out(f, "}")
	out(f, "function " group "_stats:string (dev:string) {")
	out(f, "\treturn sprintf(\"%d events, %d bytes\", @count(" group "_events[dev]), @sum(" group "_events[dev]))")
	out(f, "}")
	close(f)
}

BEGIN {
	f = dir "/syscall_macros.stpm"
	out(f, "@define _SYSCALL_DW_PROLOGUE %( __nr = 0 %)")
	out(f, "@define _SYSCALL_ND_PROLOGUE %( __nr = 1 %)")
	close(f)
	for (m = 0; m < 8; m++) {
		f = sprintf("%s/macros_%d.stpm", dir, m)
		out(f, "@define m" m "_mask(x) %( ((@x) & 0x" sprintf("%x", 255 * (m + 1)) ") %)")
		out(f, "%( arch == \"x86_64\" %? @define m" m "_arch %( \"x86_64\" %) %: @define m" m "_arch %( \"other\" %) %)")
		close(f)
	}
	f = dir "/syscall_common.stp"
	out(f, "function _syscall_ret_str:string (ret:long, kind:long) {")
	out(f, "\tif (ret < 0)")
	out(f, "\t\treturn sprintf(\"%d (errno %d)\", ret, -ret)")
	out(f, "\tif (kind == 1)")
	out(f, "\t\treturn sprintf(\"0x%x\", ret)")
	out(f, "\treturn sprint(ret)")
	out(f, "}")
	out(f, "function __int32:long (x:long) { return x & 0xffffffff }")
	close(f)
	for (h = 0; h < helpers; h++)
		helper_file(h)
	for (s = 0; s < syscalls; s++)
		syscall_file(s)
	for (k = 0; k < subsystems; k++)
		subsystem_file(k)
}'
