#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The LKMM model against the kernel's own oracle: every litmus test
Debian's linux-source-6.12 ships (tools/memory-model/litmus-tests/ and
Documentation/litmus-tests/, each with herd7's expected Result), run by
scripts/litmus on this build and judged twice.

Usage: check_litmus.py SOURCE_ROOT BUILD_DIR

As TAP:
  - scripts/litmus --check passes: no outcome herd7 calls Never is seen,
    every Sometimes one is, DEADLOCK tests see no state, and the misses
    are the documented exceptions (tools/litmus/exceptions: at most 3,
    each named in Documentation/dev-tools/lkmm.rst);
  - the kernel's own judgelitmus.sh accepts each .out file but those of
    the exceptions;
  - a refused construct is refused: a test calling a macro the shim does
    not have gets herd7's "Unknown macro" line, not a verdict;
  - two shards merged give the unsharded verdicts (on every fifth test).
Prints the table. Skips (as TAP) where linux-source-6.12 is missing.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import tap  # selftests/scripts/tap.py
from lib import linux_source  # scripts/lib, on PYTHONPATH (meson.build)

DIRS = ["tools/memory-model", "Documentation/litmus-tests"]
MAX_EXCEPTIONS = 3


def litmus(root, build, args):
    return subprocess.run([os.path.join(root, "scripts/litmus"),
                           "--build", build] + args,
                          capture_output=True, text=True)


def verdicts(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return sorted((r["name"], r["ours"]) for r in json.load(f)["results"])


def main():
    root, build = sys.argv[1], os.path.abspath(sys.argv[2])
    top = os.path.join(linux_source.require(DIRS), linux_source.TOP)
    tests = sorted(glob.glob(os.path.join(top, "tools/memory-model/"
                                          "litmus-tests/*.litmus")) +
                   glob.glob(os.path.join(top, "Documentation/"
                                          "litmus-tests/*/*.litmus")))
    judge = os.path.join(top, "tools/memory-model/scripts/judgelitmus.sh")
    checks = []
    with open(os.path.join(root, "tools/litmus/exceptions")) as f:
        exceptions = [line.split()[0] for line in f
                      if line.strip() and not line.startswith("#")]
    with open(os.path.join(root, "Documentation/dev-tools/lkmm.rst")) as f:
        doc = f.read()
    checks.append((len(exceptions) <= MAX_EXCEPTIONS and
                   all(e in doc for e in exceptions),
                   "at most %d exceptions, each documented" % MAX_EXCEPTIONS,
                   "exceptions: %s" % exceptions))
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "litmus")
        os.mkdir(work)
        for t in tests:
            os.symlink(t, os.path.join(work, os.path.basename(t)))
        files = sorted(glob.glob(os.path.join(work, "*.litmus")))
        full = os.path.join(tmp, "full.json")
        r = litmus(root, build, ["--check", "--json", full] + files)
        table = "# " + (r.stdout + r.stderr[-3000:]).strip().replace(
            "\n", "\n# ")
        checks.append((r.returncode == 0 and len(files) == 47,
                       "scripts/litmus --check on the kernel's %d litmus "
                       "tests" % len(files),
                       r.stdout[-4000:] + r.stderr[-2000:]))
        bad = []
        for f in files:
            name = os.path.basename(f)
            j = subprocess.run(["sh", judge, name], cwd=work,
                               env=dict(os.environ, LKMM_DESTDIR="."),
                               capture_output=True, text=True)
            with open(f) as lf:
                cname = lf.readline().split()[1]
            if (j.returncode != 0) != (cname in exceptions):
                bad.append("%s: judgelitmus.sh said %d: %s" %
                           (name, j.returncode, j.stdout.strip()))
        checks.append((not bad, "judgelitmus.sh accepts every .out but "
                       "the exceptions'", "\n".join(bad)))
        probe = os.path.join(tmp, "probe.litmus")
        with open(probe, "w") as f:
            f.write("C probe\n{}\nP0(int *x)\n{\n\tsmp_mb__after_nothing();"
                    "\n\tWRITE_ONCE(*x, 1);\n}\nexists (x=1)\n")
        r = litmus(root, build, [probe])
        out = ""
        if os.path.exists(probe + ".out"):
            with open(probe + ".out") as f:
                out = f.read()
        checks.append(("Unknown macro smp_mb__after_nothing" in out and
                       "Observation" not in out,
                       "an unknown macro gets herd7's message, no verdict",
                       out + r.stderr))
        # The merge on every fifth test (the whole set three times over
        # would cost CI a minute): its shards against the full run's rows.
        some = files[::5]
        parts = []
        for i in (1, 2):
            part = os.path.join(tmp, "shard%d.json" % i)
            litmus(root, build, ["--shard", "%d/2" % i, "--json", part,
                                 "--out-dir", os.path.join(tmp, "o")] +
                   some)
            parts.append(part)
        r = litmus(root, build, ["--merge"] + parts)
        merged = sorted(tuple(line.split()[:3:2]) for line in
                        r.stdout.splitlines()[1:-1])
        names = set()
        for f in some:
            with open(f) as lf:
                names.add(lf.readline().split()[1])
        whole = sorted(v for v in verdicts(full) if v[0] in names)
        checks.append((merged == whole and len(whole) == len(some),
                       "two shards merged give the unsharded verdicts",
                       "merged %s\nwhole %s" % (merged, whole)))
    ret = tap.print_checks(checks)
    print(table)
    return ret


if __name__ == "__main__":
    sys.exit(main())
