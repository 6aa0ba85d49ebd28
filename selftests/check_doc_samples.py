#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Every sample output in Documentation/ that is marked

    .. vmalock-sample: PROGRAM ARGS...

(an rST comment, invisible in the rendered page) is what that command
prints now: the literal block that follows the marker, after its first
'$ build/PROGRAM ARGS...' line, must equal the real output, run from the
build directory, with the build directory shown as 'build/' and pids and
addresses masked. A marker without a block, or a block without a marker
line, is an error too.

Usage: check_doc_samples.py SOURCE_ROOT BUILD_DIR
Prints TAP.
"""
import difflib
import glob
import os
import re
import shlex
import subprocess
import sys

MARKER = re.compile(r"^\.\. vmalock-sample: (.+)$")


def literal_block(lines, start):
    """The indented block after the first '::' or code-block at or after
    @start, dedented, without trailing blank lines."""
    i = start
    while i < len(lines) and not (lines[i].rstrip().endswith("::") or
                                  lines[i].startswith(".. code-block::")):
        i += 1
    i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    block = []
    while i < len(lines) and (lines[i].startswith("    ") or
                              not lines[i].strip()):
        block.append(lines[i][4:])
        i += 1
    while block and not block[-1].strip():
        block.pop()
    return block


def mask(text):
    text = re.sub(r"(vmalock-logs/[\w.-]+)\.\d+", r"\1.PID", text)
    text = re.sub(r"\bPID: \d+", "PID: N", text)
    text = re.sub(r"\b[0-9a-f]{12,16}\b", "ADDR", text)
    return text


def samples(root):
    for path in sorted(glob.glob(os.path.join(root, "Documentation", "**",
                                              "*.rst"), recursive=True)):
        lines = open(path).read().splitlines()
        for n, line in enumerate(lines):
            m = MARKER.match(line)
            if m:
                yield os.path.relpath(path, root), n + 1, m.group(1), \
                    literal_block(lines, n + 1)


def main():
    root, build = sys.argv[1:3]
    checks = []
    for path, line, command, block in samples(root):
        argv = shlex.split(command)
        shown = "$ build/" + command
        name = "%s:%d: %s" % (path, line, command)
        if not block or block[0] != shown:
            checks.append((name, ["the block must start with: " + shown]))
            continue
        env = dict(os.environ, VMALOCK_TIMEOUT_MULTIPLIER="1")
        p = subprocess.run(argv, cwd=build, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        # (rST blocks hold no tabs: compare with tabs expanded)
        real = mask(p.stdout.expandtabs(8)).rstrip("\n").splitlines()
        # The program as the reader runs it, from the top of the tree
        # (its source file, selftests/.../x.c, is not the program).
        prog = re.compile(r"(?<![\w/])%s(?=\s|$)" % re.escape(argv[0]))
        real = [prog.sub("build/" + argv[0], l) for l in real]
        written = [mask(l) for l in block[1:]]
        checks.append((name, list(difflib.unified_diff(
            written, real, "documented", "real", lineterm=""))))
    print("TAP version 13")
    print("1..%d" % len(checks))
    if not checks:
        print("# no sample is marked: the checker found nothing to check")
    for n, (name, diff) in enumerate(checks, 1):
        for d in diff:
            print("# " + d)
        print("%s %d %s" % ("not ok" if diff else "ok", n, name))
    return 0 if checks else 1


if __name__ == "__main__":
    sys.exit(main())
