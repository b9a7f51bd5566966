# Which kernels the test VM can boot: installed Debian releases with both an
# image in /boot and kbuild headers in /lib/modules/RELEASE/build.  Part of
# the VM runner (vm.tcl).

namespace eval ::stapvm {}

proc ::stapvm::CompareRelease {a b} {
    foreach x [regexp -all -inline {\d+} $a] y [regexp -all -inline {\d+} $b] {
        if {$x eq ""} {
            return -1
        }
        if {$y eq ""} {
            return 1
        }
        if {$x != $y} {
            return [expr {$x < $y ? -1 : 1}]
        }
    }
    return [string compare $a $b]
}

# Releases with both a bootable image and kbuild headers, newest first.
proc ::stapvm::kernels {} {
    set rels {}
    foreach img [glob -nocomplain /boot/vmlinuz-*] {
        set rel [string range [file tail $img] [string length vmlinuz-] end]
        if {[file isdirectory /lib/modules/$rel/build]} {
            lappend rels $rel
        }
    }
    return [lsort -decreasing -command ::stapvm::CompareRelease $rels]
}

# "6.12.117+deb12-cloud-amd64" -> "6.12"
proc ::stapvm::series {release} {
    if {[regexp {^(\d+\.\d+)} $release -> s]} {
        return $s
    }
    return $release
}

proc ::stapvm::resolve_kernel {{spec ""}} {
    set all [kernels]
    if {$all eq ""} {
        Fail KERNEL "no kernel to boot: no /boot/vmlinuz-RELEASE with\
            /lib/modules/RELEASE/build (run scripts/setup.sh)"
    }
    if {$spec eq ""} {
        return [lindex $all 0]
    }
    if {$spec in $all} {
        return $spec
    }
    foreach rel $all {
        if {[series $rel] eq $spec} {
            return $rel
        }
    }
    Fail KERNEL "kernel '$spec' is not installed (installed: [join $all {, }])"
}
