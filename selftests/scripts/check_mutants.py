#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""scripts/mutate's operators (scripts/lib/mutants.py) on a small piece
of lock code: each makes the mutants it should, and none in comments,
strings or preprocessor lines; and which equivalent-mutant entries a run
calls stale.

Usage: check_mutants.py SOURCE_ROOT
Prints TAP.
"""
import os
import sys

import tap  # selftests/scripts/tap.py

from lib import mutants  # scripts/lib, on PYTHONPATH (meson.build)

CODE = r'''
/* smp_mb(); rcu_read_lock(); in a comment: never mutated */
#define NOT_CODE() smp_store_release(&x, 1)
static const char *s = "smp_rmb();";

static inline void put(struct thing *t)
{
	struct mm_struct *mm = t->mm;
	int newcnt;

	lock_release(&t->dep_map, 0);
	newcnt = __vma_refcount_put_return(t);
	if (newcnt != 1 && newcnt > THING_REFCNT_LIMIT)
		rcuwait_wake_up(&mm->wait);
}

void reader(struct thing *t)
{
	rcu_read_lock();
	if (smp_load_acquire(&t->ready) == 1)
		WRITE_ONCE(t->seen, READ_ONCE(t->value));
	smp_rmb();
	refcount_set_release(&t->ref, 1);
	(void)__refcount_inc_not_zero_limited_acquire(&t->ref, &t->old, t->max);
	atomic_add_return(1, &t->count);
	rcu_read_unlock();
}
'''
KNOWN = {"refcount_set", "atomic_add_return_relaxed", "int",
         "__refcount_inc_not_zero_limited"}


def changes(ms, op):
    return sorted((m.before, m.replacement) for m in ms if m.operator == op)


def main():
    ms = mutants.generate("t.c", CODE, KNOWN)
    checks = []

    def want(name, got, expected):
        checks.append((got == sorted(expected), name,
                       "got %r, want %r" % (got, sorted(expected))))

    want("weaken-order: acquire/release to READ_ONCE or the relaxed form",
         changes(ms, "weaken-order"),
         [("smp_load_acquire", "READ_ONCE"),
          ("refcount_set_release", "refcount_set"),
          ("__refcount_inc_not_zero_limited_acquire",
           "__refcount_inc_not_zero_limited"),
          ("atomic_add_return", "atomic_add_return_relaxed")])
    want("delete-barrier: only the one in code",
         changes(ms, "delete-barrier"), [("\tsmp_rmb();", "")])
    want("plain-access: READ_ONCE and WRITE_ONCE",
         changes(ms, "plain-access"),
         [("READ_ONCE(t->value)", "(t->value)"),
          ("WRITE_ONCE(t->seen, READ_ONCE(t->value))",
           "((t->seen) = (READ_ONCE(t->value)))")])
    want("delete-wakeup keeps the argument evaluated",
         changes(ms, "delete-wakeup"),
         [("rcuwait_wake_up(&mm->wait);", "(void)(&mm->wait);")])
    want("delete-rcu: lock and unlock",
         changes(ms, "delete-rcu"),
         [("\trcu_read_lock();", ""), ("\trcu_read_unlock();", "")])
    want("duplicate-rcu: lock and unlock",
         changes(ms, "duplicate-rcu"),
         [("rcu_read_lock();", "rcu_read_lock(); rcu_read_lock();"),
          ("rcu_read_unlock();", "rcu_read_unlock(); rcu_read_unlock();")])
    moved = [m.apply(CODE) for m in ms if m.operator == "move-after-put"]
    want("move-after-put: the mm read and the lockdep release, past the put",
         sorted(c.split("newcnt = __vma_refcount_put_return(t);")[1]
                .split("if (")[0].strip() for c in moved),
         ["lock_release(&t->dep_map, 0);", "mm = t->mm;"])
    want("off-by-one: the constant and the comparisons on refcount lines",
         changes(ms, "off-by-one"),
         [(">", ">="), ("1", "0"), ("1", "2"),
          ("THING_REFCNT_LIMIT", "(THING_REFCNT_LIMIT + 1)"),
          ("THING_REFCNT_LIMIT", "(THING_REFCNT_LIMIT - 1)")])
    want("negate-condition: both ifs",
         changes(ms, "negate-condition"),
         [("newcnt != 1 && newcnt > THING_REFCNT_LIMIT",
           "!(newcnt != 1 && newcnt > THING_REFCNT_LIMIT)"),
          ("smp_load_acquire(&t->ready) == 1",
           "!(smp_load_acquire(&t->ready) == 1)")])
    want("delete-lockdep: the release annotation",
         changes(ms, "delete-lockdep"),
         [("lock_release(&t->dep_map, 0);", "(void)(&t->dep_map, 0);")])
    ids = [m.id for m in ms]
    checks.append((len(set(ids)) == len(ids), "mutant ids are unique",
                   "ids: %r" % ids))
    again = [m.id for m in mutants.generate("t.c", CODE, KNOWN)]
    checks.append((again == ids, "mutant ids are stable", ""))
    barriers = mutants.generate("t.c", CODE, KNOWN, ["delete-barrier"])
    listed = [barriers[0].id, "t.c:reader:delete-barrier@00000000",
              next(i for i in ids if ":weaken-order@" in i),
              "u.c:reader:delete-barrier@00000000"]
    stale = mutants.stale_ids(listed, barriers, ["t.c"], ["delete-barrier"])
    checks.append((stale == ["t.c:reader:delete-barrier@00000000"],
                   "only a listed id of this run's files and operators that "
                   "it did not generate is stale", "stale: %r" % stale))
    return tap.print_checks(checks)


if __name__ == "__main__":
    sys.exit(main())
