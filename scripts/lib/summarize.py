#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Count the TAP results that `meson test` recorded in one or more builds.

Usage: summarize.py [--print-tap] [--failed-builds N] BUILD_DIR...
(a build that failed to compile counts as one failure; --print-tap first
prints every program's TAP output, as it ran)
Prints a line per build and a closing 'Totals: N passed, N failed,
N skipped' line; exits non-zero when anything failed or nothing ran.
"""
import json
import os
import re
import sys

RESULT = re.compile(r"^(ok|not ok)\b[^#]*(#\s*(\w+))?")


def print_tap(build):
    path = os.path.join(build, "meson-logs", "testlog.json")
    with open(path) as f:
        for line in f:
            t = json.loads(line)
            print("# ===== %s (%s)" % (t["name"], t["result"]))
            print((t.get("stdout") or "").rstrip("\n"))


def count(build):
    passed = failed = skipped = 0
    path = os.path.join(build, "meson-logs", "testlog.json")
    with open(path) as f:
        for line in f:
            t = json.loads(line)
            subtests = sub_failed = 0
            for out in (t.get("stdout") or "").splitlines():
                m = RESULT.match(out)
                if not m:
                    continue
                subtests += 1
                directive = (m.group(3) or "").upper()
                if m.group(1) == "ok":
                    if directive == "SKIP":
                        skipped += 1
                    else:
                        passed += 1
                else:
                    sub_failed += 1
            failed += sub_failed
            # A program that failed without a failing TAP line (it died
            # before printing its results, or a meson timeout).
            if t["result"] not in ("OK", "SKIP", "EXPECTEDFAIL") and \
                    not sub_failed:
                failed += 1
    return passed, failed, skipped


def main():
    args = sys.argv[1:]
    total = [0, 0, 0]
    tap = args[:1] == ["--print-tap"]
    if tap:
        args = args[1:]
    if args[:1] == ["--failed-builds"]:
        total[1] = int(args[1])
        if total[1]:
            print("builds that failed to compile: %d" % total[1])
        args = args[2:]
    if tap:
        for build in args:
            print_tap(build)
    for build in args:
        p, f, s = count(build)
        print("%s: %d passed, %d failed, %d skipped"
              % (os.path.basename(build.rstrip("/")), p, f, s))
        total = [total[0] + p, total[1] + f, total[2] + s]
    print("Totals: %d passed, %d failed, %d skipped" % tuple(total))
    return 1 if total[1] or not total[0] else 0


if __name__ == "__main__":
    sys.exit(main())
