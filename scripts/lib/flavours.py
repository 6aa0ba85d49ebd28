# SPDX-License-Identifier: GPL-2.0-only
"""The standard builds, from the table in scripts/lib/flavours (which
builds.sh reads too)."""
import os
import shutil

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "flavours")


class Flavour:
    def __init__(self, name, compilers, build_dir, args):
        self.name = name
        self.compilers = compilers.split(",")
        self.build_dir = build_dir
        self.args = args

    def compiler(self):
        """(CC, CXX): the first of the table's compilers that is
        installed (else the first: meson then says what is missing)."""
        cc = next((c for c in self.compilers if shutil.which(c)),
                  self.compilers[0])
        return cc, cc.replace("gcc", "g++").replace("clang", "clang++")


def read():
    """{name: Flavour} in the table's order."""
    found = {}
    with open(TABLE) as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if words:
                found[words[0]] = Flavour(words[0], words[1], words[2],
                                          words[3:])
    return found


def get(name):
    table = read()
    if name not in table:
        raise KeyError("unknown build flavour '%s' (known: %s)" %
                       (name, " ".join(table)))
    return table[name]
