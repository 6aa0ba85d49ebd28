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
Usage: $0 [-C BUILD_DIR] [--suite NAME]... [--quiet]
  Builds build-tsan/ and runs the selftests under ThreadSanitizer. Prints
  one KTAP document on stdout (as the kernel's run_kselftest.sh does),
  ending with a '# Totals: N passed, N failed, N skipped' line; meson's
  progress goes to stderr.
  --suite NAME   run only this meson suite (harness, shim, lockdep, mm,
                 stress, soak, sched, sched-random, sched-dfs, bench,
                 bugs, scripts); may be repeated. Without it: every suite
                 but sched-random and sched-dfs (the deterministic
                 scheduler's CI-only strategies), bench (timings mean
                 nothing under TSan), soak (100 s of stress) and bugs (the
                 bug corpus, a rebuild per bug); CI runs the last two
  --quiet        leave each program's own TAP out of the document
  -C BUILD_DIR   run in this meson build directory (any configuration,
                 e.g. one made with -Dkernel_tree) instead of build-tsan/
USAGE
	exit "${1:-2}"
}

requested=()
ktap=--ktap
dir=
while [ $# -gt 0 ]; do
	case "$1" in
	-C)
		[ $# -ge 2 ] || usage
		dir=$2
		[ -f "$dir/build.ninja" ] || {
			echo "$0: '$dir' is not a configured meson build directory" >&2
			exit 2
		}
		shift 2
		;;
	--suite)
		[ $# -ge 2 ] || usage
		requested+=("$2")
		shift 2
		;;
	--quiet) ktap=--ktap-quiet; shift ;;
	-h|--help) usage 0 ;;
	*) echo "$0: unknown argument '$1'" >&2; usage ;;
	esac
done

if [ -z "$dir" ]; then
	vmalock_ensure_deps
	vmalock_configure_build tsan || exit 1
	dir=$(vmalock_build_dir tsan)
fi

suites=()
if [ ${#requested[@]} -eq 0 ]; then
	suites=(--no-suite sched-random --no-suite sched-dfs --no-suite bench
		--no-suite soak --no-suite bugs)
else
	known=$(vmalock_build_suites "$dir")
	for s in "${requested[@]}"; do
		if ! grep -qx -- "$s" <<<"$known"; then
			echo "$0: unknown suite '$s'; the suites are:" $known >&2
			exit 2
		fi
		suites+=(--suite "$s")
	done
fi
vmalock_compile "$dir" || exit 1

# Only what this run produced may be reported.
rm -f "$dir/meson-logs/testlog.json"
status=0
meson test -C "$dir" --no-rebuild "${suites[@]}" >&2 || status=$?
python3 "$here/lib/summarize.py" $ktap "$dir" || status=1
exit $status
