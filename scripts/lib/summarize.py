#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Count, and optionally print as one KTAP document, the test programs
that `meson test` ran in one or more builds.

Usage: summarize.py [--ktap | --ktap-quiet] [--failed-builds N] BUILD_DIR...

--ktap prints what the kernel's kselftest runner (run_kselftest.sh) prints:
one top-level 'TAP version 13' and plan, then for every program a
'# selftests: SUITE: PROGRAM' line, the program's own TAP nested as a
subtest (indented, as KTAP nests), and 'ok N selftests: SUITE: PROGRAM'
or 'not ok N ...'. --ktap-quiet leaves the nested output out.
Without either, prints a line per build.

Either way the last line is 'Totals: N passed, N failed, N skipped'
('# Totals: ...' inside a KTAP document), counting the programs' own test
cases. A program that died before printing all its results counts one
failure per missing result (a single one if it printed no plan); a build
that failed to compile (--failed-builds) counts as one failure.
Exits non-zero when anything failed or nothing ran.
"""
import json
import os
import re
import sys

RESULT = re.compile(r"^(ok|not ok) [0-9]+\b[^#]*(#\s*(\w+))?")
# (re.M: "$" also before the newline ending the version line)
TAP_START = re.compile(r"^TAP version [0-9]+$", re.M)
PLAN = re.compile(r"^1\.\.([0-9]+)\s*(?:#\s*SKIP\b\s*(.*))?", re.I)
PASSED_RESULTS = ("OK", "SKIP", "EXPECTEDFAIL")


class Program:
    """One test program's run, as meson recorded it in testlog.json."""

    def __init__(self, record):
        # "vmalock:shim / atomic_test" (meson 1.0 records no suite field)
        suites, _, self.name = record["name"].rpartition(" / ")
        self.suite = suites.split("+")[0].split(":", 1)[-1] or "default"
        self.meson_result = record["result"]
        self.output = (record.get("stdout") or "").rstrip("\n")
        self.is_tap = bool(TAP_START.match(self.output))
        self.passed = self.failed = self.skipped = 0
        self._count()

    def _count(self):
        plan = None
        self.results = 0
        self.skip_reason = None
        for line in self.output.splitlines():
            m = PLAN.match(line)
            if m and plan is None:
                plan = int(m.group(1))
                self.skip_reason = m.group(2)
            m = RESULT.match(line)
            if not m:
                continue
            self.results += 1
            if m.group(1) == "not ok":
                self.failed += 1
            elif (m.group(3) or "").upper() == "SKIP":
                self.skipped += 1
            else:
                self.passed += 1
        # Died before reporting everything (a crash, a meson timeout):
        # each result it owed is a failure, as KTAP parsers count them.
        self.missing = 0
        if not self.ok:
            if plan is not None and plan > self.results:
                self.missing = plan - self.results
            elif not self.failed:
                self.failed += 1
        self.failed += self.missing
        # A test meson ran with should_fail, which failed as it must (the
        # lkmm_test '_stale' halves): its failures are what it proves.
        if self.meson_result == "EXPECTEDFAIL":
            self.passed += self.failed
            self.failed = 0
        # Skipped whole ("1..0 # SKIP why"): one skipped test, as the
        # kernel's runner counts a program that exits with KSFT_SKIP.
        if plan == 0 and self.meson_result == "SKIP":
            self.skipped += 1

    @property
    def ok(self):
        return self.meson_result in PASSED_RESULTS

    def print_ktap(self, number, nested):
        title = "selftests: %s: %s" % (self.suite, self.name)
        print("# " + title)
        if nested:
            for line in self.output.splitlines():
                # TAP programs nest as KTAP subtests do; anything else
                # (a usage message) stays a diagnostic.
                if self.is_tap:
                    print(("    " + line) if line else "")
                else:
                    print("# " + line)
            # The results a killed program owed, so that no parser takes
            # the line below for one of them.
            for n in range(self.results + 1, self.results + self.missing + 1):
                print("    not ok %d (missing) # the program ended before "
                      "reporting its test %d" % (n, n))
        directive = ""
        if self.meson_result == "SKIP":
            directive = (" # SKIP " + (self.skip_reason or "")).rstrip()
        print("%s %d %s%s" % ("ok" if self.ok else "not ok", number, title,
                              directive))


def read_programs(build):
    path = os.path.join(build, "meson-logs", "testlog.json")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [Program(json.loads(line)) for line in f if line.strip()]


def main():
    args = sys.argv[1:]
    ktap = nested = False
    if args[:1] in (["--ktap"], ["--ktap-quiet"]):
        ktap, nested = True, args[0] == "--ktap"
        args = args[1:]
    broken = 0
    if args[:1] == ["--failed-builds"]:
        broken = int(args[1])
        args = args[2:]
    comment = "# " if ktap else ""

    builds = [(build, read_programs(build)) for build in args]
    if ktap:
        programs = [p for _, progs in builds for p in progs]
        print("TAP version 13")
        print("1..%d" % len(programs))
        for number, program in enumerate(programs, 1):
            program.print_ktap(number, nested)

    total = [0, broken, 0]
    if broken:
        print("%sbuilds that failed to compile: %d" % (comment, broken))
    for build, programs in builds:
        counts = [sum(getattr(p, k) for p in programs)
                  for k in ("passed", "failed", "skipped")]
        print("%s%s: %d passed, %d failed, %d skipped"
              % (comment, os.path.basename(build.rstrip("/")), *counts))
        total = [t + c for t, c in zip(total, counts)]
    print("%sTotals: %d passed, %d failed, %d skipped"
          % (comment, *total))
    return 1 if total[1] or not total[0] else 0


if __name__ == "__main__":
    sys.exit(main())
