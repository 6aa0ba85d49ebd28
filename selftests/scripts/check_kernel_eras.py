#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""-Dkernel_tree's feature tests (mm/include/vmalock/meson.build), at
configure time only (no build): the era and the compatibility pieces that
`meson setup` prints for this tree's own files laid out as a kernel tree
(7.0), for the 6.15-shaped fixture, and for the fixture with
vma_start_read() moved out of the header (a state between the two); that
an edit of the kernel tree's header is seen by the next ninja run (a
`git bisect` step), not answered from meson's check cache; and that a
header that does not compile is said to be so.

Usage: check_kernel_eras.py SOURCE_ROOT
Prints TAP.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import tap  # selftests/scripts/tap.py

FILES = ["include/linux/mmap_lock.h", "mm/mmap_lock.c"]


def lay_out(dst, header, source):
    for rel, src in zip(FILES, (header, source)):
        os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
        shutil.copyfile(src, os.path.join(dst, rel))


def messages(out):
    """{'era': ..., 'compat': ...} from what meson printed."""
    return dict(re.findall(r"^Message: mmap_lock (era|compat): (.*)$", out,
                           re.M))


def main():
    src = sys.argv[1]
    fixture = os.path.join(src, "selftests/mm/kernel_trees/6.15-like")
    ours = (os.path.join(src, "mm/include/linux/mmap_lock.h"),
            os.path.join(src, "mm/mmap_lock.c"))
    old = tuple(os.path.join(fixture, f) for f in FILES)
    checks = []

    def check(ok, name, detail):
        checks.append((ok, name, detail))

    with tempfile.TemporaryDirectory() as tmp:
        def setup(name):
            ktree = os.path.join(tmp, name)
            build = os.path.join(tmp, "build-" + name)
            p = subprocess.run(["meson", "setup", build, src,
                                "-Dkernel_tree=" + ktree],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            return ktree, build, p.returncode, p.stdout

        lay_out(os.path.join(tmp, "new"), *ours)
        _, _, code, out = setup("new")
        m = messages(out)
        check(code == 0 and m.get("era", "").startswith("7.0-era") and
              m.get("compat") == "none",
              "this tree's files: 7.0-era, no compatibility piece", out)

        ktree = os.path.join(tmp, "old")
        lay_out(ktree, *old)
        ktree, build, code, out = setup("old")
        m = messages(out)
        compat = m.get("compat", "")
        check(code == 0 and m.get("era", "").startswith("6.15/6.16-era"),
              "the fixture: 6.15/6.16-era", out)
        check("vma_is_attached() supplied" in compat and
              "no vma_start_write_killable()" in compat and
              "vma_assert_locked() without lockdep" in compat,
              "the fixture: vma_is_attached() supplied, killable and "
              "lockdep-assert tests skip", compat)

        # Move vma_start_read() out of the header, as the kernel did
        # after 6.16: ninja must re-run the feature tests on its own.
        h = os.path.join(ktree, FILES[0])
        text = open(h).read()
        moved = re.sub(r"static inline struct vm_area_struct \*vma_start_read"
                       r"\(.*?\n}\n", "", text, count=1, flags=re.S)
        check(moved != text, "the fixture has an inline vma_start_read()",
              "no match in " + h)
        with open(h, "w") as f:
            f.write(moved)
        p = subprocess.run(["ninja", "-C", build, "build.ninja"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        m = messages(p.stdout)
        check(p.returncode == 0 and
              "vma_start_read() out of line" in m.get("era", ""),
              "an edited header is tested again, not taken from the cache",
              p.stdout)

        broken = os.path.join(tmp, "broken.h")
        with open(broken, "w") as f:
            f.write(text.replace("static inline void vma_end_read(",
                                 "static inline void vma_end_read(int) x(",
                                 1))
        lay_out(os.path.join(tmp, "broken"), broken, old[1])
        _, _, code, out = setup("broken")
        check(code == 0 and re.search(r"WARNING: .*mmap_lock\.h does not "
                                      r"compile against the shim", out),
              "a header that does not compile is reported at setup", out)
    return tap.print_checks(checks)


if __name__ == "__main__":
    sys.exit(main())
