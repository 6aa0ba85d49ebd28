#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""kernel-doc of the headers tests and kernel code use beyond the kernel's
own API: the harness macros and <shim/*.h>.

Usage: check_kernel_doc.py SOURCE_ROOT HEADER...

For each HEADER (relative to SOURCE_ROOT), as TAP:
  - the kernel's own scripts/kernel-doc (from linux-source-6.12) reads it
    with -Wall and says nothing;
  - every function-like macro and function it declares whose name does
    not start with '_' has a kernel-doc block;
  - a page of Documentation/ pulls it in with '.. kernel-doc:: HEADER',
    as the kernel's documentation pulls its own.
Skips (as TAP) where linux-source-6.12 is not installed.
"""
import glob
import os
import re
import shutil
import subprocess
import sys

import tap  # selftests/scripts/tap.py
from lib import linux_source  # scripts/lib, on PYTHONPATH (meson.build)

# "#define NAME(" and "TYPE NAME(...);" at the start of a line.
DECLARED = re.compile(r"^(?:#define\s+([A-Za-z]\w*)\(|"
                      r"(?:static\s+inline\s+)?(?:[\w*]+\s+)+\**([A-Za-z]\w*)\()",
                      re.M)
DOCUMENTED = re.compile(r"^\.\. c:(?:macro|function)::\s+(?:.*?[\s*])?"
                        r"([A-Za-z_]\w*)\s*(?:\(|$)", re.M)


def declared(text):
    names = set()
    for m in DECLARED.finditer(text):
        name = m.group(1) or m.group(2)
        if name and not name.startswith("_"):
            names.add(name)
    return names


def main():
    root, headers = sys.argv[1], sys.argv[2:]
    top = linux_source.require(["scripts/kernel-doc"])
    kernel_doc = os.path.join(top, linux_source.TOP, "scripts/kernel-doc")
    if not shutil.which("perl"):
        print("TAP version 13\n1..0 # SKIP perl is missing (scripts/kernel-doc"
              " is a Perl script): apt-get install perl")
        return 0
    pulled = ""
    for rst in glob.glob(os.path.join(root, "Documentation", "**", "*.rst"),
                         recursive=True):
        pulled += open(rst).read()
    checks = []
    for h in headers:
        path = os.path.join(root, h)
        r = subprocess.run(["perl", kernel_doc, "-none", "-Wall", path],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        checks.append((r.returncode == 0 and not r.stdout.strip(),
                       "%s: kernel-doc -Wall is silent" % h, r.stdout))
        rst = subprocess.run(["perl", kernel_doc, "-rst", path],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True).stdout
        missing = sorted(declared(open(path).read()) -
                         set(DOCUMENTED.findall(rst)))
        checks.append((not missing, "%s: everything public has kernel-doc" % h,
                       "no kernel-doc block for: " + ", ".join(missing)))
        checks.append(("\n.. kernel-doc:: %s\n" % h in pulled,
                       "%s: pulled into Documentation/" % h,
                       "no '.. kernel-doc:: %s' in Documentation/" % h))
    return tap.print_checks(checks)


if __name__ == "__main__":
    sys.exit(main())
