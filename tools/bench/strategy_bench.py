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

With --corpus SCRATCH it measures the bug corpus too
(selftests/mm/bugs/, Documentation/mm/bugs.rst): each patch applied to a
copy of this tree with its own TSan build in SCRATCH (scripts/lib/catch.py,
as the corpus check does), the test that catches it under the corpus's
plan then run alone under each strategy, at most --corpus-max schedules a
seed (every schedule is a fork under TSan). A corpus bug's depth is not
known: its bound is PCT's for d <= D, and 'within' says whether pct:D met
it.

Usage: strategy_bench.py KNOWN_BUGS [--seeds N] [--max N] [--bug NAME]...
                         [--corpus SCRATCH [--corpus-max N]]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

SRC = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(
    __file__)), "../.."))
try:
    from lib import catch  # scripts/lib
except ImportError:
    sys.exit("strategy_bench.py: scripts/lib is not importable: run it as "
             "PYTHONPATH=scripts python3 tools/bench/strategy_bench.py ...")

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
# Generous: a known bug's program runs its schedules in seconds.
RUN_TIMEOUT = 3600
TOKEN = re.compile(r"failing schedule pct:\d+:k(\d+)@")


def first_failure(program, test, strategy, seed, most):
    """(schedules to the first failure or None, k of the failing token)"""
    res = catch.run_scheduled(program, None, strategy, seed, most,
                              RUN_TIMEOUT, [test])
    failed = [f for f in res["failures"] if f["test"] != "?"]
    if not failed:
        return None, None
    m = SCHEDULES.search(" ".join(res["fingerprints"]))
    k = TOKEN.search(res["output"])
    return (int(m.group(1)) if m else None), (int(k.group(1)) if k else None)


def row(name, depth, strategy, counts, ks, tasks, most):
    """Prints one line of the table; whether pct missed its bound."""
    med = statistics.median(counts)
    missed = sum(c > most for c in counts)
    bound = within = ""
    if strategy.startswith("pct:") and ks:
        d = int(strategy.split(":")[1])
        if depth is None or d >= depth:
            b = tasks * max(ks) ** (d - 1)
            bound = str(b)
            within = "yes" if med <= b else "NO"
        else:
            within = "(D < d)"
    shown = (">%d" % most) if med > most else "%g" % med
    if missed == len(counts):
        rng = ">%d" % most
    else:
        rng = "%d-%s" % (min(counts), (">%d" % most) if missed
                         else max(counts))
    print("%-20s %2s %-7s %8s %13s %8s %s" % (name, "?" if depth is None
                                               else depth, strategy, shown,
                                               rng, bound, within))
    return within == "NO"


def measure(name, depth, program, test, tasks, seeds, most):
    """One row per strategy for @test of @program; whether pct missed."""
    worst = False
    for strategy in STRATEGIES:
        counts, ks = [], []
        # dfs takes no seed: one run stands for every seed.
        runs = 1 if strategy.startswith("dfs") else seeds
        for seed in range(1, runs + 1):
            n, k = first_failure(program, test, strategy, seed, most)
            counts.append(n if n is not None else most + 1)
            if k:
                ks.append(k)
        worst |= row(name, depth, strategy, counts, ks, tasks, most)
    return worst


def tasks_of(program, found):
    """The tasks of the failing schedule, from a trace of its replay (in
    the output, or in the full report a failing test's output names)."""
    p = subprocess.run([program, "--sched-replay", found["token"],
                        "--sched-trace", "-r", found["test"]],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    text = p.stdout
    for log in re.findall(r"full report in (\S+)", text):
        if os.path.exists(log):
            text += open(log, errors="replace").read()
    steps = re.findall(r"^(?:# )?sched: step \d+ task (\d+) ", text, re.M)
    if not steps:
        raise catch.Error("no --sched-trace in the replay of %s:\n%s" %
                          (found["token"], p.stdout[-2000:]))
    return len(set(steps))


def corpus_patches():
    bugs = os.path.join(SRC, "selftests/mm/bugs")
    return [os.path.join(bugs, p) for p in sorted(os.listdir(bugs))
            if p.endswith(".patch")]


def measure_corpus(scratch, seeds, most):
    """The corpus's rows; whether pct missed its bound on one."""
    ws = catch.Workspace(SRC, scratch)
    ws.prepare()
    worst = False
    for patch in corpus_patches():
        name = os.path.basename(patch)[:4]
        with catch.patched(ws, patch) as why:
            if why:
                print("%-20s: %s" % (name, why.splitlines()[0]))
                worst = True
                continue
            found = catch.run_plan(ws)
            if not found or not found["token"]:
                print("%-20s: not caught by the corpus's plan" % name)
                worst = True
                continue
            program = ws.exe(found["program"])
            worst |= measure(name, None, program, found["test"],
                             tasks_of(program, found), seeds, most)
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("program")
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--max", type=int, default=5000)
    ap.add_argument("--bug", action="append", default=[])
    ap.add_argument("--corpus", metavar="SCRATCH")
    ap.add_argument("--corpus-max", type=int, default=200)
    args = ap.parse_args()
    known = {b[0] for b in BUGS}
    for b in args.bug:
        if b not in known:
            ap.error("unknown bug '%s'; the bugs are: %s"
                     % (b, " ".join(sorted(known))))
    if args.seeds < 1 or args.max < 1 or args.corpus_max < 1:
        ap.error("--seeds, --max and --corpus-max take a positive number")

    print("# schedules to the first failure over %d seeds (median, "
          "low-high); '>' = not found in %d" % (args.seeds, args.max))
    print("%-20s %2s %-7s %8s %13s %8s %s" % ("bug", "d", "strategy",
                                               "median", "range", "bound",
                                               "within"))
    worst = False
    for test, depth, tasks in BUGS:
        if args.bug and test not in args.bug:
            continue
        worst |= measure(test, depth, args.program, "global." + test, tasks,
                         args.seeds, args.max)
    if args.corpus:
        print("# the bug corpus (TSan); '>' = not found in %d"
              % args.corpus_max)
        try:
            worst |= measure_corpus(os.path.abspath(args.corpus), args.seeds,
                                    args.corpus_max)
        except catch.Error as e:
            sys.exit("strategy_bench.py: %s" % e)
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
