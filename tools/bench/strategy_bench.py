#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""How many schedules each strategy of the deterministic scheduler needs
to find bugs of known depth (tools/bench/known_bugs.c): for each bug and
strategy, the median, lowest and highest number of schedules to the first
failure over --seeds seeds, next to PCT's bound.

PCT (Burckhardt et al., ASPLOS 2010) finds a bug of depth d <= D with
probability at least 1/(n * k^(D-1)) per schedule, n tasks and k steps, so
it needs n * k^(D-1) schedules in expectation at most: the 'bound' column
(k read from the failing token, n the tasks of the test). A run that finds
nothing within --max schedules counts as --max and is marked '>'.

Usage: strategy_bench.py KNOWN_BUGS [--seeds N] [--max N] [--bug NAME]...
"""
import argparse
import re
import statistics
import subprocess
import sys

# (test, depth, tasks: the test's own, the RCU callback task, workers)
BUGS = [
    ("check_then_act", 2, 4),
    ("lost_update", 2, 4),
    ("aba_on_a_refcount", 2, 4),
    ("missed_wakeup", 2, 3),
    ("three_alternations", 3, 4),
]
STRATEGIES = ["random", "pct:2", "pct:3", "dfs:1"]
SCHEDULES = re.compile(r"schedules=(\d+)")
TOKEN = re.compile(r"failing schedule pct:\d+:k(\d+)@")


def first_failure(program, test, strategy, seed, most):
    """(schedules to the first failure or None, k of the failing token)"""
    p = subprocess.run([program, "--seed", str(seed), "--sched", strategy,
                        "--sched-runs", str(most), "-r", "global." + test],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if not re.search(r"^not ok 1 ", p.stdout, re.M):
        return None, None
    m = SCHEDULES.search(p.stdout)
    k = TOKEN.search(p.stdout)
    return (int(m.group(1)) if m else None), (int(k.group(1)) if k else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("program")
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--max", type=int, default=5000)
    ap.add_argument("--bug", action="append", default=[])
    args = ap.parse_args()
    known = {b[0] for b in BUGS}
    for b in args.bug:
        if b not in known:
            ap.error("unknown bug '%s'; the bugs are: %s"
                     % (b, " ".join(sorted(known))))
    if args.seeds < 1 or args.max < 1:
        ap.error("--seeds and --max take a positive number")

    print("# schedules to the first failure over %d seeds (median, "
          "low-high); '>' = not found in %d" % (args.seeds, args.max))
    print("%-20s %2s %-7s %8s %13s %8s %s" % ("bug", "d", "strategy",
                                               "median", "range", "bound",
                                               "within"))
    worst = 0
    for test, depth, tasks in BUGS:
        if args.bug and test not in args.bug:
            continue
        for strategy in STRATEGIES:
            counts, ks = [], []
            for seed in range(1, args.seeds + 1):
                n, k = first_failure(args.program, test, strategy, seed,
                                     args.max)
                counts.append(n if n is not None else args.max + 1)
                if k:
                    ks.append(k)
            med = statistics.median(counts)
            missed = sum(c > args.max for c in counts)
            bound = within = ""
            if strategy.startswith("pct:") and ks:
                d = int(strategy.split(":")[1])
                if d >= depth:
                    b = tasks * max(ks) ** (d - 1)
                    bound = str(b)
                    within = "yes" if med <= b else "NO"
                    worst |= med > b
                else:
                    within = "(D < d)"
            shown = (">%d" % args.max) if med > args.max else "%g" % med
            if missed == len(counts):
                rng = ">%d" % args.max
            else:
                rng = "%d-%s" % (min(counts), (">%d" % args.max) if missed
                                 else max(counts))
            print("%-20s %2d %-7s %8s %13s %8s %s" % (test, depth, strategy,
                                                        shown, rng, bound,
                                                        within))
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
