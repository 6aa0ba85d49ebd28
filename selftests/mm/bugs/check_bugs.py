#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Is every bug of the corpus caught, every time?

For each patch in selftests/mm/bugs/ (a bug the design threads found,
re-created against our mm/mmap_lock.c and <linux/mmap_lock.h>): apply it
to a copy of the tree, rebuild the copy's TSan build (only what the patch
touches is recompiled), run the mm and stress programs under the
deterministic scheduler with fixed seeds, and report which test caught it,
with which detector, after how many schedules and seconds, and whether
replaying the failing schedule gives the same verdict every time.

Usage: check_bugs.py SOURCE_ROOT SCRATCH_DIR [BUG...]
  BUG: a patch name (or a prefix such as 0004); default: all.
Prints TAP, one result per bug; exit 1 if a bug was not caught
deterministically. The copy and its build stay in SCRATCH_DIR, so a rerun
only rebuilds what changed.
"""
import os
import re
import shutil
import subprocess
import sys
import time

# What runs, in order, until one fails: (program, strategy, schedules).
# Fixed seeds: a verdict is a function of the tree.
PLAN = [
    ("vma_lock_test", "pct", 20),
    ("vma_lock_test", "random", 20),
    ("vma_sched_test", "pct", 50),
    ("fault_test", "pct", 20),
    ("vma_stress_test", "pct", 10),
    ("vma_stress_test", "random", 10),
]
PROGRAMS = sorted({p for p, _, _ in PLAN})
SEED = "1"
REPLAYS = 10
TIME_GOAL = 30.0

# The first line of a failing test's diagnostics names the detector.
DETECTORS = [
    ("TSan", re.compile(r"ThreadSanitizer")),
    ("ASan", re.compile(r"AddressSanitizer|LeakSanitizer")),
    ("lockdep", re.compile(r"WARNING: (possible|inconsistent|bad unlock|"
                           r"suspicious|lock held)")),
    ("hang report", re.compile(r"INFO: task .* blocked|deadlock|"
                               r"soft lockup|livelock|TIMEOUT")),
    ("WARN", re.compile(r"WARNING: CPU|WARNING: at|refcount_t:|BUG:")),
    ("assertion", re.compile(r"EXPECT_|ASSERT_|Expected ")),
]


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kw)


def put_file(src, dst):
    """Copies @src's contents to @dst with a new mtime: ninja must see every
    change, including a restore to an older version (copy2 would keep the
    old mtime and leave a patched object in the build)."""
    shutil.copyfile(src, dst)
    shutil.copymode(src, dst)


def copy_tree(src, dst):
    """@src as git sees it (tracked and new files, not ignored ones)."""
    listed = run(["git", "-C", src, "ls-files", "-z", "--cached", "--others",
                  "--exclude-standard"])
    if listed.returncode:
        sys.exit("check_bugs.py: %s is not a git work tree (the copy is what "
                 "git lists):\n%s" % (src, listed.stdout))
    files = listed.stdout.split("\0")
    for f in filter(None, files):
        s, d = os.path.join(src, f), os.path.join(dst, f)
        if not os.path.isfile(s):
            continue
        os.makedirs(os.path.dirname(d), exist_ok=True)
        if (not os.path.exists(d) or
                open(s, "rb").read() != open(d, "rb").read()):
            put_file(s, d)


def setup_build(tree, build):
    if os.path.exists(os.path.join(build, "build.ninja")):
        return
    env = dict(os.environ, CC="clang-19", CXX="clang++-19")
    r = run(["meson", "setup", build, tree, "-Db_sanitize=thread",
             "-Db_lundef=false", "-Dwerror=true"], env=env)
    if r.returncode:
        sys.exit("meson setup failed:\n" + r.stdout[-3000:])


def build(build_dir):
    targets = ["selftests/mm/" + p for p in PROGRAMS]
    return run(["ninja", "-C", build_dir] + targets)


def classify(output):
    """(detector, the diagnostic line that names it) of a failing test."""
    diag = [line[2:] for line in output.splitlines() if line.startswith("# ")]
    for name, pattern in DETECTORS:
        for line in diag:
            if pattern.search(line):
                return name, re.sub(r" \(pid=\d+\)", "", line.strip())
    return "assertion", diag[-1].strip() if diag else "?"


def detector(output):
    return classify(output)[0]


def first_failure(build_dir, program, strategy, runs):
    """Runs @program; None, or what its first failing test printed."""
    exe = os.path.join(build_dir, "selftests/mm", program)
    cmd = [exe, "--seed", SEED, "--sched", strategy, "--sched-runs",
           str(runs)]
    r = run(cmd, cwd=build_dir, timeout=600)
    failed = re.search(r"^not ok \d+ (\S+)", r.stdout, re.M)
    if not failed:
        return None
    test = failed.group(1)
    own = "\n".join(line for line in r.stdout.splitlines()
                    if test.split(".")[-1] in line)
    replay = re.search(r"failing schedule (\S+); replay with: (.+)$", own,
                       re.M)
    schedules = re.search(r"fingerprint: %s .*schedules=(\d+)" %
                          re.escape(test), r.stdout)
    return {
        "test": test,
        "program": program,
        "strategy": strategy,
        "detector": classify(own)[0],
        "schedules": schedules.group(1) if schedules else "?",
        "token": replay.group(1) if replay else None,
        "report": classify(own)[1],
    }


def replays_agreeing(build_dir, found):
    """How many of REPLAYS replays of the failing schedule fail the same
    test with the same detector."""
    if not found["token"]:
        return 0
    exe = os.path.join(build_dir, "selftests/mm", found["program"])
    same = 0
    for _ in range(REPLAYS):
        r = run([exe, "--sched-replay", found["token"], "-r",
                 found["test"]], cwd=build_dir, timeout=600)
        same += bool(re.search(r"^not ok ", r.stdout, re.M) and
                     detector(r.stdout) == found["detector"])
    return same


def run_plan(build_dir):
    """The first failure of the plan, or None."""
    for program, strategy, runs in PLAN:
        found = first_failure(build_dir, program, strategy, runs)
        if found:
            return found
    return None


def baseline(build_dir):
    """The unpatched tree must pass the plan, or no verdict means much."""
    b = build(build_dir)
    if b.returncode:
        sys.exit("check_bugs.py: the unpatched tree does not build:\n" +
                 b.stdout[-2000:])
    found = run_plan(build_dir)
    if found:
        sys.exit("check_bugs.py: the unpatched tree fails %s (%s): %s" %
                 (found["test"], found["program"], found["report"]))


def patch_files(patch):
    return re.findall(r"^\+\+\+ b/(\S+)$", open(patch).read(), re.M)


def check_bug(src, tree, build_dir, patch):
    for f in patch_files(patch):
        put_file(os.path.join(src, f), os.path.join(tree, f))
    # No fuzz: a patch whose context moved must be refreshed, not applied
    # somewhere else.
    r = run(["patch", "-p1", "--fuzz=0", "--no-backup-if-mismatch", "-i",
             patch],
            cwd=tree)
    if r.returncode:
        return None, "patch does not apply:\n" + r.stdout
    try:
        b = build(build_dir)
        if b.returncode:
            return None, "build failed:\n" + b.stdout[-2000:]
        start = time.monotonic()
        found = run_plan(build_dir)
        if not found:
            return None, "not caught (%.1f s)" % (time.monotonic() - start)
        found["seconds"] = time.monotonic() - start
        found["replayed"] = replays_agreeing(build_dir, found)
        return found, None
    finally:
        for f in patch_files(patch):
            put_file(os.path.join(src, f), os.path.join(tree, f))


def main(argv):
    if len(argv) < 3 or argv[1].startswith("-"):
        sys.exit(__doc__)
    src, scratch = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    bugs_dir = os.path.join(src, "selftests/mm/bugs")
    if not os.path.isdir(bugs_dir):
        sys.exit("check_bugs.py: %s is not a vmalock source tree (no "
                 "selftests/mm/bugs/)" % src)
    patches = sorted(p for p in os.listdir(bugs_dir) if p.endswith(".patch"))
    wanted = argv[3:]
    for w in wanted:
        if not any(p.startswith(w) for p in patches):
            sys.exit("check_bugs.py: no bug %r; the corpus has:\n  %s" %
                     (w, "\n  ".join(patches)))
    if wanted:
        patches = [p for p in patches if any(p.startswith(w) for w in wanted)]
    tree, build_dir = os.path.join(scratch, "src"), os.path.join(scratch,
                                                                 "build")
    os.makedirs(tree, exist_ok=True)
    copy_tree(src, tree)
    setup_build(tree, build_dir)
    baseline(build_dir)
    print("TAP version 13")
    print("1..%d" % len(patches))
    bad = 0
    for i, p in enumerate(patches, 1):
        name = p[:-len(".patch")]
        found, why = check_bug(src, tree, build_dir, os.path.join(bugs_dir, p))
        if not found:
            bad += 1
            print("# %s: %s" % (name, why.replace("\n", "\n# ")))
            print("not ok %d %s" % (i, name))
            continue
        ok = found["replayed"] == REPLAYS and found["seconds"] < TIME_GOAL
        print("# %s: caught by %s (%s, --sched %s) with %s after %s "
              "schedule(s), %.1f s%s; replay: same verdict %d/%d" %
              (name, found["test"], found["program"], found["strategy"],
               found["detector"], found["schedules"], found["seconds"],
               "" if found["seconds"] < TIME_GOAL else
               " (OVER the %.0f s goal)" % TIME_GOAL,
               found["replayed"], REPLAYS))
        print("# %s: %s" % (name, found["report"]))
        print("# %s: replay with: %s --sched-replay %s -r %s" %
              (name, "selftests/mm/" + found["program"], found["token"],
               found["test"]))
        bad += not ok
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
