// Pass 5: run the module with staprun, the one next to stap (never one
// from PATH), and end with its exit status.  SIGINT, SIGTERM and SIGHUP
// sent to stap go to staprun, which then runs the script's end probes and
// drains its output before unloading.  With --remote=qemu the same staprun
// command runs in a VM (driver/remote.h); stap -o then writes the file on
// this machine, and Ctrl-C is passed into the VM.
#pragma once

#include "driver/pass_manager.h"
#include "driver/remote.h"

namespace stap
{

Pass make_run_pass(const RemoteTarget& remote);

} // namespace stap
