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
import sys

from lib import catch  # scripts/lib, on PYTHONPATH (meson.build)

REPLAYS = 10
# A bug of the corpus must fail within this many schedules of the program
# that catches it (a count, so a verdict independent of the machine).
MAX_SCHEDULES = 50


def check_bug(ws, patch):
    """(what caught it, None) or (None, why it counts as not caught)."""
    with catch.patched(ws, patch) as why:
        if why:
            return None, why
        found = catch.run_plan(ws)
        if not found:
            return None, "not caught"
        found["replayed"] = catch.replays_agreeing(ws, found, REPLAYS)
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
    print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    return ok


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
        ws.prepare()
        catch.check_baseline(ws)
    except catch.Error as e:
        sys.exit("check_bugs.py: %s" % e)
    print("TAP version 13")
    print("1..%d" % len(patches))
    bad = 0
    for i, p in enumerate(patches, 1):
        name = p[:-len(".patch")]
        found, why = check_bug(ws, os.path.join(bugs_dir, p))
        if found:
            bad += not report(i, name, found)
            continue
        bad += 1
        print("# %s: %s" % (name, why.replace("\n", "\n# ")))
        print("not ok %d %s" % (i, name))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
