# SPDX-License-Identifier: GPL-2.0-only
#
# vmalock_fake_kernel_tree DIR: a kernel tree of another era than ours in
# DIR (DIR/include/linux/mmap_lock.h, DIR/mm/mmap_lock.c): the 6.15-shaped
# fixture in selftests/mm/kernel_trees/6.15-like, so that CI builds
# -Dkernel_tree through the compatibility paths an older kernel needs
# (mm/include/vmalock/meson.build), without downloading a kernel.
vmalock_fake_kernel_tree() {
	local dir=$1 fixture=$VMALOCK_TOP/selftests/mm/kernel_trees/6.15-like
	mkdir -p "$dir/include/linux" "$dir/mm"
	cp "$fixture/include/linux/mmap_lock.h" "$dir/include/linux/"
	cp "$fixture/mm/mmap_lock.c" "$dir/mm/"
}
