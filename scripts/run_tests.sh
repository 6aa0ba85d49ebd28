#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The project's tests: the build matrix, each build with the suites that
# its configuration changes:
#   plain  every suite but soak
#   oot    the TSan build, made from a copy of this tree in a folder with
#          another name and built outside it (so nothing may assume the
#          layout of a clone): every suite, with soak, the bug corpus and
#          scripts/mutate
#   asan   what runs kernel code: harness, shim, lockdep, mm, stress, sched
#   nopvl  what -Dper_vma_lock=false changes: lockdep, mm, stress, sched
#   ktree  the mm, lockdep and stress suites, built through -Dkernel_tree
#          from a 6.15-shaped kernel tree (selftests/mm/kernel_trees/
#          6.15-like), under TSan
# tsan (build-tsan/, the main job's build) is the same configuration as
# oot, in this tree; --flavour tsan runs it. This is what .ci/run runs.
# Installs missing Debian packages when run as root.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"

usage() {
	cat >&2 <<USAGE
Usage: $0 [--flavour NAME]...
  Builds and tests the matrix: plain oot asan nopvl ktree.
  --flavour NAME   only this build flavour (plain oot asan nopvl ktree, or
                   tsan: oot's configuration in build-tsan/); may be repeated
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
[ ${#flavours[@]} -gt 0 ] || flavours=(plain oot asan nopvl ktree)

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
	suites=()
	case "$f" in
	plain) suites=(--no-suite soak) ;;
	asan) suites=(--suite harness --suite shim --suite lockdep --suite mm
		--suite stress --suite sched) ;;
	nopvl) suites=(--suite lockdep --suite mm --suite stress --suite sched) ;;
	ktree) suites=(--suite mm --suite lockdep --suite stress) ;;
	esac
	meson test -C "$dir" --no-rebuild --print-errorlogs "${suites[@]}" ||
		status=1
done
python3 "$here/lib/summarize.py" --failed-builds "$broken" "${dirs[@]}" ||
	status=1
exit $status
