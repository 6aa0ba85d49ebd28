# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by the scripts: the standard builds of the matrix.
#   plain  gcc, no sanitizer                         -> build/
#   tsan   clang, -fsanitize=thread                  -> build-tsan/
#   asan   gcc, -fsanitize=address,undefined,       -> build-asan/
#   nopvl  gcc, -Dper_vma_lock=false (mmap_lock only) -> build-nopvl/
#   bench  gcc, release, lockdep, DEBUG_VM and the     -> build-bench/
#          sync hook (so the scheduler) off
#   ktree  clang, -fsanitize=thread, -Dkernel_tree= a  -> build-ktree/
#          kernel tree of the 6.15 era (scripts/lib/
#          fake_kernel_tree.sh) in $VMALOCK_SCRATCH/linux,
#          outside this tree as a user's is; it keeps
#          upstream's plain store in vma_lock_init(), which
#          the kernel's data-race policy takes as atomic
#   oot    as tsan, but out of tree: a copy of this tree in a folder with
#          another name, built in a sibling folder
#                                          -> $VMALOCK_SCRATCH/build-oot
#          so that nothing may assume the layout of a clone
# VMALOCK_SCRATCH defaults to a folder in ${TMPDIR:-/tmp} named after this
# tree's path, so that two clones never share one.
# Debug info and frame pointers are on in all of them; warnings are errors.

VMALOCK_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=fake_kernel_tree.sh
. "$VMALOCK_TOP/scripts/lib/fake_kernel_tree.sh"

VMALOCK_SCRATCH=${VMALOCK_SCRATCH:-${TMPDIR:-/tmp}/vmalock-$(id -u)-$(
	echo "$VMALOCK_TOP" | md5sum | cut -c1-8)}

vmalock_build_dir() {
	case "$1" in
	plain) echo "$VMALOCK_TOP/build" ;;
	oot) echo "$VMALOCK_SCRATCH/build-oot" ;;
	*) echo "$VMALOCK_TOP/build-$1" ;;
	esac
}

# vmalock_setup_build FLAVOR [extra meson args...]: configure (or
# reconfigure) and compile one build.
vmalock_setup_build() {
	vmalock_configure_build "$@" || return
	vmalock_compile "$(vmalock_build_dir "$1")"
}

# vmalock_compile DIR: ninja, quiet unless something fails.
vmalock_compile() {
	ninja -C "$1" >/dev/null || ninja -C "$1"
}

# vmalock_configure_build FLAVOR [extra meson args...]: meson setup (or
# configure) one build, without compiling it.
vmalock_configure_build() {
	local flavor=$1 dir top=$VMALOCK_TOP
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
	oot)
		top=$VMALOCK_SCRATCH/not-vmalock
		vmalock_copy_tree "$top"
		cc=$VMALOCK_CC cxx=$VMALOCK_CXX
		args+=(-Db_sanitize=thread)
		;;
	asan) args+=(-Db_sanitize=address,undefined) ;;
	nopvl) args+=(-Dper_vma_lock=false) ;;
	bench) args+=(-Dbuildtype=release -Dlockdep=false -Ddebug_vm=false
		-Dsync_hook=false) ;;
	ktree)
		vmalock_fake_kernel_tree "$VMALOCK_SCRATCH/linux"
		cc=$VMALOCK_CC cxx=$VMALOCK_CXX
		args+=("-Dkernel_tree=$VMALOCK_SCRATCH/linux" -Db_sanitize=thread)
		;;
	*)
		echo "vmalock: unknown build flavour '$flavor'" >&2
		return 2
		;;
	esac
	if [ -f "$dir/build.ninja" ]; then
		meson configure "$dir" "${args[@]}" >/dev/null
	else
		CC=$cc CXX=$cxx meson setup "$dir" "$top" "${args[@]}" \
			>"$dir.setup.log" 2>&1 || {
			cat "$dir.setup.log" >&2
			return 1
		}
		rm -f "$dir.setup.log"
	fi
}

# vmalock_copy_tree DIR: this tree as a clone elsewhere has it, without
# its builds: the sources with their timestamps (a rebuild there
# recompiles only what changed) and the git metadata (the bug corpus and
# scripts/mutate copy what git lists).
vmalock_copy_tree() {
	local dest=$1
	rm -rf "$dest"
	mkdir -p "$dest"
	tar -C "$VMALOCK_TOP" --exclude='./build' \
		--exclude='./build-*' -cf - . | tar -C "$dest" -xf -
}

# vmalock_build_suites DIR: the meson suites of a configured build, one per
# line, without the project's "vmalock:" prefix.
vmalock_build_suites() {
	meson introspect --tests "$1" | python3 -c '
import json, sys
names = {s.split(":", 1)[-1] for t in json.load(sys.stdin) for s in t["suite"]}
print("\n".join(sorted(names)))'
}
