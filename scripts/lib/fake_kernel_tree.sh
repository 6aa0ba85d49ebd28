# SPDX-License-Identifier: GPL-2.0-only
#
# vmalock_fake_kernel_tree DIR: lay this tree's per-VMA lock out as a
# kernel tree (DIR/include/linux/mmap_lock.h, DIR/mm/mmap_lock.c), so
# that -Dkernel_tree is exercised in CI without downloading a kernel.
vmalock_fake_kernel_tree() {
	local dir=$1
	mkdir -p "$dir/include/linux" "$dir/mm"
	cp "$VMALOCK_TOP/mm/include/linux/mmap_lock.h" "$dir/include/linux/"
	cp "$VMALOCK_TOP/mm/mmap_lock.c" "$dir/mm/"
}
