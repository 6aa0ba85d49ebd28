#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Build helper (user space only): copies a kernel tree's header into the
build directory with a #line directive naming the original, so that the
compiler's errors and warnings, and the debug info, point at the user's
own file, not at the build directory's copy.

Usage: line_marked_copy.py SOURCE DEST
"""
import sys


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    src, dst = argv[1:]
    with open(src) as f:
        text = f.read()
    quoted = src.replace("\\", "\\\\").replace('"', '\\"')
    with open(dst, "w") as f:
        f.write('#line 1 "%s"\n' % quoted)
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
