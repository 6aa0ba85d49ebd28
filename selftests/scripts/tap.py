# SPDX-License-Identifier: GPL-2.0-only
"""The TAP the checks in selftests/scripts/ print."""


def print_checks(checks):
    """Prints [(ok, name, detail)] as TAP, the detail of each failure as
    diagnostics; 0 if every check passed, else 1."""
    print("TAP version 13")
    print("1..%d" % len(checks))
    for n, (ok, name, detail) in enumerate(checks, 1):
        if not ok:
            print("# " + detail.strip().replace("\n", "\n# "))
        print("%s %d %s" % ("ok" if ok else "not ok", n, name))
    return 0 if all(ok for ok, _, _ in checks) else 1
