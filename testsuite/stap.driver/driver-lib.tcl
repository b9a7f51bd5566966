# Helpers of the stap.driver tests.  stap runs on the host with caches of
# its own (under the test output directory), building for the kernel under
# test (test.sh runs this directory once per installed kernel series);
# modules run in the VM, with --remote=qemu or lib/vm.exp.

if {[info procs vm_start] eq ""} {
    load_lib vm.exp
}

set drv_rel [vm_kernel]
set drv_dir [file normalize [file join $outdir driver.$drv_rel]]
file delete -force $drv_dir
file mkdir $drv_dir
# stap's caches for these tests: XDG_CACHE_HOME (SYSTEMTAP_DIR would win).
unset -nocomplain ::env(SYSTEMTAP_DIR)
set ::env(XDG_CACHE_HOME) [file join $drv_dir cache]
set drv_cache [file join $drv_dir cache stapforge]
set drv_srcdir [file join $srcdir $subdir]
set drv_hello [file join $STAP_SRCDIR .. benchmarks runtime hello.c]

# S as a regular expression matching itself.
proc drv_re {s} {
    regsub -all {[][{}()*+?.\\^$|]} $s {\\&} s
    return $s
}

# A scratch directory of its own for each call that wants one.
proc drv_scratch {name} {
    global drv_dir
    set d [file join $drv_dir $name]
    file delete -force $d
    file mkdir $d
    return $d
}

# Runs stap with ARGS in directory DIR (-dir, default the driver dir) and
# returns a dict: status, stdout, stderr.
proc drv_stap {args} {
    global STAP drv_dir
    set dir $drv_dir
    if {[lindex $args 0] eq "-dir"} {
        set dir [lindex $args 1]
        set args [lrange $args 2 end]
    }
    set err [file join $drv_dir stderr.txt]
    set here [pwd]
    cd $dir
    set status 0
    if {[catch {exec $STAP {*}$args 2> $err} out opts]} {
        set code [dict get $opts -errorcode]
        if {[lindex $code 0] eq "CHILDSTATUS"} {
            set status [lindex $code 2]
        } else {
            set status -1
            set out "$out ($code)"
        }
    }
    cd $here
    set f [open $err]
    set e [read $f]
    close $f
    verbose -log "stap $args -> status $status\n--- stdout:\n$out\n--- stderr:\n$e" 2
    return [dict create status $status stdout $out stderr $e]
}

# Passes TEST if every check holds: {status N} {stdout RE} {stderr RE}
# {!stderr RE} {file PATH} {true EXPR-RESULT}; else fails with the reasons.
proc drv_check {test r checks} {
    set why {}
    foreach c $checks {
        lassign $c kind arg
        switch -- $kind {
            status {
                if {[dict get $r status] != $arg} {
                    lappend why "exit status [dict get $r status], expected $arg"
                }
            }
            stdout - stderr {
                if {![regexp -- $arg [dict get $r $kind]]} {
                    lappend why "$kind does not match /$arg/"
                }
            }
            !stderr {
                if {[regexp -- $arg [dict get $r stderr]]} {
                    lappend why "stderr matches /$arg/"
                }
            }
            file {
                if {![file exists $arg]} {
                    lappend why "no file $arg"
                }
            }
            true {
                if {!$arg} {
                    lappend why "check [list $c] failed"
                }
            }
        }
    }
    if {$why eq ""} {
        pass $test
        return 1
    }
    fail "$test: [join $why {; }]"
    verbose -log "stdout: [dict get $r stdout]\nstderr: [dict get $r stderr]" 0
    return 0
}

# The vermagic release of a module file ("" if unreadable).
proc drv_vermagic {ko} {
    if {[catch {exec /sbin/modinfo -F vermagic $ko} v]} {
        return ""
    }
    return [lindex [split $v] 0]
}

proc drv_modinfo_name {ko} {
    if {[catch {exec /sbin/modinfo -F name $ko} v]} {
        return ""
    }
    return [string trim $v]
}

# Another installed release with a kbuild tree, or "".
proc drv_other_kernel {rel} {
    foreach d [lsort [glob -nocomplain /lib/modules/*/build]] {
        set r [file tail [file dirname $d]]
        if {$r ne $rel} {
            return $r
        }
    }
    return ""
}

# Whether passes 1-3 translate scripts yet (else the tests use --c-source).
proc drv_translates {} {
    global drv_rel
    set r [drv_stap -p3 -r $drv_rel -e {probe begin { exit() }}]
    return [expr {[dict get $r status] == 0}]
}

# What is wrong with the runtime member index (stp_members.idx, which pass 4
# reads from the runtime's sources) in kept build directory DIR, compared
# with the member objects there: each must define exactly what the index
# says (but init_module and cleanup_module, which module_init() and
# module_exit() define), and each runtime symbol it leaves undefined must
# be defined by a member the index says it needs.  Every member must have
# been built.  "" if nothing.
proc drv_member_index_problems {dir} {
    set problems {}
    set f [open [file join $dir stp_members.idx]]
    set units [split [string trim [gets $f]]]
    set definer [dict create]
    set defines [dict create]
    set needs [dict create]
    while {[gets $f line] >= 0} {
        set words [split $line]
        set unit [lindex $words 1]
        dict set definer [lindex $words 0] $unit
        dict lappend defines $unit [lindex $words 0]
        dict set needs $unit [lrange $words 1 end]
    }
    close $f
    foreach unit $units {
        set obj [file join $dir $unit]
        if {![file exists $obj]} {
            lappend problems "$unit was not built"
            continue
        }
        set defined {}
        foreach line [split [exec nm --defined-only --extern-only $obj] "\n"] {
            set sym [lindex $line 2]
            if {$sym ne "" && $sym ni {init_module cleanup_module}} {
                lappend defined $sym
            }
        }
        set indexed [expr {[dict exists $defines $unit] ? [dict get $defines $unit] : {}}]
        if {[lsort $defined] ne [lsort $indexed]} {
            lappend problems "$unit defines [lsort $defined], the index says [lsort $indexed]"
        }
        foreach line [split [exec nm -u $obj] "\n"] {
            lassign $line kind sym
            if {$kind eq "U" && [dict exists $definer $sym] &&
                    [dict get $definer $sym] ni [dict get $needs $unit]} {
                lappend problems "$unit uses $sym of [dict get $definer $sym], not in its needs"
            }
        }
    }
    return [join $problems "\n"]
}
