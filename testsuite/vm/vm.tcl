# The test VM: boots an installed Debian kernel under qemu (TCG) with a
# busybox initramfs and runs shell commands in it, one at a time, over a
# virtio-serial port.  The one implementation behind both the command line
# (testsuite/vm/stap-vm) and the DejaGnu library (testsuite/lib/vm.exp).
# Kernel discovery is in kernels.tcl, the initramfs in initramfs.tcl, the
# guest side in guest-init.sh.
#
#   stapvm::kernels                     installed releases, newest first
#   stapvm::resolve_kernel ?SPEC?       "" = newest, a release, or a series ("6.1")
#   stapvm::start ?-kernel SPEC? ?-files LIST? ?-build-dir DIR? ?-bin-dir DIR?
#                 ?-cache-dir DIR? ?-rundir DIR? ?-boot-timeout S? ?-keep 0|1?
#                                       boot; returns the release; raises an
#                                       error (errorcode STAPVM BOOT) if the VM
#                                       could not be started.  The guest gets
#                                       staprun and stap-merge from -bin-dir
#                                       (default BUILD/bin); the initramfs
#                                       pieces are cached in -cache-dir
#                                       (default BUILD/testsuite/vm/cache)
#   stapvm::run CMD ?-timeout S?        run CMD with sh in /work; returns a dict
#   stapvm::stream CMD ?-timeout S? ?-output PROC?
#                                       the same, but the output is handed to
#                                       PROC (called with "stdout"/"stderr"
#                                       and the bytes) as it comes; the dict's
#                                       stdout and stderr are then empty.
#                                       -timeout 0: no limit
#   stapvm::signal INT|TERM             send SIGINT/SIGTERM to the command
#                                       stream is running
#   stapvm::push HOSTFILE ?GUESTPATH?   copy a file into the running guest;
#                                       raises an error on failure
#   stapvm::stop                        power off (or kill) the guest
#   stapvm::running                     1 while a guest is up
#   stapvm::describe RESULT             a run result as text for humans
#   stapvm::boot_seconds, console_log, keep_rundir
#
# -files is a list whose elements are {HOST} or {HOST GUEST}: HOST (a file or
# a directory) lands at GUEST in the guest, by default /work/<tail of HOST>; a
# relative GUEST is under /work, one ending in "/" is a directory to put HOST
# in.  The same rules hold for push.
#
# The dict stapvm::run returns:
#   command   the command
#   result    ok | fail | timeout | oops | panic | dead | novm
#             (ok: status 0; fail: status not 0; timeout: killed after its
#             timeout, or the guest stopped answering; oops: the kernel
#             reported a BUG/Oops/WARNING/lockup/stall while it ran; panic: the
#             kernel panicked; dead: the VM exited without a panic message;
#             novm: no VM was running)
#   status    the command's exit status (-1 if none came back)
#   stdout, stderr   its output, as raw bytes
#   timedout  1 if it was killed after its timeout
#   oops      the console excerpt around the first oops/panic line, or ""
#   console   the kernel console printed while it ran
#   error     what went wrong beyond the command's own status, or ""
#   seconds   wall time on the host

package require Tcl 8.6

namespace eval ::stapvm {
    variable here [file dirname [file normalize [info script]]]
    variable memory_mb 1024
    variable cpus 2
    variable cmdline "console=ttyS0 quiet panic=-1 printk.devkmsg=on"
    # Seconds the host waits past a command's own timeout (when the guest
    # kills it) before it gives the guest up as hung.
    variable slack 20
    # Kernel console lines that mean the kernel is in trouble.
    variable oops_patterns {
        {Kernel panic - not syncing}
        {\mBUG: }
        {kernel BUG at }
        {\mOops: }
        {general protection fault}
        {Unable to handle kernel}
        {WARNING: CPU: }
        {soft lockup - CPU}
        {hard LOCKUP}
        {rcu: INFO: .*detected stall}
        {rcu_(sched|preempt|bh) (self-)?detected stall}
        {INFO: task .* blocked for more than}
        {\mUBSAN: }
        {\mKASAN: }
        {stack-protector: }
        {double fault}
        {list_(add|del) corruption}
    }
    # Called with one line of progress text (the CLI and DejaGnu set it).
    variable log_command {}
    variable vm
    array set vm {chan {} release {} rundir {} keep 0}
}

source [file join $::stapvm::here kernels.tcl]
source [file join $::stapvm::here initramfs.tcl]

proc ::stapvm::Log {msg} {
    variable log_command
    if {$log_command ne ""} {
        {*}$log_command $msg
    }
}

proc ::stapvm::Fail {code msg} {
    return -code error -errorcode [list STAPVM $code] $msg
}

proc ::stapvm::running {} {
    variable vm
    return [expr {$vm(chan) ne "" && !$vm(eof)}]
}

proc ::stapvm::start {args} {
    variable vm
    variable memory_mb
    variable cpus
    variable cmdline
    variable here
    set opts [dict create -kernel "" -files {} -build-dir "" -bin-dir "" \
        -cache-dir "" -rundir "" -boot-timeout 120 -keep 0]
    foreach {k v} $args {
        if {![dict exists $opts $k]} {
            Fail USAGE "stapvm::start: unknown option $k"
        }
        dict set opts $k $v
    }
    if {$vm(chan) ne ""} {
        stop
    }
    set build_dir [dict get $opts -build-dir]
    if {$build_dir eq ""} {
        set build_dir [file join $here .. .. build]
    }
    set build_dir [file normalize $build_dir]
    set bin_dir [dict get $opts -bin-dir]
    if {$bin_dir eq ""} {
        set bin_dir [file join $build_dir bin]
    }
    set cache_dir [dict get $opts -cache-dir]
    if {$cache_dir eq ""} {
        set cache_dir [file join $build_dir testsuite vm cache]
    }
    set release [resolve_kernel [dict get $opts -kernel]]
    set image /boot/vmlinuz-$release
    if {![file readable $image]} {
        Fail BOOT "cannot read $image (scripts/setup.sh makes kernel images readable)"
    }
    set qemu [auto_execok qemu-system-x86_64]
    if {$qemu eq ""} {
        Fail BOOT "no qemu-system-x86_64 (install qemu-system-x86: scripts/setup.sh)"
    }
    set rundir [dict get $opts -rundir]
    if {$rundir eq ""} {
        # Next to the cache: BUILD/testsuite/vm/run.PID by default.
        set rundir [file join [file dirname $cache_dir] run.[pid]]
    }
    set rundir [file normalize $rundir]
    file delete -force $rundir
    file mkdir $rundir

    array set vm [list release $release rundir $rundir keep [dict get $opts -keep] \
        buf "" header "" need 0 eof 0 id 0 console "" console_off 0 \
        cmd_console 0 wake 0 \
        console_log [file join $rundir console.log] \
        stream_out [file join $rundir stream.out] \
        stream_err [file join $rundir stream.err] \
        qemu_err [file join $rundir qemu.err]]
    try {
        set initrd [BuildInitrd $release $bin_dir $cache_dir [dict get $opts -files] \
            $rundir]
    } trap {STAPVM} {msg} {
        Fail BOOT $msg
    }
    # qemu dies with this process, even if it is killed: no stray guests.
    set wrapper {}
    if {[auto_execok setpriv] ne ""} {
        set wrapper [list setpriv --pdeathsig KILL --]
    }
    set t0 [clock milliseconds]
    set cmd [list {*}$wrapper {*}$qemu -accel tcg -m $memory_mb -smp $cpus \
        -nodefaults -no-user-config -display none -no-reboot \
        -kernel $image -initrd $initrd -append $cmdline \
        -chardev file,id=console,path=[string map {, ,,} $vm(console_log)] \
        -serial chardev:console \
        -device virtio-serial-pci \
        -chardev stdio,id=cmd,signal=off \
        -device virtserialport,chardev=cmd,name=stapvm \
        -chardev file,id=sout,path=[string map {, ,,} $vm(stream_out)] \
        -device virtserialport,chardev=sout,name=stapvm-out \
        -chardev file,id=serr,path=[string map {, ,,} $vm(stream_err)] \
        -device virtserialport,chardev=serr,name=stapvm-err \
        2> $vm(qemu_err)]
    # A boot that fails before the agent answers has run no module of ours
    # (none is loaded before the first command), and under TCG a boot very
    # rarely fails on its own: the kernel's code patching trapped ("Oops:
    # int3" in sched_clock_cpu on 6.12), or a guest printed nothing at all
    # for 120 s (6.1).  Such a boot is tried once more; a second failure
    # is reported.
    for {set attempt 1} {1} {incr attempt} {
        set msg [Launch $cmd $release $t0 [dict get $opts -boot-timeout]]
        if {[lindex $msg 0] eq "READY"} {
            break
        }
        if {$msg eq "timeout"} {
            set why "no answer from the guest within\
                [dict get $opts -boot-timeout] s"
        } elseif {$msg eq "eof"} {
            set why "qemu exited"
        } else {
            set why "unexpected message from the guest: $msg"
        }
        Kill
        ConsoleSync
        if {$attempt == 1 && ($msg eq "eof" || $msg eq "timeout")} {
            Log "the VM did not start ($why); booting again"
            file rename -force $vm(console_log) $vm(console_log).boot1
            Close
            array set vm {buf "" header "" need 0 eof 0 console "" console_off 0 wake 0}
            set t0 [clock milliseconds]
            continue
        }
        set reason "cannot start the VM (kernel $release): $why"
        set err [string trim [ReadFile $vm(qemu_err)]]
        if {$err ne ""} {
            append reason "\nqemu: $err"
        }
        set tail [lrange [split [string trim $vm(console)] \n] end-30 end]
        if {$tail ne ""} {
            append reason "\nconsole:\n[join $tail \n]"
        }
        Close
        Fail BOOT $reason
    }
    # qemu has read the initramfs; the copy is no longer needed.
    file delete $initrd
    set vm(boot_seconds) [expr {([clock milliseconds] - $t0) / 1000.0}]
    Log "booted $release in $vm(boot_seconds) s"
    return $release
}

# Starts qemu (CMD) and waits for the agent's first message until
# T0 + TIMEOUT s: returns it ({READY ...}), "eof" or "timeout".
proc ::stapvm::Launch {cmd release t0 timeout} {
    variable vm
    Log "booting $release"
    set vm(chan) [open |$cmd r+]
    set vm(pid) [pid $vm(chan)]
    fconfigure $vm(chan) -translation binary -blocking 0 -buffering none
    fileevent $vm(chan) readable ::stapvm::Readable
    return [WaitMessage [expr {$t0 + 1000 * $timeout}] 0]
}

proc ::stapvm::Readable {} {
    variable vm
    if {[catch {read $vm(chan)} data]} {
        set data ""
        set vm(eof) 1
    }
    append vm(buf) $data
    if {[eof $vm(chan)]} {
        set vm(eof) 1
        fileevent $vm(chan) readable {}
    }
    set vm(wake) 1
}

# Waits for the next event (guest data, qemu exit) or at most MS.
proc ::stapvm::Wait {ms} {
    variable vm
    set timer [after $ms [list set ::stapvm::vm(wake) 1]]
    vwait ::stapvm::vm(wake)
    after cancel $timer
}

# Takes one complete message off the buffer: {TYPE FIELD... PAYLOAD}, or
# "" if none has arrived whole yet.  The header is parsed once, so that a
# large payload arriving in many pieces is not rescanned each time.
proc ::stapvm::TakeMessage {} {
    variable vm
    if {$vm(header) eq ""} {
        set nl [string first \n [string range $vm(buf) 0 4095]]
        if {$nl < 0} {
            if {[string length $vm(buf)] > 4096} {
                return [list PROTOCOL "garbage on the command port:\
                    [string range $vm(buf) 0 200]"]
            }
            return ""
        }
        set fields [split [string range $vm(buf) 0 [expr {$nl - 1}]] " "]
        set vm(buf) [string range $vm(buf) [expr {$nl + 1}] end]
        if {[lindex $fields 0] ne "@stapvm"} {
            return [list PROTOCOL "garbage on the command port: [join $fields]"]
        }
        set vm(header) [lrange $fields 1 end]
        switch -- [lindex $vm(header) 0] {
            RESULT { set vm(need) [expr {[lindex $fields 5] + [lindex $fields 6]}] }
            STREAMED { set vm(need) 0 }
            PUT { set vm(need) [lindex $fields 4] }
            ERROR { set vm(need) [lindex $fields 2] }
            default { set vm(need) 0 }
        }
    }
    if {[string length $vm(buf)] < $vm(need)} {
        return ""
    }
    set msg [list {*}$vm(header) [string range $vm(buf) 0 [expr {$vm(need) - 1}]]]
    set vm(buf) [string range $vm(buf) $vm(need) end]
    set vm(header) ""
    return $msg
}

# Waits for a message until DEADLINE (ms); returns it, or "eof" if qemu
# exited, "timeout", or (when WATCH) "panic" once the console shows one.
proc ::stapvm::WaitMessage {deadline watch} {
    variable vm
    while 1 {
        set msg [TakeMessage]
        if {$msg ne ""} {
            return $msg
        }
        if {$vm(eof)} {
            return eof
        }
        if {$watch} {
            ConsoleSync
            if {[string first "Kernel panic - not syncing" $vm(console) \
                $vm(cmd_console)] >= 0} {
                return panic
            }
        }
        set left [expr {$deadline - [clock milliseconds]}]
        if {$left <= 0} {
            return timeout
        }
        Wait [expr {min($left, 200)}]
    }
}

# Appends what qemu wrote to the console log since the last call.
proc ::stapvm::ConsoleSync {} {
    variable vm
    if {![file exists $vm(console_log)]} {
        return
    }
    set f [open $vm(console_log) rb]
    seek $f $vm(console_off)
    set data [read $f]
    close $f
    incr vm(console_off) [string length $data]
    append vm(console) [string map {"\r" ""} $data]
}

# Sends DATA to the guest.  If qemu is gone, notes that instead: the caller
# then finds the VM dead while waiting for the answer.
proc ::stapvm::Send {data} {
    variable vm
    if {[catch {puts -nonewline $vm(chan) $data; flush $vm(chan)}]} {
        set vm(eof) 1
    }
}

proc ::stapvm::Kill {} {
    variable vm
    if {$vm(chan) ne "" && !$vm(eof)} {
        catch {exec kill -KILL $vm(pid)}
        set vm(eof) 1
    }
}

proc ::stapvm::Close {} {
    variable vm
    if {$vm(chan) eq ""} {
        return
    }
    catch {fconfigure $vm(chan) -blocking 1}
    catch {close $vm(chan)}
    set vm(chan) ""
    set vm(eof) 1
}

proc ::stapvm::stop {} {
    variable vm
    if {$vm(chan) eq ""} {
        return
    }
    if {!$vm(eof)} {
        catch {Send "QUIT\n"}
        set deadline [expr {[clock milliseconds] + 10000}]
        while {!$vm(eof) && [clock milliseconds] < $deadline} {
            Wait 200
        }
        Kill
    }
    Close
    if {!$vm(keep)} {
        file delete -force $vm(rundir)
    }
}

# The console lines around the first sign of kernel trouble in TEXT, or "".
proc ::stapvm::OopsExcerpt {text} {
    variable oops_patterns
    set lines [split $text \n]
    set first -1
    foreach re $oops_patterns {
        set i [lsearch -regexp $lines $re]
        if {$i >= 0 && ($first < 0 || $i < $first)} {
            set first $i
        }
    }
    if {$first < 0} {
        return ""
    }
    set excerpt [lrange $lines [expr {max(0, $first - 3)}] [expr {$first + 80}]]
    return [string trimright [join $excerpt \n]]
}

# The console text the command ID produced: between its begin and end
# markers, falling back to everything since it was sent.
proc ::stapvm::CommandConsole {id} {
    variable vm
    set text [string range $vm(console) $vm(cmd_console) end]
    if {[regexp -indices "\[^\n]*stapvm: begin $id\n" $text m]} {
        set text [string range $text [expr {[lindex $m 1] + 1}] end]
    }
    if {[regexp -indices "\[^\n]*stapvm: end $id\n" $text m]} {
        set text [string range $text 0 [expr {[lindex $m 0] - 1}]]
    }
    return $text
}

proc ::stapvm::run {command args} {
    set opts [dict create -timeout 60]
    foreach {k v} $args {
        if {![dict exists $opts $k]} {
            Fail USAGE "stapvm::run: unknown option $k"
        }
        dict set opts $k $v
    }
    return [Exec RUN $command [dict get $opts -timeout] {}]
}

proc ::stapvm::stream {command args} {
    set opts [dict create -timeout 60 -output {}]
    foreach {k v} $args {
        if {![dict exists $opts $k]} {
            Fail USAGE "stapvm::stream: unknown option $k"
        }
        dict set opts $k $v
    }
    return [Exec STREAM $command [dict get $opts -timeout] [dict get $opts -output]]
}

proc ::stapvm::signal {name} {
    variable vm
    if {[running]} {
        Send "[dict get {INT I TERM T} $name]\n"
    }
}

# Hands what the streamed command wrote since the last call to OUTPUT.
proc ::stapvm::StreamSync {output} {
    variable vm
    foreach which {out err} name {stdout stderr} {
        set file $vm(stream_$which)
        if {![file exists $file] || [file size $file] <= $vm(got_$which)} {
            continue
        }
        set f [open $file rb]
        seek $f $vm(got_$which)
        set data [read $f]
        close $f
        incr vm(got_$which) [string length $data]
        if {$output ne ""} {
            {*}$output $name $data
        }
    }
}

# Runs COMMAND with OP (RUN: the output comes back with the result; STREAM:
# it comes through the stream ports, to OUTPUT).  TIMEOUT 0 (STREAM only):
# no limit.
proc ::stapvm::Exec {op command timeout output} {
    variable vm
    variable slack
    set r [dict create command $command result novm status -1 stdout "" \
        stderr "" timedout 0 oops "" console "" error "" seconds 0]
    if {![running]} {
        dict set r error "no VM is running"
        return $r
    }
    set t0 [clock milliseconds]
    set id [incr vm(id)]
    ConsoleSync
    set vm(cmd_console) [string length $vm(console)]
    set script [encoding convertto utf-8 $command]
    if {$op eq "STREAM"} {
        foreach which {out err} {
            set vm(got_$which) 0
            if {[file exists $vm(stream_$which)]} {
                set vm(got_$which) [file size $vm(stream_$which)]
            }
            set vm(base_$which) $vm(got_$which)
        }
    }
    Send "$op $id $timeout [string length $script]\n$script"
    if {$timeout > 0} {
        set deadline [expr {$t0 + 1000 * ($timeout + $slack)}]
    } else {
        set deadline [expr {$t0 + 1000 * 86400 * 365}]
    }
    if {$op eq "STREAM"} {
        # In slices, passing the output on between them.
        while 1 {
            set msg [WaitMessage [expr {min($deadline, [clock milliseconds] + 100)}] 1]
            StreamSync $output
            if {$msg ne "timeout" || [clock milliseconds] >= $deadline} {
                break
            }
        }
    } else {
        set msg [WaitMessage $deadline 1]
    }

    switch -- [lindex $msg 0] {
        RESULT - STREAMED {
            lassign $msg kind rid status timedout outlen errlen payload
            if {$rid != $id} {
                dict set r error "answer for command $rid while waiting for $id"
            }
            dict set r status $status
            dict set r timedout $timedout
            if {$kind eq "RESULT"} {
                dict set r stdout [string range $payload 0 [expr {$outlen - 1}]]
                dict set r stderr [string range $payload $outlen end]
            } else {
                # The rest of the output is on its way through the ports.
                set want_out [expr {$vm(base_out) + $outlen}]
                set want_err [expr {$vm(base_err) + $errlen}]
                set deadline [expr {[clock milliseconds] + 10000}]
                while {($vm(got_out) < $want_out || $vm(got_err) < $want_err)
                    && [clock milliseconds] < $deadline && !$vm(eof)} {
                    Wait 20
                    StreamSync $output
                }
                if {$vm(got_out) < $want_out || $vm(got_err) < $want_err} {
                    dict set r error "output lost: [expr {$want_out - $vm(got_out)}]\
                        bytes of stdout and [expr {$want_err - $vm(got_err)}]\
                        bytes of stderr did not arrive"
                }
            }
            # Once the end marker is on the console, so is every
            # kernel message printed before it.
            set deadline [expr {[clock milliseconds] + 5000}]
            while {[string first "stapvm: end $id\n" $vm(console) $vm(cmd_console)] < 0
                && [clock milliseconds] < $deadline && !$vm(eof)} {
                Wait 50
                ConsoleSync
            }
        }
        panic - eof {
            # The kernel panicked (qemu exits by itself, -no-reboot),
            # or qemu died.
            set deadline [expr {[clock milliseconds] + 10000}]
            while {!$vm(eof) && [clock milliseconds] < $deadline} {
                Wait 200
            }
            Kill
            ConsoleSync
            dict set r error "the VM died while running the command"
        }
        timeout {
            Kill
            ConsoleSync
            dict set r timedout 1
            dict set r error "the guest stopped answering: no result\
                [expr {$timeout + $slack}] s after '$command' started\
                (its timeout: $timeout s); VM stopped"
        }
        default {
            Kill
            ConsoleSync
            dict set r error "protocol error: [lrange $msg 0 end]"
        }
    }
    set console [CommandConsole $id]
    dict set r console $console
    dict set r oops [OopsExcerpt $console]
    if {[string first "Kernel panic - not syncing" $console] >= 0} {
        dict set r result panic
    } elseif {[lindex $msg 0] in {panic eof}} {
        dict set r result dead
    } elseif {[dict get $r oops] ne ""} {
        dict set r result oops
    } elseif {[dict get $r timedout]} {
        dict set r result timeout
        if {[dict get $r error] eq ""} {
            dict set r error "'$command' exceeded its timeout of $timeout s\
                and was killed"
        }
    } elseif {[dict get $r error] ne ""} {
        dict set r result dead
    } elseif {[dict get $r status] != 0} {
        dict set r result fail
    } else {
        dict set r result ok
    }
    if {$vm(eof)} {
        Close
    }
    dict set r seconds [expr {([clock milliseconds] - $t0) / 1000.0}]
    return $r
}

proc ::stapvm::push {host {guest ""}} {
    variable vm
    if {![running]} {
        Fail PUSH "cannot push $host: no VM is running"
    }
    if {![file isfile $host]} {
        Fail PUSH "cannot push $host: not a regular file"
    }
    set data [ReadFile $host]
    set path [encoding convertto utf-8 [GuestPath $host $guest]]
    set mode [format %o [expr {[file attributes $host -permissions] & 07777}]]
    set id [incr vm(id)]
    ConsoleSync
    set vm(cmd_console) [string length $vm(console)]
    Send "PUT $id $mode [string length $path] [string length $data]\n$path$data"
    set mb [expr {[string length $data] / 1048576}]
    set msg [WaitMessage [expr {[clock milliseconds] + 1000 * (30 + 10 * $mb)}] 1]
    if {[lindex $msg 0] ne "PUT"} {
        Kill
        Close
        Fail PUSH "cannot push $host: no answer from the guest ($msg); VM stopped"
    }
    lassign $msg - rid status - text
    if {$status != 0} {
        Fail PUSH "cannot push $host to [GuestPath $host $guest]: [string trim $text]"
    }
    return [GuestPath $host $guest]
}

# Text describing a run result for a human (used in failure reports).
proc ::stapvm::describe {r} {
    set s "command: [dict get $r command]\nresult: [dict get $r result],\
        exit status [dict get $r status]"
    if {[dict get $r error] ne ""} {
        append s "\nerror: [dict get $r error]"
    }
    foreach k {stdout stderr} {
        if {[dict get $r $k] ne ""} {
            append s "\n--- $k:\n[string trimright [dict get $r $k]]"
        }
    }
    if {[dict get $r oops] ne ""} {
        append s "\n--- console:\n[dict get $r oops]"
    }
    return $s
}

proc ::stapvm::boot_seconds {} {
    variable vm
    return $vm(boot_seconds)
}

# Keeps the run directory (console log, qemu's messages) after stop.
proc ::stapvm::keep_rundir {} {
    variable vm
    set vm(keep) 1
}

proc ::stapvm::console_log {} {
    variable vm
    return $vm(console_log)
}
