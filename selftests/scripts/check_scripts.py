#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The commands people run refuse what they cannot do: a misspelled suite,
flavour or option, a missing build directory or a relative -Dkernel_tree
gives a message that says what is wrong, a non-zero exit and no results.

Usage: check_scripts.py SOURCE_ROOT BUILD_DIR
Prints TAP.
"""
import os
import shutil
import subprocess
import sys

import tap  # selftests/scripts/tap.py
import tempfile


def run(argv, **kw):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, **kw)
    return p.returncode, p.stdout, p.stderr


def main():
    src, build = sys.argv[1:3]
    selftests = os.path.join(src, "scripts/run_selftests.sh")
    tests = os.path.join(src, "scripts/run_tests.sh")
    checks = []

    def refused(name, argv, want_exit, *want_in_output, **kw):
        code, out, err = run(argv, **kw)
        # (meson prints its errors on stdout)
        missing = [w for w in want_in_output if w not in err + out]
        ok = code == want_exit and not missing and "Totals" not in out
        checks.append((ok, name, "exit %d (want %d), stdout %r, stderr %r"
                       % (code, want_exit, out[-300:], err[-600:])))

    refused("an unknown suite is an error naming the suites",
            [selftests, "-C", build, "--suite", "nosuch"], 2,
            "unknown suite 'nosuch'", "shim", "lockdep")
    refused("an unknown suite beside a known one is not dropped",
            [selftests, "-C", build, "--suite", "shim", "--suite", "nosuch"],
            2, "unknown suite 'nosuch'")
    refused("an unknown option gives the usage",
            [selftests, "--suit", "shim"], 2, "unknown argument", "Usage:")
    refused("-C needs a configured build directory",
            [selftests, "-C", os.path.join(build, "nosuch")], 2,
            "not a configured meson build directory")
    refused("an unknown flavour gives the usage",
            [tests, "--flavour", "tsna"], 2, "unknown flavour 'tsna'",
            "Usage:")

    with tempfile.TemporaryDirectory() as tmp:
        refused("a relative -Dkernel_tree is refused, saying why",
                ["meson", "setup", os.path.join(tmp, "b1"), src,
                 "-Dkernel_tree=linux"], 1, "relative path",
                "-Dkernel_tree=$(realpath linux)", cwd=tmp)
        refused("a -Dkernel_tree without mmap_lock.h is refused",
                ["meson", "setup", os.path.join(tmp, "b2"), src,
                 "-Dkernel_tree=" + tmp], 1,
                "no include/linux/mmap_lock.h there")

    mutate = os.path.join(src, "scripts/mutate")
    refused("mutate: an unknown operator is an error naming the operators",
            [mutate, "--operators", "delete-barrier,negate-conditon"], 2,
            "unknown operator(s) 'negate-conditon'", "negate-condition")
    refused("mutate: a --min-score above 100 is refused",
            [mutate, "--min-score", "150"], 2, "a percentage, 0 to 100")
    refused("mutate: a file that is not there is refused",
            [mutate, "mm/mmap_lok.c"], 2, "no file mm/mmap_lok.c")
    refused("mutate: --jobs 0 is refused", [mutate, "-j", "0"], 2,
            "--jobs must be at least 1")
    with tempfile.TemporaryDirectory() as tmp:
        refused("mutate: a --kernel-tree without the lock files is refused",
                [mutate, "--kernel-tree", tmp], 2,
                "no mm/mmap_lock.c there")

    refused("mutate: a bad --shard is refused",
            [mutate, "--shard", "0/2"], 2, "--shard wants I/N")
    refused("mutate: --merge of a file that is not there is refused",
            [mutate, "--merge", "nosuch.json"], 2,
            "--merge nosuch.json: no such file")
    refused("mutate: an unknown memory model is refused",
            [mutate, "--memory-model", "tso"], 2, "invalid choice: 'tso'")
    litmus = os.path.join(src, "scripts/litmus")
    refused("litmus: no test named is refused", [litmus], 2,
            "name at least one FILE.litmus")
    refused("litmus: a file that is not there is refused",
            [litmus, "--build", build, "MP+nosuch.litmus"], 2,
            "MP+nosuch.litmus: no such file")
    refused("litmus: a bad --shard is refused", [litmus, "--shard", "3/2",
                                                 "x.litmus"], 2,
            "--shard wants I/N")
    refused("litmus: an unknown memory model is refused",
            [litmus, "--memory-model", "tso", "x.litmus"], 2,
            "invalid choice: 'tso'")
    lkmm_test = os.path.join(build, "selftests/shim/lkmm_test")
    refused("a misspelled --memory-model gives the usage",
            [lkmm_test, "--sched", "dfs", "--memory-model", "lkm"], 1,
            "invalid memory model (want sc or lkmm) 'lkm'", "Usage:")
    refused("--memory-model without --sched is refused",
            [lkmm_test, "--memory-model", "lkmm"], 1,
            "--memory-model needs --sched")

    bisect = os.path.join(src, "scripts/bisect")
    refused("bisect: the tests must come after --",
            [bisect, "HEAD~1", "HEAD", "vma_lock_test"], 2,
            "the tests come after --", "usage:")
    refused("bisect: an option after -- is refused",
            [bisect, "HEAD~1", "HEAD", "--", "vma_lock_test", "--seeds",
             "1"], 2, "options go before --")
    refused("bisect: a misspelled test spec is refused",
            [bisect, "HEAD~1", "HEAD", "--", "selftests/mm/vma_lock_test"], 2,
            "is not PROGRAM or PROGRAM:TEST")
    refused("bisect: an unknown strategy is refused",
            [bisect, "--sched", "pcts", "HEAD~1", "HEAD", "--",
             "vma_lock_test"], 2, "--sched 'pcts'")
    refused("bisect: --reruns 1 cannot see flakiness",
            [bisect, "--reruns", "1", "HEAD~1", "HEAD", "--",
             "vma_lock_test"], 2, "--reruns at least 2")
    with tempfile.TemporaryDirectory() as tmp:
        refused("bisect: a --kernel-tree without the lock files is refused",
                [bisect, "--kernel-tree", tmp, "HEAD~1", "HEAD", "--",
                 "vma_lock_test"], 2, "no mm/mmap_lock.c there")
        ktree = os.path.join(tmp, "linux")
        shutil.copytree(os.path.join(src, "selftests/mm/kernel_trees/"
                                     "6.15-like"), ktree)
        refused("bisect: a --kernel-tree that is not a git tree is refused",
                [bisect, "--kernel-tree", ktree, "HEAD~1", "HEAD", "--",
                 "vma_lock_test"], 2, "is not a git work tree")
        for argv in (["init", "-q"], ["add", "-A"],
                     ["-c", "user.name=t", "-c", "user.email=t@example.org",
                      "commit", "-q", "-m", "mm: one commit"]):
            subprocess.run(["git", "-C", ktree] + argv, check=True)
        refused("bisect: a commit that does not exist is refused",
                [bisect, "--kernel-tree", ktree, "no-such-rev", "HEAD", "--",
                 "vma_lock_test"], 2, "GOOD 'no-such-rev' is not a commit")
        refused("bisect: GOOD equal to BAD is refused before any build",
                [bisect, "--kernel-tree", ktree, "HEAD", "HEAD", "--",
                 "vma_lock_test"], 2, "are the same commit: nothing to bisect")
    refused("bisect: --help prints the usage and succeeds",
            [bisect, "--help"], 0, "usage: scripts/bisect", "--kernel-tree")

    return tap.print_checks(checks)


if __name__ == "__main__":
    sys.exit(main())
