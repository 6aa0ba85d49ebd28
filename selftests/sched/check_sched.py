#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""What the deterministic scheduler promises, checked end to end (TAP):

- replay: a failing schedule's token, replayed 100 times, gives 100
  identical outputs (verdict, diagnostics, fingerprint, event trace);
- fingerprints: 10 reruns of the same program, test, seed and strategy
  print 10 identical fingerprint lines (the stress test and this suite);
- dfs: the small test's schedule counts for preemption bounds 0, 1, 2;
- TSan (in the TSan build): in a copy of the tree where a race is TSan's
  to find (vma_lock_init()'s store made the plain store upstream has, the
  kernel's data-race policy off), the test that finds it, run 100 times
  from one seed, gives 100 identical fingerprints, and its failing token,
  replayed 100 times, 100 identical TSan reports, with logs in
  directories of 40 name lengths. Before tasks were fibers with a task 0
  of its own, what TSan reported followed the name's length.

Usage: check_sched.py SCHED_TEST SCHED_DEMO_TEST VMA_STRESS_TEST SOURCE_ROOT
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

from lib import catch  # scripts/lib, on PYTHONPATH (meson.build)

REPLAYS = 100
RERUNS = 10
# dfs_two_tasks: schedules that exhaust each preemption bound. K=0 is
# derived in Documentation/dev-tools/sched.rst; 1 and 2 pin the explorer.
DFS_COUNTS = {0: 4, 1: 33, 2: 226}


def run(args, with_logs=False, log_name=""):
    """@args run with their logs in a fresh directory (@log_name below a
    temporary one, if given: its length changes what the harness does
    before the test, as a pid or a path differs between machines)."""
    with tempfile.TemporaryDirectory() as tmp:
        logs = os.path.join(tmp, log_name) if log_name else tmp
        p = subprocess.run(args + ["--log-dir", logs], capture_output=True,
                           text=True, timeout=300)
        out = normalize(p.stdout, logs)
        if not with_logs:
            return p.returncode, out
        text = "".join(open(f).read() for f in sorted(
            glob.glob(os.path.join(logs, "**", "*.log"), recursive=True)))
        return p.returncode, out, normalize(text, logs)


def log_name(i):
    return "d" * (i % 40 + 1)


def normalize(text, logs):
    """Drop what differs between identical runs: paths, pids, addresses."""
    text = text.replace(logs, "LOGS")
    text = re.sub(r"0x[0-9a-f]+|[0-9a-f]{12,16}\b(?=[ )])", "ADDR", text)
    text = re.sub(r"(pid|tid)=\d+", r"\1=N", text)
    text = re.sub(r"\.\d+/", ".PID/", text)  # the log directory's name
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

    def skip(self, name, why):
        self.n += 1
        print(f"ok {self.n} {name} # SKIP {why}")


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


# The race: a stale reader's atomic load of vm_lock_seq against the plain
# store that reinitializes the reused VMA.
RACE_FILE = "mm/include/linux/mmap_lock.h"
RACE_MARKED = "WRITE_ONCE(vma->vm_lock_seq, UINT_MAX);"
RACE_PLAIN = "vma->vm_lock_seq = UINT_MAX;"
RACE_TEST = "vma.reader_racing_the_reuse_sees_the_new_owners_set_up"


def race_tree(src, root):
    """vma_lock_test built, with TSan, from a copy of @src with the race."""
    tree = os.path.join(root, "src")
    build = os.path.join(root, "build")
    catch.copy_tree(src, tree)
    path = os.path.join(tree, RACE_FILE)
    text = open(path).read()
    if RACE_MARKED not in text:
        raise catch.Error(f"{RACE_FILE} has no '{RACE_MARKED}' any more")
    catch.put_text(path, text.replace(RACE_MARKED, RACE_PLAIN, 1))
    catch.setup_build(build, tree, ["-Dkcsan_assume_plain_writes_atomic=false"])
    r = catch.run(["ninja", "-C", build, "selftests/mm/vma_lock_test"])
    if r.returncode:
        raise catch.Error("the copy does not build:\n" + r.stdout[-3000:])
    return os.path.join(build, "selftests/mm/vma_lock_test")


def tsan_reports(log):
    return [l for l in log.splitlines()
            if l.startswith(("WARNING: ThreadSanitizer", "  ", "SUMMARY:"))]


def check_tsan(tap, src):
    names = ["TSan: 100 runs from one seed give one fingerprint",
             "TSan: 100 replays give one report"]
    if os.environ.get("VMALOCK_BUILD_FLAVOR") != "tsan":
        for name in names:
            tap.skip(name, "not a TSan build")
        return
    with tempfile.TemporaryDirectory() as root:
        try:
            exe = race_tree(src, root)
        except catch.Error as e:
            for name in names:
                tap.result(False, name, str(e))
            return
        check_tsan_runs(tap, names, exe)


def check_tsan_runs(tap, names, exe):
    seen = {}
    token = None
    for i in range(REPLAYS):
        code, out = run([exe, "--seed", "1", "--sched", "pct", "-r",
                         RACE_TEST], log_name=log_name(i))
        key = "\n".join(fingerprints(out))
        seen[key] = seen.get(key, 0) + 1
        m = re.search(r"failing schedule (\S+);", out)
        if code == 0 or "ThreadSanitizer: data race" not in out or not m:
            tap.result(False, names[0], f"run {i} found no race:\n{out}")
            tap.result(False, names[1])
            return
        token = m.group(1)
    tap.result(len(seen) == 1, names[0],
               "\n".join(f"{n} x {k}" for k, n in seen.items()))
    reports = {}
    for i in range(REPLAYS):
        code, _, log = run([exe, "--sched-replay", token, "-r", RACE_TEST],
                           with_logs=True, log_name=log_name(i))
        key = "\n".join(tsan_reports(log))
        reports[key] = reports.get(key, 0) + 1
    only = next(iter(reports))
    tap.result(len(reports) == 1 and "WARNING: ThreadSanitizer: data race"
               in only, names[1] + f" ({token})",
               "\n\n".join(f"{n} x:\n{k}" for k, n in reports.items()))


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    sched_test, demo, stress, src = sys.argv[1:]
    tap = Tap(2 + 2 + len(DFS_COUNTS) + 2)
    check_replay(tap, demo)
    check_fingerprints(tap, "vma_stress_test --sched pct",
                       [stress, "--seed", "7", "--sched", "pct",
                        "--sched-runs", "1"])
    check_fingerprints(tap, "sched_test --sched random",
                       [sched_test, "--seed", "3", "--sched", "random",
                        "--sched-runs", "3"])
    check_dfs(tap, sched_test)
    check_tsan(tap, src)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
