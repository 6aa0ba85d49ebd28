#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""What the LKMM model costs: dfs schedules per second on the same litmus
tests with --memory-model sc and lkmm, in one run, rounds alternating.

Usage: litmus_bench.py BUILD_DIR FILE.litmus... [--schedules N] [--rounds N]

Builds the tests as scripts/litmus does (in BUILD_DIR/litmus-gen), then
runs each test's first N dfs schedules under each model, ROUNDS times,
and prints per test the median schedules/s of each model, the spread
(max-min over median) and the lkmm/sc ratio; then the totals.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))


def main(argv):
    p = argparse.ArgumentParser(prog="litmus_bench.py")
    p.add_argument("build")
    p.add_argument("files", nargs="+")
    p.add_argument("--schedules", type=int, default=5000)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args(argv)
    if a.schedules < 1 or a.rounds < 1:
        p.error("--schedules and --rounds want positive counts")
    r = subprocess.run([os.path.join(SRC, "scripts/litmus"), "--build",
                        a.build, "--out-dir",
                        os.path.join(a.build, "litmus-bench-out")] + a.files,
                       capture_output=True, text=True)
    if r.returncode:
        sys.exit("litmus_bench: scripts/litmus failed:\n" + r.stderr)
    exe = os.path.join(os.path.abspath(a.build), "litmus-gen", "litmus_run")
    names = [line.split()[0] for line in r.stdout.splitlines()[1:-1]]
    rates = {(n, m): [] for n in names for m in ("sc", "lkmm")}
    for _ in range(a.rounds):
        for n in names:
            for m in ("sc", "lkmm"):
                out = subprocess.run([exe, "--memory-model", m,
                                      "--schedules", str(a.schedules), n],
                                     capture_output=True, text=True,
                                     check=True).stdout
                res = json.loads(out.strip().splitlines()[-1])
                rates[(n, m)].append(res["schedules"] /
                                     max(res["seconds"], 1e-6))
    print("%-56s %12s %7s %12s %7s %6s" % ("test", "sc sched/s", "spread",
                                           "lkmm sched/s", "spread",
                                           "ratio"))
    ratios = []
    for n in names:
        med = {m: statistics.median(rates[(n, m)]) for m in ("sc", "lkmm")}
        spread = {m: (max(rates[(n, m)]) - min(rates[(n, m)])) / med[m]
                  for m in ("sc", "lkmm")}
        ratios.append(med["lkmm"] / med["sc"])
        print("%-56s %12.0f %6.0f%% %12.0f %6.0f%% %6.2f" %
              (n, med["sc"], 100 * spread["sc"], med["lkmm"],
               100 * spread["lkmm"], ratios[-1]))
    print("# %d tests, %d schedules each, %d rounds: lkmm/sc median "
          "ratio %.2f (min %.2f, max %.2f)" %
          (len(names), a.schedules, a.rounds, statistics.median(ratios),
           min(ratios), max(ratios)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
