#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""scripts/mutate end to end, on our lock files, with two operators (their
mutants in vma_refcount_put() and __vma_start_exclude_readers()): the
deleted wake-up is killed (by a hang report), the deleted lock_stat call
survives and is listed with its diff, and listing it as equivalent takes
it out of the score; the same mutants run in two shards (--shard, --json)
and merged (--merge) give the same report. A mutant id it does not know
is an error.

Usage: check_mutate.py SOURCE_ROOT SCRATCH_DIR
Prints TAP.
"""
import os
import re
import subprocess
import sys

import tap  # selftests/scripts/tap.py
import tempfile


def mutate(src, scratch, *args):
    p = subprocess.run([os.path.join(src, "scripts/mutate"), "-j", "1",
                        "--scratch", scratch] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def main():
    src, scratch = sys.argv[1:3]
    checks = []

    def check(ok, name, detail):
        checks.append((ok, name, detail))

    # The two functions the checks are about, not every mutant of the two
    # operators: each survivor costs a whole plan of TSan runs.
    ops = "delete-wakeup,delete-lockdep"
    code, out, err = mutate(src, scratch, "--list", "--operators", ops)
    chosen = re.findall(r"^(\S+:(?:vma_refcount_put:delete-wakeup|"
                        r"__vma_start_exclude_readers:delete-lockdep)@\S+)$",
                        out, re.M)
    check(code == 0 and len(chosen) >= 2,
          "--list names the mutants of the two functions", out + err[-2000:])
    only = [w for i in chosen for w in ("--only", i)]
    tmp = tempfile.mkdtemp()
    with tempfile.NamedTemporaryFile("w", suffix=".equivalent") as none:
        code, out, err = mutate(src, scratch, "--equivalent", none.name,
                                "--operators", ops, "--json",
                                os.path.join(tmp, "whole.json"), *only)
        # The same mutants in two shards, merged: the same report.
        for i in (1, 2):
            mutate(src, scratch, "--equivalent", none.name, "--operators",
                   ops, "--shard", "%d/2" % i, "--json",
                   os.path.join(tmp, "shard%d.json" % i), *only)
    mcode, merged, merr = mutate(src, scratch, "--merge",
                                 os.path.join(tmp, "shard1.json"),
                                 os.path.join(tmp, "shard2.json"))

    def verdicts(text):
        return [re.sub(r"\s+[\d.]+ s$", "", line) for line in
                text.splitlines() if re.match(r"^M\d+ ", line)] + \
            [re.sub(r"; \d+ mutants in .*", "", line) for line in
             text.splitlines() if line.startswith("score:")]
    check(mcode == 0 and verdicts(merged) == verdicts(out) and
          len(verdicts(out)) == len(chosen) + 1,
          "two shards merged give the unsharded report",
          "merged:\n%s\nwhole:\n%s\n%s" % (merged, out, merr[-1000:]))
    lines = re.findall(r"^M\d+ +(\S+) +(\S+)(.*)$", out, re.M)
    wake = [v for v, i, _ in lines if ":delete-wakeup@" in i]
    check(code == 0 and wake == ["killed"],
          "the deleted rcuwait_wake_up() is killed", out + err[-2000:])
    killed_by = [rest for v, i, rest in lines if ":delete-wakeup@" in i]
    check(bool(killed_by) and "hang report" in killed_by[0],
          "by a hang report", repr(killed_by))
    stat = [(v, i) for v, i, _ in lines if ":delete-lockdep@" in i and
            "__vma_start_exclude_readers" in i and v == "survived"]
    survivor = stat[0][1] if stat else ""
    check(len(stat) == 1,
          "the deleted lock_stat call survives", out)
    check(bool(survivor) and re.search(
        r"^Survivors.*\n(.*\n)*%s\n--- a/mm/mmap_lock.c\n\+\+\+ b/mm/"
        r"mmap_lock.c\n(.*\n)*-\t__vma_lockdep_stat_mark_acquired\(vma\);" %
        re.escape(survivor), out, re.M) is not None,
        "the survivor is listed with its diff", out)
    score = re.search(r"^score: (\d+) of (\d+) non-equivalent mutants "
                      r"killed", out, re.M)
    check(score is not None and int(score.group(1)) < int(score.group(2)),
          "the score counts the survivor", out)

    with tempfile.NamedTemporaryFile("w", suffix=".equivalent") as eq:
        eq.write("# test\n%s  lock_stat accounting only\n" % survivor)
        eq.flush()
        code, out, err = mutate(src, scratch, "--equivalent", eq.name,
                                "--only", survivor)
    check(code == 0 and re.search(
        r"^M001 equivalent +%s +\(listed: lock_stat accounting only\)" %
        re.escape(survivor), out, re.M) is not None and
        "1 equivalent (1 listed, 0 same code)" in out,
        "a listed equivalent is out of the score", out + err[-2000:])

    code, out, err = mutate(src, scratch, "--only", "mm/mmap_lock.c:nosuch")
    check(code != 0 and "no mutant mm/mmap_lock.c:nosuch" in err,
          "an unknown mutant id is an error", out + err[-2000:])

    return tap.print_checks(checks)


if __name__ == "__main__":
    sys.exit(main())
