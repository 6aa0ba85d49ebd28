#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The main job's output is one KTAP document that the kernel's own parser
(tools/testing/kunit/kunit_parser.py, from Debian's linux-source-6.12)
reads whole: its counts must equal our Totals line, on a passing run and on
a run with a failing program in the middle and one killed half-way.

Usage: check_ktap.py SUMMARIZE_PY SAMPLE_TEST
(sample_test, the harness's program that fails on purpose: run whole it is
the failing program, run on its passing and skipped tests the passing one)
Prints TAP; skipped whole when linux-source-6.12 is not installed.
"""
import io
import json
import os
import re
import subprocess
import sys
import tempfile

from lib import linux_source  # scripts/lib, on PYTHONPATH (meson.build)

TOTALS = re.compile(r"^# Totals: (\d+) passed, (\d+) failed, (\d+) skipped$",
                    re.M)


def run(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return p.stdout


def record(suite, name, output, result):
    return {"name": "vmalock:%s / %s" % (suite, name), "stdout": output,
            "result": result}


def killed_half_way(output):
    """The output of a program that a timeout killed after its 3rd result."""
    lines = output.splitlines(keepends=True)
    results = [i for i, l in enumerate(lines) if l.startswith("ok ")]
    return "".join(lines[:results[2] + 1])


def summarize(summarize_py, records):
    with tempfile.TemporaryDirectory() as build:
        os.mkdir(os.path.join(build, "meson-logs"))
        with open(os.path.join(build, "meson-logs", "testlog.json"),
                  "w") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
        p = subprocess.run([sys.executable, summarize_py, "--ktap", build],
                           stdout=subprocess.PIPE, text=True)
    return p.stdout, p.returncode


def kernel_counts(kunit_parser, document):
    """(passed, failed or crashed, skipped) as the kernel's parser counts
    them, and the errors it reported other than the missing results of a
    killed program (which it counts as crashed, as we count them failed)."""
    printed = io.StringIO()
    kunit_parser.stdout._output = printed
    test = kunit_parser.parse_run_tests(document.splitlines())
    c = test.counts
    errors = [l.split("[ERROR]", 1)[1].strip()
              for l in printed.getvalue().splitlines() if "[ERROR]" in l]
    errors = [e for e in errors if not e.endswith("missing expected subtest!")]
    return (c.passed, c.failed + c.crashed, c.skipped), errors


def main():
    summarize_py, sample_test = sys.argv[1:3]
    root = linux_source.require(["tools/testing/kunit"])
    sys.path.insert(0, os.path.join(root, linux_source.TOP,
                                    "tools/testing/kunit"))
    import kunit_parser

    good = run([sample_test, "--seed", "1", "-r", "global.pass",
                "-r", "global.skipped", "-r", "global.seeded",
                "-r", "vma.one_reader.one_reader_holds"])
    bad = run([sample_test, "--seed", "42"])
    runs = {
        "passing run": (
            [record("shim", "first", good, "OK"),
             record("shim", "second", good, "OK")], 0),
        "failing program in the middle": (
            [record("shim", "first", good, "OK"),
             record("harness", "failing", bad, "FAIL"),
             record("shim", "killed", killed_half_way(good), "TIMEOUT"),
             record("shim", "last", good, "OK")], 1),
        # A machine without linux-source-6.12: a program skipped whole.
        "program skipped whole": (
            [record("shim", "first", good, "OK"),
             record("harness", "needs-linux-source",
                    "TAP version 13\n1..0 # SKIP linux-source is missing\n",
                    "SKIP")], 0),
    }
    print("TAP version 13")
    print("1..%d" % (2 * len(runs)))
    n = 0
    for name, (records, exit_code) in runs.items():
        document, status = summarize(summarize_py, records)
        m = TOTALS.search(document)
        ours = tuple(int(x) for x in m.groups()) if m else None
        theirs, errors = kernel_counts(kunit_parser, document)
        n += 1
        same = ours == theirs and not errors
        print("# %s: (passed, failed, skipped) ours %s, kunit_parser's %s"
              % (name, ours, theirs))
        for e in errors:
            print("# kunit_parser: " + e)
        print("%s %d %s: kunit_parser counts what we count"
              % ("ok" if same else "not ok", n, name))
        n += 1
        failed_lines = len(re.findall(r"^not ok \d+ selftests: ", document,
                                      re.M))
        want_failed = sum(r["result"] not in ("OK", "SKIP")
                          for r in records)
        right = status == exit_code and failed_lines == want_failed and \
            (ours is not None and (ours[1] > 0) == bool(exit_code))
        if not right:
            print("# exit %d (want %d), %d top-level failures (want %d)"
                  % (status, exit_code, failed_lines, want_failed))
        print("%s %d %s: verdict and top-level results"
              % ("ok" if right else "not ok", n, name))
        if not same or not right:
            print("# the document:")
            print("\n".join("# " + l for l in document.splitlines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
