# SPDX-License-Identifier: GPL-2.0-only
"""The kernel's own tools, from Debian's linux-source-6.12 package, for
tests that check vmalock against the real thing. Nothing from it is ever
committed: what the tests need (NEEDED, a small part of the tarball) is
extracted at test time, once per machine and tarball, into a cache folder
($VMALOCK_CACHE_DIR, else ~/.cache/vmalock) that every build shares;
decompressing the tarball is the slow part.
"""
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

PACKAGE = "linux-source-6.12"
# VMALOCK_LINUX_SOURCE names another tarball: CI points it at nothing to
# check that the tests that need it skip cleanly on a machine without it.
TARBALL = os.environ.get("VMALOCK_LINUX_SOURCE",
                         "/usr/src/linux-source-6.12.tar.xz")
TOP = "linux-source-6.12"
SELFTESTS = "tools/testing/selftests"
# Everything any test reads, extracted in one pass.
NEEDED = [
    "tools/testing/kunit",
    "include",
    "scripts/kernel-doc",
    "arch/x86/include",
    SELFTESTS + "/kselftest.h",
    SELFTESTS + "/kselftest_harness.h",
    SELFTESTS + "/core/close_range_test.c",
    SELFTESTS + "/clone3/clone3_selftests.h",
    SELFTESTS + "/exec/non-regular.c",
    SELFTESTS + "/ptrace/get_syscall_info.c",
    SELFTESTS + "/mincore/mincore_selftest.c",
    "tools/memory-model",
    "Documentation/litmus-tests",
]


class Missing(Exception):
    """The package is not installed."""


def cache_dir():
    return os.environ.get("VMALOCK_CACHE_DIR") or \
        os.path.join(os.path.expanduser("~"), ".cache", "vmalock")


def extract(paths):
    """The folder that holds TOP/PATH for every PATH in @paths (each must
    be in NEEDED or under one of its folders)."""
    for p in paths:
        if not any(p == n or p.startswith(n + "/") for n in NEEDED):
            raise ValueError("%s: add it to linux_source.NEEDED" % p)
    if not os.path.exists(TARBALL):
        raise Missing("%s is missing: apt-get install %s (the project's "
                      "tests install it as root)" % (TARBALL, PACKAGE))
    st = os.stat(TARBALL)
    key = hashlib.sha1(("%d %d\n" % (st.st_size, st.st_mtime_ns) +
                        "\n".join(NEEDED)).encode()).hexdigest()[:16]
    cache = cache_dir()
    os.makedirs(cache, exist_ok=True)
    done = os.path.join(cache, key)
    # One test extracts while the others (of every build) wait for it.
    with open(os.path.join(cache, key + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.isdir(done):
            work = tempfile.mkdtemp(dir=cache)
            try:
                subprocess.run(["tar", "-C", work, "-xJf", TARBALL] +
                               [TOP + "/" + p for p in NEEDED], check=True)
                os.rename(work, done)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    return done


def require(paths):
    """extract(@paths), or, where the package is missing, the whole TAP
    program skipped: '1..0 # SKIP why' and exit 0. (A TAP-protocol test
    that exits 77 is an ERROR to meson; a zero plan with a SKIP directive
    and exit 0 is a SKIP, to meson and to the kernel's kunit_parser.)"""
    try:
        return extract(paths)
    except Missing as e:
        print("TAP version 13")
        print("1..0 # SKIP %s" % e)
        sys.exit(0)
