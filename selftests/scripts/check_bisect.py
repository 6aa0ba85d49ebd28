#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""scripts/bisect end to end, on a kernel tree's history made here: this
tree's lock files laid out as a kernel tree, in commits that cross from
the 6.15 era (the fixture in selftests/mm/kernel_trees) to the 7.0 era,
with harmless changes, a commit that does not build (and its fix), one
that turns VMA_LOCK_MISS retries into aborts (every test still passes)
and one that plants a bug (detach stops waiting for transient readers).

Checks that scripts/bisect names the planted bug, and with --behaviour
the planted behaviour change, each twice with identical output; that the
unbuildable commit is skipped; and that a commit whose verdict changes
from one run to the next stops the bisection as flaky, naming the seed.

Usage: check_bisect.py SOURCE_ROOT SCRATCH_DIR
Prints TAP.
       check_bisect.py --history SOURCE_ROOT DIR
Only makes the history in DIR (Documentation/porting.rst bisects it).
"""
import os
import re
import shutil
import subprocess
import sys

import tap  # selftests/scripts/tap.py

HEADER = "include/linux/mmap_lock.h"
SOURCE = "mm/mmap_lock.c"
# One test that catches the planted bug, one whose schedules meet
# VMA_LOCK_MISS (a reader finding a VMA detached after the lookup).
BUG_TEST = "vma_lock_test:vma.detach_waits_for_transient_readers"
MISS_TEST = "vma_lock_test:vma.reader_racing_the_reuse_sees_the_new_owners_set_up"
COMMON = ["--flavour", "plain", "--seeds", "1,2", "--runs", "10"]


class History:
    """A git repository laid out as a kernel tree, one commit at a time,
    with fixed names and dates: the same history has the same hashes."""

    def __init__(self, path):
        self.path = path
        self.n = 0
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        self.git("init", "-q", "-b", "master")

    def git(self, *args):
        stamp = "2026-01-01T00:00:%02d+0000" % self.n
        env = dict(os.environ, GIT_AUTHOR_NAME="A U Thor",
                   GIT_AUTHOR_EMAIL="author@example.org",
                   GIT_COMMITTER_NAME="A U Thor",
                   GIT_COMMITTER_EMAIL="author@example.org",
                   GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        r = subprocess.run(["git", "-C", self.path] + list(args), env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        if r.returncode:
            raise RuntimeError("git %s: %s" % (" ".join(args), r.stdout))
        return r.stdout.strip()

    def read(self, rel):
        return open(os.path.join(self.path, rel)).read()

    def write(self, rel, text):
        os.makedirs(os.path.dirname(os.path.join(self.path, rel)),
                    exist_ok=True)
        with open(os.path.join(self.path, rel), "w") as f:
            f.write(text)

    def edit(self, rel, old, new):
        text = self.read(rel)
        if old not in text:
            raise RuntimeError("%s: no %r to change" % (rel, old))
        self.write(rel, text.replace(old, new, 1))

    def commit(self, subject):
        self.n += 1
        self.git("add", "-A")
        self.git("commit", "-q", "-m", subject)
        return self.git("rev-parse", "--short", "HEAD")


def harmless(h, n):
    h.edit(SOURCE, "#include <linux/mm.h>\n",
           "#include <linux/mm.h>\n/* Harmless change %d. */\n" % n)
    return h.commit("mm: harmless change %d" % n)


def plant_bug(h):
    """vma_mark_detached() returns without waiting for transient readers."""
    h.edit(HEADER, "\t\treturn;\n\t__vma_exclude_readers_for_detach(vma);\n",
           "\t\treturn;\n")


def make_history(src, path):
    """The history; returns {name: short hash} of its commits."""
    h = History(path)
    c = {}
    fixture = os.path.join(src, "selftests/mm/kernel_trees/6.15-like")
    for rel in (HEADER, SOURCE):
        h.write(rel, open(os.path.join(fixture, rel)).read())
    c["6.15"] = h.commit("mm: the per-VMA lock, 6.15 era")
    c["h1"] = harmless(h, 1)
    h.write(HEADER, open(os.path.join(src, "mm/include/linux",
                                      "mmap_lock.h")).read())
    h.write(SOURCE, open(os.path.join(src, SOURCE)).read())
    c["7.0"] = h.commit("mm: the per-VMA lock, 7.0 era")
    c["h2"] = harmless(h, 2)
    c["h3"] = harmless(h, 3)
    # Where the bisection's first step lands: it must skip it.
    h.edit(SOURCE, "#include <linux/mm.h>\n",
           "#include <linux/mm.h>\nthis does not compile;\n")
    c["broken"] = h.commit("mm: a commit that does not build")
    h.edit(SOURCE, "this does not compile;\n", "")
    c["fixed"] = h.commit("mm: fix the build")
    h.edit(SOURCE, "retry:\n\trcu_read_lock();", "\trcu_read_lock();")
    h.edit(SOURCE, "\t\t\tmas_set(&mas, address);\n\t\t\tgoto retry;",
           "\t\t\tgoto inval;")
    c["behaviour"] = h.commit("mm: count a detached VMA as an abort, "
                              "do not retry")
    c["h4"] = harmless(h, 4)
    plant_bug(h)
    c["bug"] = h.commit("mm: detach without waiting for transient readers")
    c["h5"] = harmless(h, 5)
    c["h6"] = harmless(h, 6)

    # A side branch from the 7.0 commit: two commits whose verdict
    # depends on a file left by the previous run (the first run of a
    # program fails with a WARN, later ones pass), then the bug.
    h.git("checkout", "-q", "-b", "flaky", c["7.0"])
    h.edit(HEADER, "static inline void vma_mark_detached(struct "
           "vm_area_struct *vma)\n{\n",
           "static inline void vma_mark_detached(struct vm_area_struct "
           "*vma)\n{\n\tplanted_first_run_warns();\n")
    h.edit(HEADER, "void __vma_exclude_readers_for_detach(",
           "#include <fcntl.h>\n#include <stdlib.h>\n#include <unistd.h>\n"
           "static inline void planted_first_run_warns(void)\n{\n"
           "\tconst char *mark = getenv(\"VMALOCK_PLANTED_MARK\");\n\n"
           "\tif (mark && access(mark, F_OK)) {\n"
           "\t\tclose(creat(mark, 0600));\n"
           "\t\tWARN(1, \"planted: the first run warns\");\n\t}\n}\n\n"
           "void __vma_exclude_readers_for_detach(")
    c["flaky"] = h.commit("mm: a verdict that depends on the last run")
    c["flaky2"] = harmless(h, 7)
    h.edit(HEADER, "\tplanted_first_run_warns();\n", "")
    plant_bug(h)
    c["flaky-bug"] = h.commit("mm: deterministic again, with the bug")
    h.git("checkout", "-q", "master")
    return c


def bisect(src, scratch, ktree, *args, env=None):
    p = subprocess.run([os.path.join(src, "scripts/bisect"),
                        "--kernel-tree", ktree, "--scratch", scratch] +
                       COMMON + list(args), cwd=scratch, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return p.returncode, p.stdout


def main():
    if sys.argv[1:2] == ["--history"] and len(sys.argv) == 4:
        c = make_history(os.path.abspath(sys.argv[2]),
                         os.path.abspath(sys.argv[3]))
        print("\n".join("%-10s %s" % (k, v) for k, v in c.items()))
        return 0
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, scratch = map(os.path.abspath, sys.argv[1:3])
    os.makedirs(scratch, exist_ok=True)
    ktree = os.path.join(scratch, "linux")
    c = make_history(src, ktree)
    checks = []

    def check(ok, name, detail):
        checks.append((ok, name, detail))

    outs = [bisect(src, scratch, ktree, c["6.15"], c["h6"], "--", BUG_TEST)
            for _ in range(2)]
    code, out = outs[0]
    check(code == 0 and re.search(r"^first bad commit: %s mm: detach "
                                  r"without waiting" % c["bug"], out, re.M),
          "a test-failure bisection from the 6.15 era names the planted "
          "bug", out)
    check(re.search(r"^  %s --seed \d fails \(assertion\): " %
                    re.escape(BUG_TEST), out, re.M) is not None,
          "and says which test caught it, with which detector", out)
    check(outs[0] == outs[1], "twice, with identical output",
          "first:\n%s\nsecond:\n%s" % (outs[0][1], outs[1][1]))
    skipped = re.findall(r"^step \d+: (\w+) .*: skip \(does not build",
                         out, re.M)
    check(skipped == [c["broken"]],
          "a commit that does not build is skipped, not marked bad", out)

    outs = [bisect(src, scratch, ktree, "--behaviour", c["7.0"], c["h4"],
                   "--", MISS_TEST) for _ in range(2)]
    code, out = outs[0]
    check(code == 0 and re.search(r"^first behaviour change: %s mm: count "
                                  r"a detached VMA" % c["behaviour"], out,
                                  re.M),
          "a behaviour bisection names the planted behaviour change", out)
    misses = re.findall(r"^  vma_lock_miss +(\d+) +(\d+) +\*$", out, re.M)
    check(len(misses) == 2 and all(int(b) < int(g) for g, b in misses),
          "and shows the two fingerprints side by side (fewer misses)",
          out)
    check(outs[0] == outs[1], "twice, with identical output",
          "first:\n%s\nsecond:\n%s" % (outs[0][1], outs[1][1]))

    mark = os.path.join(scratch, "planted-mark")
    env = dict(os.environ, VMALOCK_PLANTED_MARK=mark)
    if os.path.exists(mark):
        os.unlink(mark)
    code, out = bisect(src, scratch, ktree, c["7.0"], c["flaky-bug"], "--",
                       BUG_TEST, env=env)
    check(code == 3 and re.search(r"^flaky: vma_lock_test seed=1$", out,
                                  re.M) and "first bad commit" not in out,
          "a verdict that changes on a rerun stops the bisection as "
          "flaky, naming the seed", out)

    code, out = bisect(src, scratch, ktree, c["7.0"], c["h1"], "--",
                       BUG_TEST)
    check(code == 2 and "is not an ancestor of BAD" in out,
          "GOOD must be an ancestor of BAD", out)
    code, out = bisect(src, scratch, ktree, c["bug"], c["h6"], "--",
                       BUG_TEST)
    check(code == 2 and re.search(r"GOOD %s .* fails %s" % (
        c["bug"], re.escape(BUG_TEST)), out),
        "a GOOD that fails is refused, with the failure", out)
    code, out = bisect(src, scratch, ktree, c["7.0"], c["h6"], "--",
                       "vma_lock_test:vma.no_such_test")
    check(code == 2 and "matches no test" in out,
          "a test name that matches nothing is an error", out)
    return tap.print_checks(checks)


if __name__ == "__main__":
    sys.exit(main())
