#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The main job: build the TSan configuration and run every selftest suite
# in it, then print each program's TAP and the totals. Installs missing
# Debian packages when run as root.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"

usage() {
	cat >&2 <<USAGE
Usage: $0 [--suite NAME]... [--quiet]
  Builds build-tsan/ and runs the selftests under ThreadSanitizer.
  --suite NAME   run only this meson suite (harness, shim, lockdep, mm,
                 stress, sched, sched-random, sched-dfs); may be repeated.
                 Without it: every suite but sched-random and sched-dfs
                 (the deterministic scheduler's CI-only strategies)
  --quiet        print only the totals, not every program's TAP
USAGE
	exit "${1:-2}"
}

suites=()
tap=--print-tap
while [ $# -gt 0 ]; do
	case "$1" in
	--suite)
		[ $# -ge 2 ] || usage
		suites+=(--suite "$2")
		shift 2
		;;
	--quiet) tap=; shift ;;
	-h|--help) usage 0 ;;
	*) echo "$0: unknown argument '$1'" >&2; usage ;;
	esac
done

[ ${#suites[@]} -gt 0 ] || suites=(--no-suite sched-random --no-suite sched-dfs)

vmalock_ensure_deps
vmalock_setup_build tsan
dir=$(vmalock_build_dir tsan)
status=0
meson test -C "$dir" --no-rebuild "${suites[@]}" || status=$?
python3 "$here/lib/summarize.py" $tap "$dir" || status=1
exit $status
