#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""What the deterministic scheduler promises, checked end to end (TAP):

- replay: a failing schedule's token, replayed 100 times, gives 100
  identical outputs (verdict, diagnostics, fingerprint, event trace);
- fingerprints: 10 reruns of the same program, test, seed and strategy
  print 10 identical fingerprint lines (the stress test and this suite);
- dfs: the small test's schedule counts for preemption bounds 0, 1, 2.

Usage: check_sched.py SCHED_TEST SCHED_DEMO_TEST VMA_STRESS_TEST
"""
import re
import subprocess
import sys
import tempfile

REPLAYS = 100
RERUNS = 10
# dfs_two_tasks: schedules that exhaust each preemption bound. K=0 is
# derived in Documentation/dev-tools/sched.rst; 1 and 2 pin the explorer.
DFS_COUNTS = {0: 4, 1: 33, 2: 226}


def run(args):
    with tempfile.TemporaryDirectory() as logs:
        p = subprocess.run(args + ["--log-dir", logs], capture_output=True,
                           text=True, timeout=300)
        return p.returncode, normalize(p.stdout, logs)


def normalize(text, logs):
    """Drop what differs between identical runs: paths, pids, addresses."""
    text = text.replace(logs, "LOGS")
    text = re.sub(r"0x[0-9a-f]+|[0-9a-f]{12,16}\b(?=[ )])", "ADDR", text)
    text = re.sub(r"(pid|tid)=\d+", r"\1=N", text)
    return text


class Tap:
    def __init__(self, total):
        self.n = 0
        self.failed = 0
        print("TAP version 13")
        print(f"1..{total}")

    def result(self, ok, name, why=""):
        self.n += 1
        if not ok:
            self.failed += 1
            for line in why.splitlines()[:40]:
                print(f"# {line}")
        print(f"{'ok' if ok else 'not ok'} {self.n} {name}")


def check_replay(tap, demo):
    code, out = run([demo, "--seed", "1", "--sched", "random",
                     "--sched-runs", "500", "-r", "global.lost_update"])
    m = re.search(r"failing schedule (\S+);", out)
    if code == 0 or not m:
        tap.result(False, "replay: a failing schedule is found", out)
        tap.result(False, "replay: 100 replays are identical")
        return
    tap.result(True, "replay: a failing schedule is found")
    token = m.group(1)
    cmd = [demo, "--seed", "1", "--sched-replay", token, "--sched-trace",
           "-r", "global.lost_update"]
    first = None
    for i in range(REPLAYS):
        code, out = run(cmd)
        if first is None:
            first = out
            if code == 0 or "not ok 1" not in out or "sched: step" not in out:
                tap.result(False, "replay: 100 replays are identical",
                           "the replay did not fail with a trace:\n" + out)
                return
        elif out != first:
            tap.result(False, "replay: 100 replays are identical",
                       f"replay {i} differs:\n--- first\n{first}\n--- now\n{out}")
            return
    tap.result(True, f"replay: {REPLAYS} replays of {token} are identical")


def fingerprints(out):
    return [l for l in out.splitlines() if l.startswith("# fingerprint:")]


def check_fingerprints(tap, name, cmd):
    first = None
    for i in range(RERUNS):
        code, out = run(cmd)
        fps = fingerprints(out)
        if code != 0 or not fps:
            tap.result(False, f"fingerprints: {name}", out)
            return
        if first is None:
            first = fps
        elif fps != first:
            tap.result(False, f"fingerprints: {name}",
                       "\n".join(["first:"] + first + [f"rerun {i}:"] + fps))
            return
    tap.result(True, f"fingerprints: {RERUNS} reruns of {name} are identical")


def check_dfs(tap, sched_test):
    for k, want in DFS_COUNTS.items():
        code, out = run([sched_test, "--sched", f"dfs:{k}",
                         "-r", "global.dfs_two_tasks"])
        m = re.search(r"exhausted after (\d+) schedules", out)
        got = int(m.group(1)) if m else None
        tap.result(code == 0 and got == want,
                   f"dfs:{k} exhausts dfs_two_tasks in {want} schedules",
                   f"got {got}:\n{out}")


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    sched_test, demo, stress = sys.argv[1:]
    tap = Tap(2 + 2 + len(DFS_COUNTS))
    check_replay(tap, demo)
    check_fingerprints(tap, "vma_stress_test --sched pct",
                       [stress, "--seed", "7", "--sched", "pct",
                        "--sched-runs", "2"])
    check_fingerprints(tap, "sched_test --sched random",
                       [sched_test, "--seed", "3", "--sched", "random",
                        "--sched-runs", "3"])
    check_dfs(tap, sched_test)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
