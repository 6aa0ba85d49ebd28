# SPDX-License-Identifier: GPL-2.0-only
"""The kernel's own tools, from Debian's linux-source-6.12 package, for
tests that check vmalock against the real thing. Nothing from it is ever
committed: the folders a test needs are extracted at test time into a
cache folder (normally in the build directory) and reused from there.
"""
import hashlib
import os
import shutil
import subprocess
import tempfile

PACKAGE = "linux-source-6.12"
TARBALL = "/usr/src/linux-source-6.12.tar.xz"
TOP = "linux-source-6.12"
SKIP = 77  # meson's exit code for a skipped test


class Missing(Exception):
    """The package is not installed."""


def extract(paths, cache):
    """Returns the folder holding TOP/PATH for every PATH in paths,
    extracting what is missing from the package's tarball (once; two tests
    extracting the same thing at once both end up with a whole copy)."""
    if not os.path.exists(TARBALL):
        raise Missing("%s is missing: apt-get install %s (the project's "
                      "tests install it as root)" % (TARBALL, PACKAGE))
    os.makedirs(cache, exist_ok=True)
    key = hashlib.sha1("\n".join(sorted(paths)).encode()).hexdigest()[:16]
    done = os.path.join(cache, key)
    if os.path.isdir(done):
        return done
    work = tempfile.mkdtemp(dir=cache)
    subprocess.run(["tar", "-C", work, "-xJf", TARBALL] +
                   [TOP + "/" + p for p in paths], check=True)
    try:
        os.rename(work, done)
    except OSError:
        shutil.rmtree(work)
        if not os.path.isdir(done):     # not another test getting there first
            raise
    return done
