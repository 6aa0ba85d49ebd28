#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmarks, in an optimized unsanitized build (build-bench/: release,
# lockdep and CONFIG_DEBUG_VM off). Each prints ratios against a baseline
# measured in the same run.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"

usage() {
	cat >&2 <<USAGE
Usage: $0 [--iterations N] [--rounds N] [--duration MS]
  Builds build-bench/ and runs the benchmarks:
    shim_bench     atomics/refcount vs __atomic builtins, rwsem vs
                   pthread_rwlock, rcu_read_lock/unlock vs liburcu
                   (build-bench/: release, lockdep off)
    lockdep_bench  a two-lock chain with lockdep on vs lockdep_off()
                   (build/: -O2 with lockdep)
    strategy_bench schedules to the first failure of bugs of known
                   depth under random, pct:2, pct:3 and dfs:1, next to
                   PCT's bound (build/)
    fault_bench    fault throughput: per-VMA lock vs mmap_lock only vs a
                   pthread_rwlock, with a writer running mprotect
                   (build-bench/; CSV and SVG in build-bench/)
USAGE
	exit "${1:-2}"
}

args=()
fault_args=()
while [ $# -gt 0 ]; do
	case "$1" in
	--iterations|--rounds)
		[ $# -ge 2 ] || usage
		args+=("$1" "$2")
		shift 2
		;;
	--duration)
		[ $# -ge 2 ] || usage
		fault_args+=("$1" "$2")
		shift 2
		;;
	-h|--help) usage 0 ;;
	*) echo "$0: unknown argument '$1'" >&2; usage ;;
	esac
done

vmalock_ensure_deps
vmalock_setup_build bench
vmalock_setup_build plain
"$(vmalock_build_dir bench)/tools/bench/shim_bench" "${args[@]}"
echo
"$(vmalock_build_dir plain)/tools/bench/lockdep_bench" "${args[@]}"
echo
# The scheduler needs the sync hook, which build-bench leaves out.
"$(vmalock_build_dir plain)/tools/bench/sched_bench"
echo
PYTHONPATH="$VMALOCK_TOP/scripts" \
	python3 "$VMALOCK_TOP/tools/bench/strategy_bench.py" \
	"$(vmalock_build_dir plain)/tools/bench/known_bugs"
echo
out=$(vmalock_build_dir bench)
"$out/tools/bench/fault_bench" "${fault_args[@]}" \
	--csv "$out/fault_bench.csv" --svg "$out/fault_bench.svg"
echo "# fault_bench results: $out/fault_bench.csv, $out/fault_bench.svg"
