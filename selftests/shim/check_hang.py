#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A free-running test that hangs reports every task's state and stack and
the locks held (hang_test.c hangs on purpose): at once when every task
sleeps with nothing left to wake one, else when its timeout kills it; the
first lines in the TAP diagnostics, the whole report in the test's log,
and, after a timeout, a reproduce command that carries the timeout
multiplier in force.

Usage: check_hang.py HANG_TEST [with-lockdep|without-lockdep]
Without lockdep no report shows the locks held (as the kernel's
debug_show_all_locks()): that check is then a skip.
Prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile

BLOCKED = "hang.reader_behind_a_writer_waiting_for_it"
BUSY = "hang.busy_wait_that_never_ends"


def run(prog, test, multiplier, logdir):
    env = dict(os.environ, VMALOCK_TIMEOUT_MULTIPLIER=multiplier)
    p = subprocess.run([prog, "--log-dir", logdir, "-r", test], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    log_path = os.path.join(logdir, test + ".log")
    log = open(log_path).read() if os.path.exists(log_path) else ""
    return p.stdout, log


def main():
    if len(sys.argv) < 2 or sys.argv[2:] not in (
            [], ["with-lockdep"], ["without-lockdep"]):
        sys.exit(__doc__)
    prog = sys.argv[1]
    lockdep = sys.argv[2:] != ["without-lockdep"]
    checks = []

    def check(name, ok, *context):
        checks.append((name, ok, context))

    with tempfile.TemporaryDirectory() as logdir:
        out, log = run(prog, BLOCKED, "1", logdir)
        # Every task asleep with nothing left to wake one: a hang that is
        # reported at once, not at the timeout.
        check("a test whose tasks all sleep fails at once, not by timeout",
              re.search(r"^not ok 1 %s #  INFO: task hang_reader:\d+ "
                        r"blocked for more than 0 seconds\.$" % BLOCKED, out,
                        re.M) and "TIMEOUT" not in out, out)
        check("the diagnostics name the blocked task (hung-task format)",
              re.search(r"^# \w+: INFO: task hang_reader:\d+ blocked for "
                        r"more than 0 seconds\.$", out, re.M), out)
        check("the diagnostics point at the whole report",
              "full report in %s/%s.log" % (logdir, BLOCKED) in out, out)
        check("the log says why it did not wait for the timeout",
              "nothing is left to wake one" in log and
              "The test can never finish" in log, log)
        check("the log shows the blocked task's state and stack",
              re.search(r"^task:hang_reader +state:D pid:\d+", log, re.M) and
              # (which frames inlining leaves depends on the compiler)
              re.search(r"^ \S+ \(kernel_shim/kernel/locking/rwsem\.c:"
                        r"\d+\)$", log, re.M) and
              re.search(r"^ reader_blocks_on_the_writer \(selftests/shim/"
                        r"hang_test\.c:\d+\)$", log, re.M), log)
        check("the log shows the waiter's stack too",
              re.search(r"^ \w*reader_behind_a_writer_waiting_for_it \("
                        r"selftests/shim/hang_test\.c:\d+", log, re.M), log)
        if lockdep:
            check("the log shows the locks held, as debug_show_all_locks()",
                  "Showing all locks held in the system:" in log and
                  re.search(r"^1 lock held by hang_test/\d+:\n #0: "
                            r"[0-9a-f]+ \(hang_sem\)\{\+\.\+\.\}", log,
                            re.M), log)
        else:
            check("the log shows the locks held # SKIP built without "
                  "lockdep", True)

        out, log = run(prog, BUSY, "1.5", logdir)
        check("a busy wait is reported as no task blocked",
              re.search(r"^# INFO: task hang_test:\d+ did not finish in 3 "
                        r"seconds; no task is blocked", out, re.M), out)
        check("the busy task's stack is in the log",
              re.search(r"^ \w*busy_wait_that_never_ends \(selftests/shim/"
                        r"hang_test\.c:\d+", log, re.M), log)
        check("the reproduce command carries a multiplier of 1.5",
              re.search(r"# TIMEOUT 3s$", out, re.M) and
              "--timeout-multiplier 1.5 -r " + BUSY in out, out)

    print("TAP version 13")
    print("1..%d" % len(checks))
    for n, (name, ok, context) in enumerate(checks, 1):
        if not ok:
            for c in context:
                print("\n".join("# " + l for l in c.splitlines()))
        print("%s %d %s" % ("ok" if ok else "not ok", n, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
