#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A few of the kernel's own harness-based selftests (from Debian's
linux-source-6.12, extracted at test time) build unchanged against our
kselftest_harness.h and kselftest.h, and give every test the verdict they
give built against the kernel's headers.

Usage: check_kernel_selftests.py SCRIPTS_LIB OUR_SELFTESTS_DIR
                                 HARNESS_LIB SANITIZE CC...
Prints TAP; skipped whole when linux-source-6.12 is not installed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from lib import linux_source  # scripts/lib, on PYTHONPATH (meson.build)

SELFTESTS = linux_source.SELFTESTS
# Small, quick, unprivileged; three of them lean on kselftest.h's
# ARRAY_SIZE.
PROGRAMS = ["core/close_range_test", "exec/non-regular",
            "ptrace/get_syscall_info", "mincore/mincore_selftest"]
HELPERS = ["clone3/clone3_selftests.h"]
HEADERS = ["kselftest.h", "kselftest_harness.h"]
RESULT = re.compile(r"^(ok|not ok) \d+ (\S+)(.*)$", re.M)


def verdicts(output):
    """{test name: 'ok' / 'not ok' / 'skip'} from a program's TAP."""
    v = {}
    for status, name, rest in RESULT.findall(output):
        v[name] = "skip" if "# SKIP" in rest else status
    return v


def lay_out(root, tree, headers_from):
    """A copy of the programs in @tree; where they include
    "../kselftest_harness.h", a header that includes @headers_from's."""
    for rel in [p + ".c" for p in PROGRAMS] + HELPERS:
        os.makedirs(os.path.join(tree, os.path.dirname(rel)), exist_ok=True)
        shutil.copy(os.path.join(root, SELFTESTS, rel),
                    os.path.join(tree, rel))
    for h in HEADERS:
        with open(os.path.join(tree, h), "w") as f:
            f.write('#include "%s"\n' % os.path.join(headers_from, h))


def build_and_run(cc, tree, program, extra):
    exe = os.path.join(tree, program)
    # -D_GNU_SOURCE= as the kernel's selftests/lib.mk builds them
    p = subprocess.run(cc + ["-O2", "-D_GNU_SOURCE=", "-o", exe,
                             exe + ".c"] + extra,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if p.returncode:
        return None, p.stdout
    p = subprocess.run([exe], cwd=tree, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=600)
    return verdicts(p.stdout), p.stdout


def main():
    ours, harness_lib, sanitize = sys.argv[1:4]
    cc = sys.argv[4:]
    paths = [SELFTESTS + "/" + p for p in
             HEADERS + [p + ".c" for p in PROGRAMS] + HELPERS]
    root = linux_source.require(paths)
    root = os.path.join(root, linux_source.TOP)
    # Both built alike (a sanitizer's own system calls show in a traced
    # child, for instance): only the harness differs.
    sanitizer_flags = ["-fsanitize=" + sanitize] if sanitize != "none" \
        else []
    ours_link = sanitizer_flags + [harness_lib, "-lstdc++", "-lm",
                                   "-lpthread"]

    print("TAP version 13")
    print("1..%d" % (2 * len(PROGRAMS)))
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        theirs_tree = os.path.join(tmp, "kernel")
        ours_tree = os.path.join(tmp, "vmalock")
        lay_out(root, theirs_tree, os.path.join(root, SELFTESTS))
        lay_out(root, ours_tree, ours)
        for program in PROGRAMS:
            theirs, theirs_out = build_and_run(cc, theirs_tree, program,
                                               sanitizer_flags + ["-lpthread"])
            mine, mine_out = build_and_run(cc, ours_tree, program, ours_link)
            n += 1
            if mine is None:
                print("# " + mine_out.replace("\n", "\n# "))
            print("%s %d %s builds against our headers"
                  % ("ok" if mine is not None else "not ok", n, program))
            n += 1
            agree = mine is not None and theirs is not None and \
                theirs == mine and theirs
            if not agree:
                print("# kernel's header: %s" % theirs)
                print("# ours:            %s" % mine)
                for text in (theirs_out, mine_out):
                    print("# " + text.replace("\n", "\n# "))
            print("%s %d %s: every test's verdict matches the kernel's "
                  "header's" % ("ok" if agree else "not ok", n, program))
    return 0


if __name__ == "__main__":
    sys.exit(main())
