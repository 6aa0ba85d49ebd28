#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Harness self-test: run sample_test in several ways and compare the
masked output with the committed expectation; check that bad command
lines are refused. Prints TAP.

The expectation is expected_output.<flavour>.txt beside this script, one
per build flavour (VMALOCK_BUILD_FLAVOR: plain, tsan, asan), since only the
sanitizer builds produce sanitizer reports. Each holds one section per run
("=== args: ..." headers).

Run with --regenerate to rewrite this flavour's file (review the diff
before committing it).
"""
import difflib
import os
import re
import subprocess
import sys
import tempfile

RUNS = [
    ["--seed", "42"],
    ["--seed", "42", "-t", "pass", "-r", "vma.two_readers.always_passes"],
    ["--seed", "42", "--iterations", "7", "-T", "hangs", "-F", "vma",
     "--shard", "1/3"],
    ["--seed", "42", "-T", "hangs", "-F", "vma", "--shard", "3/3"],
    ["-l"],
    # -l honours the filters and names tests as -r takes them.
    ["-l", "-T", "crash", "-F", "slow"],
    ["-l", "-r", "vma.two_readers.always_passes"],
]

BAD_ARGS = [
    (["--bogus"], "unknown option"),
    (["-t", "no_such_test"], "matches no test"),
    (["--seed", "forty-two"], "invalid seed"),
    (["--shard", "4/3"], "invalid shard"),
    (["--shard", "0/3"], "invalid shard"),
    (["--duration", "5 parsecs"], "invalid duration"),
    (["--timeout-multiplier", "-1"], "invalid timeout multiplier"),
    (["--iterations", "0"], "invalid iteration count"),
    (["-t"], "needs an argument"),
    (["stray"], "unexpected argument"),
]


def mask(text, prog, logdir):
    text = text.replace(logdir, "<LOGDIR>").replace(prog, "<PROG>")
    text = re.sub(r"\S*sample_test\.c", "sample_test.c", text)
    text = re.sub(r"\(pid=\d+\)", "(pid=N)", text)
    text = re.sub(r"0x[0-9a-f]{6,}", "0xADDR", text)
    # Which side of a race TSan sees second is up to the scheduler.
    text = re.sub(r"(SUMMARY: ThreadSanitizer: data race) .*",
                  r"\1 <LOCATION>", text)
    text = re.sub(r"Failed to wait for PID \d+", "Failed to wait for PID N",
                  text)
    return text


def run(prog, args, logdir):
    env = dict(os.environ, VMALOCK_TIMEOUT_MULTIPLIER="1")
    p = subprocess.run([prog, "--log-dir", logdir] + args if args != ["-l"]
                       else [prog] + args,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=env, text=True, timeout=120)
    return p.returncode, mask(p.stdout, prog, logdir)


def actual_sections(prog, logdir):
    out = []
    for args in RUNS:
        rc, text = run(prog, args, logdir)
        out.append("=== args: %s (exit %d)\n" % (" ".join(args), rc))
        out.append(text)
    return "".join(out)


KTAP_LINE = re.compile(
    r"^(TAP version 13|KTAP version 1|1\.\.\d+|#.*|"
    r"(ok|not ok) (\d+)( [^#]*)?( # .*)?)$")


def ktap_problems(text):
    """Where @text breaks the kernel's KTAP rules
    (Documentation/dev-tools/ktap.rst): a version line first, a plan, only
    result and diagnostic lines, results numbered 1..N in order."""
    lines = text.splitlines()
    problems = []
    if not lines or not re.match(r"(TAP version 13|KTAP version 1)$",
                                 lines[0]):
        problems.append("no version line first")
    plan = [l for l in lines if re.match(r"1\.\.\d+$", l)]
    if len(plan) != 1:
        problems.append("want exactly one plan line, got %d" % len(plan))
    expect = 1
    for line in lines:
        m = KTAP_LINE.match(line)
        if not m:
            problems.append("not a KTAP line: %r" % line)
        elif m.group(2):
            if int(m.group(3)) != expect:
                problems.append("result %s out of order" % m.group(3))
            expect += 1
    if plan and int(plan[0][3:]) != expect - 1:
        problems.append("plan says %s, %d results" % (plan[0], expect - 1))
    return problems


def main():
    regenerate = "--regenerate" in sys.argv
    argv = [a for a in sys.argv[1:] if a != "--regenerate"]
    prog = os.path.abspath(argv[0])
    flavor = os.environ.get("VMALOCK_BUILD_FLAVOR", "plain")
    expected_path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                 "expected_output.%s.txt" % flavor)

    tests = []
    with tempfile.TemporaryDirectory() as logdir:
        actual = actual_sections(prog, logdir)
        if regenerate:
            with open(expected_path, "w") as f:
                f.write(actual)
            return 0
        with open(expected_path) as f:
            expected = f.read()
        diff = list(difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True),
            "expected (%s)" % flavor, "actual"))
        tests.append(("output matches expected_output.%s.txt" % flavor, not diff,
                      diff))
        for args in RUNS:
            if "-l" in args:	# a listing, not TAP
                continue
            _, text = run(prog, args, logdir)
            problems = ktap_problems(text)
            tests.append(("KTAP-valid: %s" % " ".join(args), not problems,
                          [p + "\n" for p in problems]))

        for args, needle in BAD_ARGS:
            p = subprocess.run([prog] + args, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               timeout=60)
            ok = (p.returncode != 0 and needle in p.stderr
                  and "Usage:" in p.stderr and not p.stdout)
            tests.append(("refuses %s" % " ".join(args), ok,
                          ["exit %d\n" % p.returncode, p.stderr]))

    print("TAP version 13")
    print("1..%d" % len(tests))
    failed = 0
    for i, (name, ok, detail) in enumerate(tests, 1):
        if not ok:
            failed += 1
            for line in "".join(detail).splitlines():
                print("# " + line)
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
