#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Kernel code leans on include chains: a file that includes
<linux/printk.h> may use ____cacheline_aligned_in_smp because the
kernel's printk.h brings in <linux/cache.h>. For every header the shim
(or mm/include) provides under a kernel name, each of the BASIC headers
that the kernel's version of it includes, directly or not (slab.h brings
mmdebug.h through gfp.h, mmzone.h and page-flags.h), must come with ours
too. (Not every header: followed through every #ifdef, the kernel's graph
reaches nearly all of include/ from anywhere.)

The kernel's include graph is read from Debian's linux-source-6.12
(extracted at test time); a header counts as brought in only along
includes that exist there, so the check errs on the side of asking less.

Usage: check_includes.py SCRIPTS_LIB CC FLAGS... -- INCLUDE_DIR...
(CC: the compiler with the build's -I and -include flags after it)
Prints TAP; skipped whole when linux-source-6.12 is not installed.
"""
import os
import re
import subprocess
import sys
import tempfile

from lib import linux_source  # scripts/lib, on PYTHONPATH (meson.build)

# The basics kernel code commonly gets without asking. (Not minmax.h and
# kernel.h: their min/max/swap macros would break the C++ runtime, which
# includes the shim's headers too; kernel code includes those itself.)
BASIC = [
    "linux/types.h", "linux/compiler.h", "linux/stddef.h", "linux/cache.h",
    "linux/build_bug.h", "linux/bug.h", "linux/err.h", "linux/errno.h",
    "linux/limits.h", "linux/printk.h", "linux/export.h", "asm/barrier.h",
    "linux/atomic.h", "linux/list.h", "linux/lockdep_types.h",
    "linux/spinlock_types.h", "linux/refcount_types.h",
    # Reached through long chains: slab.h brings VM_WARN_ON_ONCE() by way
    # of gfp.h, mmzone.h, page-flags.h and mmdebug.h.
    # (Not cleanup.h: its function-like guard() would break the C++
    # runtime's std::lock_guard guard(...).)
    "linux/mmdebug.h", "linux/string.h", "linux/poison.h",
]
INCLUDE = re.compile(r'^\s*#\s*include\s*<([^>]+)>', re.M)
GUARD = re.compile(r'^#ifndef (_\w+_H\w*)\s*$', re.M)
KERNEL_DIRS = ["include", "arch/x86/include", "arch/x86/include/uapi",
               "include/uapi"]


def kernel_closure(root, header):
    seen, todo = set(), [header]
    while todo:
        h = todo.pop()
        for d in KERNEL_DIRS:
            path = os.path.join(root, d, h)
            if os.path.exists(path):
                for inc in INCLUDE.findall(open(path, errors="replace")
                                           .read()):
                    if inc not in seen:
                        seen.add(inc)
                        todo.append(inc)
                break
    return seen


def ours(include_dirs):
    found = {}
    for base in include_dirs:
        for d, _, files in os.walk(base):
            for f in files:
                if f.endswith(".h"):
                    rel = os.path.relpath(os.path.join(d, f), base)
                    found.setdefault(rel, os.path.join(d, f))
    return found


def main():
    cc = sys.argv[1]
    rest = sys.argv[2:]
    split = rest.index("--")
    flags, include_dirs = rest[:split], rest[split + 1:]
    root = linux_source.require(["include", "arch/x86/include"])
    root = os.path.join(root, linux_source.TOP)
    provided = ours(include_dirs)
    guards = {}
    for b in BASIC:
        m = GUARD.search(open(provided[b]).read()) if b in provided else None
        if m:
            guards[b] = m.group(1)

    checks = []
    with tempfile.TemporaryDirectory() as tmp:
        for header in sorted(provided):
            if not os.path.exists(os.path.join(root, "include", header)) \
                    and not os.path.exists(os.path.join(
                        root, "arch/x86/include", header)):
                continue        # ours only
            wanted = sorted(b for b in kernel_closure(root, header)
                            if b in guards and b != header)
            if not wanted:
                continue
            src = os.path.join(tmp, "t.c")
            with open(src, "w") as f:
                f.write("#include <%s>\n" % header)
                for b in wanted:
                    f.write("#ifndef %s\n#error \"<%s> does not bring in "
                            "<%s>, as the kernel's does\"\n#endif\n"
                            % (guards[b], header, b))
            p = subprocess.run([cc] + flags + ["-fsyntax-only", src],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            missing = re.findall(r'does not bring in <([^>]+)>', p.stdout)
            other = p.returncode and not missing
            checks.append((header, missing, p.stdout if other else ""))
    print("TAP version 13")
    print("1..%d" % len(checks))
    for n, (header, missing, error) in enumerate(checks, 1):
        if missing:
            print("# <%s> lacks: %s" % (header, " ".join(sorted(missing))))
        if error:
            print("# " + error.replace("\n", "\n# "))
        print("%s %d <%s> brings in what the kernel's does"
              % ("not ok" if missing or error else "ok", n, header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
