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
import sys

from lib import catch  # scripts/lib, on PYTHONPATH (meson.build)

REPLAYS = 10
# A bug of the corpus must fail within this many schedules of the program
# that catches it (a count, so a verdict independent of the machine).
MAX_SCHEDULES = 50
# How a "Pair:" header's test is run under each memory model.
PAIR_STRATEGY = "random"


def pair_of(patch):
    """(program, test) named by the patch's "Pair:" header, or None: a
    test that must pass under sc and fail under lkmm with the patch
    applied (a bug only the memory model shows; the unpatched tree
    passing it under both is the other half of the pair)."""
    for line in open(patch):
        if line.startswith("diff --git"):
            break
        if line.startswith("Pair:"):
            m = re.match(r"Pair:\s+(\w+)\s+(\w+)\s*$", line)
            if not m:
                raise catch.Error("%s: a Pair: header is \"Pair: PROGRAM "
                                  "TEST\", not %r" % (patch, line.strip()))
            if m.group(1) not in catch.PROGRAMS:
                raise catch.Error("%s: Pair: no program %r; the plan runs: "
                                  "%s" % (patch, m.group(1),
                                          " ".join(catch.PROGRAMS)))
            return m.groups()
    return None


def check_pair(ws, program, test):
    """Why the pair does not hold, or None; with what lkmm found."""
    tests = ["global." + test]
    sc = catch.first_failure(ws, program, PAIR_STRATEGY, MAX_SCHEDULES,
                             "sc", tests)
    if sc:
        return "%s fails under sc too (%s: %s)" % (
            test, sc["detector"], sc["report"]), None
    found = catch.first_failure(ws, program, PAIR_STRATEGY, MAX_SCHEDULES,
                                "lkmm", tests)
    if not found:
        return "%s passes under lkmm too (%d schedules of %s)" % (
            test, MAX_SCHEDULES, PAIR_STRATEGY), None
    return None, found


def check_bug(ws, patch, pair):
    """(what caught it, None) or (None, why it counts as not caught);
    @pair: the patch's pair_of()."""
    with catch.patched(ws, patch) as why:
        if why:
            return None, why
        found = catch.run_plan(ws)
        if not found:
            return None, "not caught"
        found["replayed"] = catch.replays_agreeing(ws, found, REPLAYS)
        if pair:
            found["pair"] = pair
            found["pair_broken"], found["pair_found"] = check_pair(ws, *pair)
        return found, None


def report(i, name, found):
    """Prints the result of one caught bug; whether every replay agreed
    and it took at most MAX_SCHEDULES schedules. The seconds are
    information only: a verdict never depends on how fast the machine is
    (tools/bench measures speed)."""
    few = found["schedules"].isdigit() and \
        int(found["schedules"]) <= MAX_SCHEDULES
    ok = found["replayed"] == REPLAYS and few
    print("# %s: caught by %s (%s, --sched %s) with %s after %s "
          "schedule(s)%s, %.1f s; replay: same verdict %d/%d" %
          (name, found["test"], found["program"], found["strategy"],
           found["detector"], found["schedules"],
           "" if few else " (MORE than %d)" % MAX_SCHEDULES,
           found["seconds"], found["replayed"], REPLAYS))
    print("# %s: %s" % (name, found["report"]))
    if found["token"]:
        print("# %s: replay with: %s --sched-replay %s -r %s" %
              (name, "selftests/mm/" + found["program"], found["token"],
               found["test"]))
    if "pair" in found:
        ok = report_pair(name, found) and ok
    print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    return ok


def report_pair(name, found):
    """Prints what the patch's Pair: test did under each model; whether
    it passed under sc and failed under lkmm."""
    program, test = found["pair"]
    if found["pair_broken"]:
        print("# %s: pair %s %s does NOT hold: %s" %
              (name, program, test, found["pair_broken"]))
        return False
    lk = found["pair_found"]
    print("# %s: pair: %s %s passes under sc (%d schedules of %s) and "
          "fails under lkmm after %s schedule(s) with %s" %
          (name, program, test, MAX_SCHEDULES, PAIR_STRATEGY,
           lk["schedules"], lk["detector"]))
    print("# %s: pair: %s" % (name, lk["report"]))
    return True


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
    ws = catch.Workspace(src, scratch)
    try:
        # Every header is read before the long part starts.
        pairs = {p: pair_of(os.path.join(bugs_dir, p)) for p in patches}
        ws.prepare()
        catch.check_baseline(ws)
    except catch.Error as e:
        sys.exit("check_bugs.py: %s" % e)
    print("TAP version 13")
    print("1..%d" % len(patches))
    bad = 0
    for i, p in enumerate(patches, 1):
        name = p[:-len(".patch")]
        found, why = check_bug(ws, os.path.join(bugs_dir, p), pairs[p])
        if found:
            bad += not report(i, name, found)
            continue
        bad += 1
        print("# %s: %s" % (name, why.replace("\n", "\n# ")))
        print("not ok %d %s" % (i, name))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
