#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""kernel-doc of the headers tests and kernel code use beyond the kernel's
own API: the harness macros and <shim/*.h>.

Usage: check_kernel_doc.py SOURCE_ROOT HEADER...

First, that the check sees an undocumented macro, function and inline
in a probe header. Then for each HEADER (relative to SOURCE_ROOT), as TAP:
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
import tempfile

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


def undocumented(kernel_doc, path):
    """The public functions and function-like macros of @path that
    kernel-doc's -rst output does not document."""
    rst = subprocess.run(["perl", kernel_doc, "-rst", path],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True).stdout
    return sorted(declared(open(path).read()) - set(DOCUMENTED.findall(rst)))


def self_check(kernel_doc):
    """The check itself must see what is missing: a header with one
    documented macro and an undocumented macro, function and inline."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "probe.h")
        with open(path, "w") as f:
            f.write("/**\n * good() - documented\n * @x: x\n */\n"
                    "#define good(x) (x)\n#define bad_macro(y) (y)\n"
                    "int bad_function(int a);\n"
                    "static inline bool bad_inline(void) { return 0; }\n")
        found = undocumented(kernel_doc, path)
    want = ["bad_function", "bad_inline", "bad_macro"]
    return (found == want, "the check names what has no kernel-doc",
            "on a probe header it found %s, not %s" % (found, want))


def main():
    root, headers = sys.argv[1], sys.argv[2:]
    top = linux_source.require(["scripts/kernel-doc"])
    kernel_doc = os.path.join(top, linux_source.TOP, "scripts/kernel-doc")
    # scripts/kernel-doc is Perl and needs Pod::Usage, which is in Debian's
    # perl package, not in the essential perl-base.
    if not shutil.which("perl") or subprocess.run(
            ["perl", "-MPod::Usage", "-e", "1"],
            stderr=subprocess.DEVNULL).returncode:
        print("TAP version 13\n1..0 # SKIP perl's Pod::Usage is missing "
              "(scripts/kernel-doc needs it): apt-get install perl")
        return 0
    pulled = ""
    for rst in glob.glob(os.path.join(root, "Documentation", "**", "*.rst"),
                         recursive=True):
        pulled += open(rst).read()
    checks = [self_check(kernel_doc)]
    for h in headers:
        path = os.path.join(root, h)
        r = subprocess.run(["perl", kernel_doc, "-none", "-Wall", path],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        checks.append((r.returncode == 0 and not r.stdout.strip(),
                       "%s: kernel-doc -Wall is silent" % h, r.stdout))
        missing = undocumented(kernel_doc, path)
        checks.append((not missing, "%s: everything public has kernel-doc" % h,
                       "no kernel-doc block for: " + ", ".join(missing)))
        checks.append(("\n.. kernel-doc:: %s\n" % h in pulled,
                       "%s: pulled into Documentation/" % h,
                       "no '.. kernel-doc:: %s' in Documentation/" % h))
    return tap.print_checks(checks)


if __name__ == "__main__":
    sys.exit(main())
