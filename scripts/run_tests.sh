#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The project's tests: every build of the matrix (plain, tsan, asan,
# nopvl, ktree, oot) and every suite in each (ktree: the mm, lockdep and
# stress suites, built through -Dkernel_tree from a 6.15-shaped kernel
# tree, selftests/mm/kernel_trees/6.15-like; oot: the
# TSan build of a copy of the tree in a folder with another name, built
# outside it, with the suites whose output names files). This is what .ci/run runs. Installs
# missing Debian packages when run as root.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"

usage() {
	cat >&2 <<USAGE
Usage: $0 [--flavour NAME]...
  Builds and tests every flavour of the matrix: plain tsan asan nopvl ktree oot.oot.
  --flavour NAME   only this build flavour; may be repeated
USAGE
	exit "${1:-2}"
}

flavours=()
while [ $# -gt 0 ]; do
	case "$1" in
	--flavour|--flavor)
		[ $# -ge 2 ] || usage
		case "$2" in
		plain|tsan|asan|nopvl|ktree|oot) flavours+=("$2") ;;
		*) echo "$0: unknown flavour '$2'" >&2; usage ;;
		esac
		shift 2
		;;
	-h|--help) usage 0 ;;
	*) echo "$0: unknown argument '$1'" >&2; usage ;;
	esac
done
[ ${#flavours[@]} -gt 0 ] || flavours=(plain tsan asan nopvl ktree oot)

vmalock_ensure_deps
vmalock_ensure_test_deps
dirs=()
status=0
broken=0
for f in "${flavours[@]}"; do
	echo "=== $f build" >&2
	if ! vmalock_setup_build "$f"; then
		echo "=== $f build FAILED" >&2
		status=1
		broken=$((broken + 1))
		continue
	fi
	dir=$(vmalock_build_dir "$f")
	dirs+=("$dir")
	# The soak (100 s of TSan stress) runs in the TSan build only.
	suites=(--no-suite soak)
	[ "$f" = tsan ] && suites=()
	[ "$f" = ktree ] && suites=(--suite mm --suite lockdep --suite stress)
	# Out of tree, what depends on paths: reports, the harness, scripts.
	[ "$f" = oot ] && suites=(--suite harness --suite shim --suite lockdep
		--suite mm --suite scripts)
	meson test -C "$dir" --no-rebuild --print-errorlogs "${suites[@]}" ||
		status=1
done
python3 "$here/lib/summarize.py" --failed-builds "$broken" "${dirs[@]}" ||
	status=1
exit $status
