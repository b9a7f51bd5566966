# The test VM's initramfs.  Part of the VM runner (vm.tcl).
#
# The initramfs is a concatenation of cpio archives (the kernel unpacks them
# one after the other): busybox and the agent, the kernel's extra driver
# modules, the programs (staprun, stap-merge), and the caller's files.  The
# first three are cached (by default under BUILD/testsuite/vm/cache) and
# rebuilt when an input changes.

namespace eval ::stapvm {
    # Build-tree programs the guest gets in /usr/bin, when they exist.
    variable programs {staprun stap-merge}
    # Drivers the agent needs; loaded from the kernel's modules when not
    # built in.
    variable needed_kmods {virtio_pci virtio_console}
}

proc ::stapvm::ReadFile {path} {
    set f [open $path rb]
    set data [read $f]
    close $f
    return $data
}

proc ::stapvm::WriteFile {path data} {
    set f [open $path wb]
    puts -nonewline $f $data
    close $f
}

proc ::stapvm::Stamp {paths} {
    set lines {}
    foreach p $paths {
        file stat $p st
        lappend lines "$p $st(mtime) $st(size)"
    }
    return [join $lines \n]
}

proc ::stapvm::MakeCpio {stage out} {
    # Sorted, so that every directory comes before what it holds.
    exec sh -c {cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
        cpio -o -H newc -R 0:0 --quiet >"$2"} sh $stage $out
}

# Returns the cached archive NAME, rebuilding it with BUILDER STAGEDIR
# (a command prefix) when STAMP differs from the one it was built with.
# Concurrent runs each build their own copy and rename it into place.
proc ::stapvm::Cached {cache name stamp builder} {
    set cpio [file join $cache $name]
    if {[file exists $cpio] && [file exists $cpio.stamp]
        && [ReadFile $cpio.stamp] eq $stamp} {
        return $cpio
    }
    Log "building $name"
    file mkdir $cache
    set stage [file join $cache stage.[pid]]
    file delete -force $stage
    file mkdir $stage
    try {
        {*}$builder $stage
        MakeCpio $stage $cpio.[pid]
        WriteFile $cpio.stamp.[pid] $stamp
        file rename -force $cpio.[pid] $cpio
        file rename -force $cpio.stamp.[pid] $cpio.stamp
    } finally {
        file delete -force $stage $cpio.[pid] $cpio.stamp.[pid]
    }
    return $cpio
}

# Copies PATH (dereferencing links) to the same path under STAGE.
proc ::stapvm::StageCopy {stage path {guest ""}} {
    if {$guest eq ""} {
        set guest $path
    }
    set dest [file join $stage [string trimleft $guest /]]
    file mkdir [file dirname $dest]
    exec cp -rL $path $dest
}

# Copies an executable and the shared libraries ldd lists for it.
proc ::stapvm::StageBinary {stage path guest} {
    StageCopy $stage $path $guest
    # ldd exits non-zero for a static binary.
    catch {exec ldd $path} out
    foreach line [split $out \n] {
        if {[regexp {(/\S+) \(0x} $line -> lib]} {
            StageCopy $stage $lib
        }
    }
}

proc ::stapvm::BusyboxPath {} {
    foreach p [list /bin/busybox /usr/bin/busybox [auto_execok busybox]] {
        if {$p ne "" && [file executable $p]} {
            return $p
        }
    }
    Fail SETUP "no busybox (install busybox-static: scripts/setup.sh)"
}

proc ::stapvm::BuildBase {busybox stage} {
    variable here
    foreach d {bin sbin usr/bin usr/sbin proc sys dev run tmp work root etc} {
        file mkdir [file join $stage $d]
    }
    StageBinary $stage $busybox /bin/busybox
    # Never link "busybox" to itself: /bin/busybox must stay the real
    # binary, or the kernel fails to run /init with ELOOP.
    foreach applet [split [exec $busybox --list-full] \n] {
        if {$applet eq "" || [file tail $applet] eq "busybox"} {
            continue
        }
        set link [file join $stage $applet]
        if {![file exists $link]} {
            file mkdir [file dirname $link]
            file link -symbolic $link /bin/busybox
        }
    }
    file copy [file join $here guest-init.sh] [file join $stage init]
    file attributes [file join $stage init] -permissions 0755
    WriteFile [file join $stage etc passwd] "root:x:0:0:root:/work:/bin/sh\n"
    WriteFile [file join $stage etc group] "root:x:0:\n"
}

# The modules (with dependencies, in load order) that RELEASE needs for the
# drivers in needed_kmods that it does not have built in.
proc ::stapvm::KmodPaths {release} {
    variable needed_kmods
    set dir /lib/modules/$release
    set builtin {}
    if {[file exists $dir/modules.builtin]} {
        foreach line [split [ReadFile $dir/modules.builtin] \n] {
            lappend builtin [ModName $line]
        }
    }
    set missing {}
    foreach m $needed_kmods {
        if {$m ni $builtin} {
            lappend missing $m
        }
    }
    if {$missing eq ""} {
        return {}
    }
    if {![file exists $dir/modules.dep]} {
        Fail SETUP "kernel $release has $missing as modules, but $dir/modules.dep\
            is missing (reinstall its linux-image package)"
    }
    set deps [dict create]
    foreach line [split [ReadFile $dir/modules.dep] \n] {
        if {[regexp {^([^:]+):\s*(.*)$} $line -> path rest]} {
            dict set deps [ModName $path] [list $path $rest]
        }
    }
    set order {}
    foreach m $missing {
        KmodOrder $deps $m order
    }
    set paths {}
    foreach m $order {
        lappend paths $m [file join $dir [lindex [dict get $deps $m] 0]]
    }
    return $paths
}

proc ::stapvm::ModName {path} {
    regsub {\.ko(\..*)?$} [file tail $path] {} name
    return [string map {- _} $name]
}

proc ::stapvm::KmodOrder {deps m orderVar} {
    upvar 1 $orderVar order
    if {$m in $order} {
        return
    }
    if {![dict exists $deps $m]} {
        Fail SETUP "module $m is neither built in nor in modules.dep"
    }
    # modules.dep lists a module's dependencies so that the last one loads
    # first.
    foreach d [lreverse [lindex [dict get $deps $m] 1]] {
        KmodOrder $deps [ModName $d] order
    }
    lappend order $m
}

proc ::stapvm::BuildKmods {kmods stage} {
    set dir [file join $stage lib stapvm kmod]
    file mkdir $dir
    set names {}
    foreach {name path} $kmods {
        set dest [file join $dir $name.ko]
        switch -glob -- $path {
            *.ko.xz { exec xz -dc $path >$dest }
            *.ko.zst { exec zstd -qdc $path >$dest }
            *.ko.gz { exec gzip -dc $path >$dest }
            default { file copy $path $dest }
        }
        lappend names $name
    }
    WriteFile [file join $dir order] "[join $names \n]\n"
}

proc ::stapvm::BuildPrograms {paths stage} {
    foreach p $paths {
        StageBinary $stage $p /usr/bin/[file tail $p]
    }
}

# Where a file handed to the guest lands (see the -files rules above).
proc ::stapvm::GuestPath {host guest} {
    if {$guest eq ""} {
        return /work/[file tail $host]
    }
    if {[string index $guest end] eq "/"} {
        append guest [file tail $host]
    }
    if {[string index $guest 0] ne "/"} {
        set guest /work/$guest
    }
    return $guest
}

proc ::stapvm::BuildInitrd {release bin_dir cache files rundir} {
    variable here
    variable programs
    set busybox [BusyboxPath]
    set pieces [list [Cached $cache base.cpio \
        [Stamp [list $busybox [file join $here guest-init.sh]]] \
        [list ::stapvm::BuildBase $busybox]]]

    set kmods [KmodPaths $release]
    if {$kmods ne ""} {
        lappend pieces [Cached $cache kmod-$release.cpio \
            [Stamp [dict values $kmods]] [list ::stapvm::BuildKmods $kmods]]
    }

    set progs {}
    foreach p $programs {
        set path [file join $bin_dir $p]
        if {[file executable $path]} {
            lappend progs $path
        }
    }
    if {[file join $bin_dir staprun] ni $progs} {
        Fail SETUP "no staprun in $bin_dir: build first (scripts/setup.sh)"
    }
    lappend pieces [Cached $cache programs.cpio [Stamp $progs] \
        [list ::stapvm::BuildPrograms $progs]]

    if {$files ne ""} {
        set stage [file join $rundir files]
        file mkdir $stage
        foreach spec $files {
            lassign $spec host guest
            if {![file exists $host]} {
                Fail SETUP "no such file to copy into the guest: $host"
            }
            StageCopy $stage $host [GuestPath $host $guest]
        }
        MakeCpio $stage [file join $rundir files.cpio]
        file delete -force $stage
        lappend pieces [file join $rundir files.cpio]
    }

    set initrd [file join $rundir initrd.cpio]
    set out [open $initrd wb]
    foreach p $pieces {
        set in [open $p rb]
        fcopy $in $out
        close $in
    }
    close $out
    file delete -force [file join $rundir files.cpio]
    return $initrd
}
