#!/usr/bin/env bash
# Set up a fresh Debian 12 machine for building and testing this project,
# then configure and build it.  Idempotent: running it again only rebuilds.
#
#   scripts/setup.sh            install packages, configure, build
#   SKIP_APT=1 scripts/setup.sh only configure and build
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
	sudo_cmd=(sudo)
fi

packages=(
	# toolchain and libraries the translator and loader build against
	build-essential cmake pkg-config
	libdw-dev libelf-dev libboost-program-options-dev
	googletest libgtest-dev
	# fuzzing the front end (libFuzzer ships with clang's runtime)
	clang libclang-rt-14-dev
	# test tools: DejaGnu, and the VM runner (Tcl; qemu, busybox and cpio
	# for the guest; xz to unpack compressed kernel modules for it;
	# util-linux for setpriv and flock)
	dejagnu expect tcl
	qemu-system-x86 busybox-static cpio xz-utils kmod util-linux
	# target kernels: images to boot in the VM, headers for kbuild,
	# DWARF debuginfo for probe resolution
	linux-image-cloud-amd64 linux-headers-cloud-amd64 linux-image-cloud-amd64-dbg
	linux-image-6.12-cloud-amd64 linux-headers-6.12-cloud-amd64 linux-image-6.12-cloud-amd64-dbg
)

if [ "${SKIP_APT:-0}" != 1 ]; then
	missing=()
	for p in "${packages[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			missing+=("$p")
		fi
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "setup: installing ${missing[*]}"
		"${sudo_cmd[@]}" apt-get update -q
		# INITRD=No: the VM boots each kernel with our own initramfs, so
		# the distribution's initramfs generation is not needed.
		"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive INITRD=No \
			apt-get install -y -q --no-install-recommends "${missing[@]}"
	else
		echo "setup: all packages already installed"
	fi
fi

# Kernel images are installed mode 0600; the VM runner reads them as the
# invoking user.
for img in /boot/vmlinuz-*; do
	[ -e "$img" ] || continue
	[ -r "$img" ] || "${sudo_cmd[@]}" chmod a+r "$img"
done

echo "setup: kernel releases with headers:"
for d in /lib/modules/*/build; do
	[ -e "$d" ] && echo "  $(basename "$(dirname "$d")")"
done

cmake -S "$top" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTAP_WERROR=ON
# At most two jobs: the machines this runs on have two cores.
cmake --build "$build_dir" -j 2
echo "setup: build complete in $build_dir"
