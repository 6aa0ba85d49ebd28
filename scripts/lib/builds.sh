# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by the scripts: the standard builds of the matrix, as the table
# in scripts/lib/flavours defines them (plain, tsan, oot, asan, nopvl,
# bench, ktree). VMALOCK_SCRATCH defaults to a folder in ${TMPDIR:-/tmp}
# named after this tree's path, so that two clones never share one.

VMALOCK_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=fake_kernel_tree.sh
. "$VMALOCK_TOP/scripts/lib/fake_kernel_tree.sh"

VMALOCK_SCRATCH=${VMALOCK_SCRATCH:-${TMPDIR:-/tmp}/vmalock-$(id -u)-$(
	echo "$VMALOCK_TOP" | md5sum | cut -c1-8)}

# vmalock_flavour NAME: the table's line for NAME ("NAME CC DIR ARGS..."),
# or an error.
vmalock_flavour() {
	local line
	line=$(sed -e 's/#.*//' "$VMALOCK_TOP/scripts/lib/flavours" |
		awk -v n="$1" '$1 == n')
	if [ -z "$line" ]; then
		echo "vmalock: unknown build flavour '$1'" >&2
		return 2
	fi
	echo "$line"
}

vmalock_build_dir() {
	local line name cc dir
	line=$(vmalock_flavour "$1") || return
	read -r name cc dir _ <<<"$line"
	case "$dir" in
	@scratch/*) echo "$VMALOCK_SCRATCH/${dir#@scratch/}" ;;
	*) echo "$VMALOCK_TOP/$dir" ;;
	esac
}

# vmalock_first_installed LIST: the first of a comma-separated list of
# commands that is installed, else the first.
vmalock_first_installed() {
	local c
	for c in ${1//,/ }; do
		command -v "$c" >/dev/null && { echo "$c"; return; }
	done
	echo "${1%%,*}"
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
	local flavor=$1 line name compilers dir top=$VMALOCK_TOP
	shift
	line=$(vmalock_flavour "$flavor") || return
	local -a table_args
	read -r name compilers _ <<<"$line"
	read -r -a table_args <<<"$(echo "$line" | awk '{$1=$2=$3=""; print}')"
	dir=$(vmalock_build_dir "$flavor")
	local -a args=(-Dwerror=true -Db_lundef=false "${table_args[@]}" "$@")
	local cc
	cc=$(vmalock_first_installed "$compilers")
	local cxx=${cc/gcc/g++}
	cxx=${cxx/clang/clang++}
	case "$flavor" in
	oot)
		top=$VMALOCK_SCRATCH/not-vmalock
		vmalock_copy_tree "$top"
		;;
	ktree)
		vmalock_fake_kernel_tree "$VMALOCK_SCRATCH/linux"
		args+=("-Dkernel_tree=$VMALOCK_SCRATCH/linux")
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
