# Helpers for the pass 2 tests (sourced by the .exp files here).  They use
# the directive comments of the pass 1 tests (see ../stap.pass1/pass1.tcl):
#   # stap-options: -u             options placed before the script
#   # expect: LINE:COL: TEXT       a diagnostic line stap must print, as
#                                  SCRIPT:LINE:COL: TEXT
#   # expect: @DIR/FILE:L:C: TEXT  ... in a file of testsuite/DIR
#   # expect: TEXT                 ... a line without a location
# Every run has testsuite/semtapset, a small tapset library, in place of the
# project's (SYSTEMTAP_TAPSET), so that these tests do not change with it.
source [file join $srcdir stap.pass1 pass1.tcl]

# The whole line an `# expect:` directive of `file` stands for.
proc pass2_expected_line {file expect} {
    global STAP_SRCDIR
    if {[regexp {^@(.*)$} $expect -> rest]} {
        return "$STAP_SRCDIR/$rest"
    }
    if {[regexp {^[0-9]+:[0-9]+: } $expect]} {
        return "$file:$expect"
    }
    return $expect
}

# Runs stap -p2 on a script; returns {status stdout stderr}.
proc pass2_run {file options} {
    global STAP STAP_SRCDIR
    set status 0
    set outfile [file join [pwd] pass2-stdout.txt]
    set errfile [file join [pwd] pass2-stderr.txt]
    set lib [file join $STAP_SRCDIR semtapset]
    set saved [expr {[info exists ::env(SYSTEMTAP_TAPSET)] ? $::env(SYSTEMTAP_TAPSET) : ""}]
    set ::env(SYSTEMTAP_TAPSET) $lib
    set failed [catch {exec $STAP {*}$options -p2 $file >$outfile 2>$errfile} msg opts]
    if {$saved eq ""} {
        unset ::env(SYSTEMTAP_TAPSET)
    } else {
        set ::env(SYSTEMTAP_TAPSET) $saved
    }
    if {$failed} {
        set status 1
        set code [lindex [dict get $opts -errorcode] 0]
        if {$code eq "CHILDSTATUS"} {
            set status [lindex [dict get $opts -errorcode] 2]
        }
    }
    set out [pass1_read $outfile]
    set err [pass1_read $errfile]
    file delete $outfile $errfile
    return [list $status $out $err]
}

# Problems with the diagnostics in `err`: every expected line must appear,
# in order; with `exhaustive`, every diagnostic line (errors, warnings and
# notes that name a location) must also be expected.
proc pass2_check_diagnostics {file expects err exhaustive} {
    set lines [split $err "\n"]
    set problems {}
    set wanted {}
    set from 0
    foreach expect $expects {
        set want [pass2_expected_line $file $expect]
        lappend wanted $want
        set at [lsearch -exact -start $from $lines $want]
        if {$at < 0} {
            lappend problems "missing '$want'"
        } else {
            set from [expr {$at + 1}]
        }
    }
    if {$exhaustive} {
        foreach line $lines {
            if {[regexp {^(\S+:[0-9]+:[0-9]+: )?(semantic error|error|warning): } $line] &&
                [lsearch -exact $wanted $line] < 0} {
                lappend problems "unexpected '$line'"
            }
        }
    }
    return $problems
}
