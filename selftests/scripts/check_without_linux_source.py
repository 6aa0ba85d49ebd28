#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The main job on a machine without Debian's linux-source-6.12: the tests
that check vmalock against the kernel's own tools (they extract what they
need from it) must be skipped, counted as skipped by meson and by our
summary, and must not fail the run. They are run here through `meson test`
in this build with VMALOCK_LINUX_SOURCE naming a tarball that does not
exist, whatever this machine has installed.

Usage: check_without_linux_source.py BUILD_DIR SCRIPTS_LIB TEST...
Prints TAP.
"""
import json
import os
import subprocess
import sys

import tap  # selftests/scripts/tap.py
from lib import summarize  # scripts/lib, on PYTHONPATH (meson.build)

LOGBASE = "without-linux-source"


def main():
    build = sys.argv[1]
    tests = sys.argv[2:]

    env = dict(os.environ,
               VMALOCK_LINUX_SOURCE="/nonexistent/linux-source-6.12.tar.xz")
    p = subprocess.run(["meson", "test", "-C", build, "--no-rebuild",
                        "--logbase", LOGBASE] + tests, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    log = os.path.join(build, "meson-logs", LOGBASE + ".json")
    programs = []
    if os.path.exists(log):
        with open(log) as f:
            programs = [summarize.Program(json.loads(line))
                        for line in f if line.strip()]
    checks = [(p.returncode == 0, "meson test passes without linux-source",
               p.stdout)]
    seen = {prog.name: prog for prog in programs}
    for name in tests:
        prog = seen.get(name)
        ok = prog is not None and prog.meson_result == "SKIP" and \
            (prog.passed, prog.failed, prog.skipped) == (0, 0, 1) and \
            "linux-source-6.12" in (prog.skip_reason or "")
        detail = "not run" if prog is None else \
            "meson: %s, counted (passed, failed, skipped) %s, output:\n%s" % (
                prog.meson_result, (prog.passed, prog.failed, prog.skipped),
                prog.output)
        checks.append((ok, "%s: skipped, counted as one skip, says why"
                       % name, detail))
    return tap.print_checks(checks)


if __name__ == "__main__":
    sys.exit(main())
