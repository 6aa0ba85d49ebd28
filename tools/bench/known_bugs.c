// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bugs of known depth, for tools/bench/strategy_bench.py: how many
 * schedules each strategy of the deterministic scheduler needs to find
 * each. Every test fails in some schedules and passes in others. The
 * depth d is PCT's: the number of ordering constraints between the tasks'
 * steps that the failing schedules need (Burckhardt et al., ASPLOS 2010).
 */
#include <linux/atomic.h>
#include <linux/rcuwait.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <shim/sched.h>

#include "../../selftests/shim/shim_test.h"

/* Runs @a and @b as two tasks on @arg and waits for both. */
static void run_two(struct __test_metadata *_metadata, void *(*a)(void *),
		    void *(*b)(void *), void *arg)
{
	pthread_t ta, tb;

	START_THREAD(ta, a, arg);
	START_THREAD(tb, b, arg);
	JOIN_THREAD(ta);
	JOIN_THREAD(tb);
}

/* d = 2: both tasks check before either acts. */
struct once {
	atomic_t claimed;
	atomic_t winners;
};

static void *claim(void *arg)
{
	struct once *o = arg;

	if (!atomic_read(&o->claimed)) {
		atomic_set(&o->claimed, 1);
		atomic_inc(&o->winners);
	}
	return NULL;
}

TEST(check_then_act)
{
	struct once o = {};

	run_two(_metadata, claim, claim, &o);
	ASSERT_EQ(1, atomic_read(&o.winners));
}

/* d = 2: both tasks read the counter before either writes it back. */
static void *increment(void *arg)
{
	int *counter = arg;

	WRITE_ONCE(*counter, READ_ONCE(*counter) + 1);
	return NULL;
}

TEST(lost_update)
{
	int counter = 0;

	run_two(_metadata, increment, increment, &counter);
	ASSERT_EQ(2, counter);
}

/*
 * d = 2: a reader takes a reference to whatever the slot holds, and only
 * then checks that it is the object it looked up; meanwhile the owner
 * drops the object and installs another in its place, reusing its
 * storage (an ABA on a refcount, the shape SLAB_TYPESAFE_BY_RCU readers
 * must recheck for).
 */
struct object {
	refcount_t ref;
	int generation;
};

struct slot {
	struct object obj;
	struct object *installed;
	int seen;		/* the generation the reader meant to pin */
	int pinned;		/* the generation it pinned */
};

static void *pin(void *arg)
{
	struct slot *s = arg;
	struct object *o = READ_ONCE(s->installed);

	if (!o)
		return NULL;
	WRITE_ONCE(s->seen, READ_ONCE(o->generation));
	if (refcount_inc_not_zero(&o->ref)) {
		WRITE_ONCE(s->pinned, READ_ONCE(o->generation));
		refcount_dec(&o->ref);
	}
	return NULL;
}

static void *replace(void *arg)
{
	struct slot *s = arg;

	WRITE_ONCE(s->installed, NULL);
	if (refcount_dec_and_test(&s->obj.ref)) {
		/* The same storage, a new object. */
		WRITE_ONCE(s->obj.generation, s->obj.generation + 1);
		refcount_set(&s->obj.ref, 1);
		WRITE_ONCE(s->installed, &s->obj);
	}
	return NULL;
}

TEST(aba_on_a_refcount)
{
	struct slot s = { .obj = { .generation = 1 } };
	pthread_t a, b;

	refcount_set(&s.obj.ref, 1);
	s.installed = &s.obj;
	START_THREAD(a, pin, &s);
	START_THREAD(b, replace, &s);
	JOIN_THREAD(a);
	JOIN_THREAD(b);
	/* It pinned the object it looked up, or nothing. */
	if (READ_ONCE(s.pinned))
		ASSERT_EQ(s.seen, s.pinned);
}

/*
 * d = 2: the waiter checks the condition before it is registered and
 * sleeping; the waker sets the condition and finds nobody to wake (its
 * wake-up comes before the registration), then the waiter sleeps for ever
 * without looking again. The scheduler reports the hang.
 */
struct flag_wait {
	int cond;
	struct rcuwait wait;
};

static void *wait_for_flag(void *arg)
{
	struct flag_wait *w = arg;

	set_task_comm(current, "waiter");
	if (!READ_ONCE(w->cond)) {
		/* Should register and set its state before the check. */
		rcu_assign_pointer(w->wait.task, current);
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
		__set_current_state(TASK_RUNNING);
		rcu_assign_pointer(w->wait.task, NULL);
	}
	return NULL;
}

TEST(missed_wakeup)
{
	static struct flag_wait w;
	pthread_t t;

	if (!shim_sched_active())
		SKIP(return, "hangs without the scheduler (--sched)");
	w.cond = 0;
	rcuwait_init(&w.wait);
	START_THREAD(t, wait_for_flag, &w);
	WRITE_ONCE(w.cond, 1);
	rcuwait_wake_up(&w.wait);
	JOIN_THREAD(t);
}

/*
 * d = 3: the failure needs three alternations: a's first store before b
 * reads it, b's store before a reads it, a's second store before b's
 * last read.
 */
struct relay {
	int x, y, z;
	int bad;
};

static void *relay_a(void *arg)
{
	struct relay *r = arg;

	WRITE_ONCE(r->x, 1);
	if (READ_ONCE(r->y))
		WRITE_ONCE(r->z, 1);
	return NULL;
}

static void *relay_b(void *arg)
{
	struct relay *r = arg;

	if (READ_ONCE(r->x)) {
		WRITE_ONCE(r->y, 1);
		if (READ_ONCE(r->z))
			WRITE_ONCE(r->bad, 1);
	}
	return NULL;
}

TEST(three_alternations)
{
	struct relay r = {};

	run_two(_metadata, relay_a, relay_b, &r);
	ASSERT_EQ(0, r.bad);
}

TEST_HARNESS_MAIN
