# Helpers for the pass 1 tests (sourced by the .exp files here).
#
# A test script may start with directive comments:
#   # stap-options: -g           options placed before the script (a Tcl list)
#   # stap-args: 5 text          script arguments placed after it (a Tcl list)
#   # expect: LINE:COL: TEXT     a diagnostic stap must print, as
#                                SCRIPT:LINE:COL: TEXT (parseko scripts)

# Returns a dict with keys options, args and expects (a list of
# {line:col text} strings, in order).
proc pass1_directives {file} {
    set options {}
    set args {}
    set expects {}
    set f [open $file r]
    fconfigure $f -translation binary
    while {[gets $f line] >= 0} {
        if {[regexp {^# stap-options:(.*)$} $line -> rest]} {
            set options [string trim $rest]
        } elseif {[regexp {^# stap-args:(.*)$} $line -> rest]} {
            set args [string trim $rest]
        } elseif {[regexp {^# expect: (.*)$} $line -> rest]} {
            lappend expects $rest
        }
    }
    close $f
    return [dict create options $options args $args expects $expects]
}

# Reads a file as bytes.
proc pass1_read {file} {
    set f [open $file r]
    fconfigure $f -translation binary
    set text [read $f]
    close $f
    return $text
}

# Runs stap -p1 on a script with its directives; returns {status stdout
# stderr}, both as bytes (stap's output goes through files, not through
# Tcl's decoding of a pipe).
proc pass1_run {file options script_args} {
    global STAP
    set status 0
    set outfile [file join [pwd] pass1-stdout.txt]
    set errfile [file join [pwd] pass1-stderr.txt]
    if {[catch {exec $STAP {*}$options -p1 $file {*}$script_args >$outfile 2>$errfile} \
             msg opts]} {
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

# The repository's top directory.
proc pass1_top {} {
    global STAP_SRCDIR
    return [file normalize [file join $STAP_SRCDIR ..]]
}

# Name of a script relative to the top directory, for test names.
proc pass1_name {file} {
    set top [pass1_top]
    set prefix "$top/"
    if {[string first $prefix $file] == 0} {
        return [string range $file [string length $prefix] end]
    }
    return $file
}
