# Helpers of the stap.runtime tests: hand-written modules in generated-code
# style (testsuite/runtime-example/) built with the runtime's kbuild
# scripts for each installed kernel, then run with staprun in the VM
# (lib/vm.exp: vm_start, vm_run, vm_push, vm_stop).

# True when the VM runner library is there; otherwise the caller reports
# its tests as unsupported.
proc rt_vm_available {} {
    global srcdir
    if {[info procs vm_start] ne ""} {
        return 1
    }
    if {![file exists [file join $srcdir lib vm.exp]]} {
        return 0
    }
    load_lib vm.exp
    return [expr {[info procs vm_start] ne ""}]
}

# The kernel under test: test.sh runs this directory (it holds needs-vm)
# once per installed kernel series, naming it with KERNEL=.
proc rt_kernels {} {
    return [list [vm_kernel]]
}

# Every other installed release with a kbuild directory (for the test that a
# module built for another kernel is refused).
proc rt_other_kernels {rel} {
    set others {}
    foreach d [lsort [glob -nocomplain /lib/modules/*/build]] {
        set r [file tail [file dirname $d]]
        if {$r ne $rel} {
            lappend others $r
        }
    }
    return $others
}

# Builds testsuite/runtime-example/SRC.c as module NAME for kernel REL;
# returns the .ko path, or "" after reporting the failure.
proc rt_build {rel name src} {
    global STAP_SRCDIR STAP_BUILD_DIR STAP
    # The script builds with stap's pass 4: this build tree's.
    set ::env(STAP) $STAP
    set runtime [file normalize [file join $STAP_SRCDIR .. runtime]]
    set examples [file join $STAP_SRCDIR runtime-example]
    set cache [file join $STAP_BUILD_DIR runtime-cache $rel]
    set out [file join $STAP_BUILD_DIR testsuite runtime-modules $rel $name]
    lassign [stap_host_exec [file join $runtime kbuild build-module.sh] -I $examples \
                 /lib/modules/$rel/build $cache $name [file join $examples $src.c] $out] \
        status output
    if {$status != 0} {
        fail "build $name for $rel: $output"
        return ""
    }
    return [file join $out $name.ko]
}

# Compares one field of a vm_run result; passes or fails the test.
proc rt_expect {test result field expected} {
    set got [dict get $result $field]
    if {$got eq $expected} {
        pass "$test ($field)"
        return 1
    }
    fail "$test ($field): expected [list $expected], got [list $got]; stderr: [dict get $result stderr]"
    return 0
}

# The common checks: exit status, no oops.
proc rt_expect_status {test result status} {
    # ok and fail mean the kernel stayed healthy and the command finished;
    # anything else (oops, panic, timeout, a dead guest) fails the test.
    if {[dict get $result result] ni {ok fail}} {
        fail "$test: [vm_describe $result]"
        return 0
    }
    return [rt_expect $test $result status $status]
}
