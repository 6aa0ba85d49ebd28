# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by the scripts: the standard builds of the matrix.
#   plain  gcc, no sanitizer                         -> build/
#   tsan   clang, -fsanitize=thread                  -> build-tsan/
#   asan   gcc, -fsanitize=address,undefined,       -> build-asan/
#   nopvl  gcc, -Dper_vma_lock=false (mmap_lock only) -> build-nopvl/
#   bench  gcc, release, lockdep, DEBUG_VM and the     -> build-bench/
#          sync hook (so the scheduler) off
#   ktree  gcc, -Dkernel_tree= a kernel-like tree     -> build-ktree/
#          made from this tree's mmap_lock.{h,c} (scripts/lib/fake_kernel_tree.sh)
# Debug info and frame pointers are on in all of them; warnings are errors.

VMALOCK_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=fake_kernel_tree.sh
. "$VMALOCK_TOP/scripts/lib/fake_kernel_tree.sh"

vmalock_build_dir() {
	case "$1" in
	plain) echo "$VMALOCK_TOP/build" ;;
	*) echo "$VMALOCK_TOP/build-$1" ;;
	esac
}

# vmalock_setup_build FLAVOR [extra meson args...]: configure (or
# reconfigure) and compile one build.
vmalock_setup_build() {
	local flavor=$1 dir
	shift
	dir=$(vmalock_build_dir "$flavor")
	local -a args=(-Dwerror=true -Db_lundef=false "$@")
	local cc=gcc cxx=g++
	case "$flavor" in
	plain) ;;
	tsan)
		cc=$VMALOCK_CC cxx=$VMALOCK_CXX
		args+=(-Db_sanitize=thread)
		;;
	asan) args+=(-Db_sanitize=address,undefined) ;;
	nopvl) args+=(-Dper_vma_lock=false) ;;
	bench) args+=(-Dbuildtype=release -Dlockdep=false -Ddebug_vm=false
		-Dsync_hook=false) ;;
	ktree)
		vmalock_fake_kernel_tree "$dir-src"
		args+=("-Dkernel_tree=$dir-src")
		;;
	*)
		echo "vmalock: unknown build flavour '$flavor'" >&2
		return 2
		;;
	esac
	if [ -f "$dir/build.ninja" ]; then
		meson configure "$dir" "${args[@]}" >/dev/null
	else
		CC=$cc CXX=$cxx meson setup "$dir" "$VMALOCK_TOP" "${args[@]}" \
			>"$dir.setup.log" 2>&1 || {
			cat "$dir.setup.log" >&2
			return 1
		}
		rm -f "$dir.setup.log"
	fi
	ninja -C "$dir" >/dev/null || ninja -C "$dir"
}
