// SPDX-License-Identifier: GPL-2.0-only
/*
 * The deterministic scheduler's own suite (run with --sched; see
 * Documentation/dev-tools/sched.rst): hang and livelock reports, virtual
 * time, RCU grace periods and callback ordering, and a small test whose
 * dfs schedule count is known (check_sched.py asserts it).
 *
 * Tests that would hang free-running (the deliberate deadlocks) skip
 * without the scheduler.
 */
#include <time.h>

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/rcuwait.h>
#include <linux/sched.h>
#include <shim/sched.h>

#include "../shim/shim_test.h"

#define NEEDS_SCHED()                                                  \
	do {                                                           \
		if (!shim_sched_active())                              \
			SKIP(return, "needs the scheduler (--sched)"); \
	} while (0)

/* ---- a lost wake-up -------------------------------------------------- */

struct wakeup {
	struct rcuwait wait;
	int cond;
};

static void *sleeper(void *arg)
{
	struct wakeup *w = arg;

	set_task_comm(current, "sleeper");
	rcuwait_wait_event(&w->wait, READ_ONCE(w->cond),
			   TASK_UNINTERRUPTIBLE);
	return NULL;
}

/*
 * Until the sleeper is past its last look at the condition: under the
 * scheduler a spinning task lets the others run, and the sleeper needs
 * only a few steps from setting its state to sleeping.
 */
static void wait_until_asleep(struct wakeup *w)
{
	struct task_struct *t;
	int i;

	while (!(t = rcu_access_pointer(w->wait.task)) || task_is_running(t))
		cpu_relax();
	for (i = 0; i < 16; i++)
		cpu_relax();
}

/* The waker sets the condition once the sleeper sleeps, and forgets to wake it. */
TEST(lost_wakeup_is_a_hung_task_at_once)
{
	struct wakeup w = { .cond = 0 };
	pthread_t t;

	NEEDS_SCHED();
	EXPECT_REPORT("INFO: task sleeper:");
	EXPECT_REPORT("waiting on: schedule()");
	/* Each task's own stack: the sleeper's, and the joining test's. */
	EXPECT_REPORT(" sleeper (selftests/sched/sched_test.c:");
	EXPECT_REPORT(" lost_wakeup_is_a_hung_task_at_once (selftests/sched/sched_test.c:");
	rcuwait_init(&w.wait);
	START_THREAD(t, sleeper, &w);
	wait_until_asleep(&w);
	WRITE_ONCE(w.cond, 1);
	/* rcuwait_wake_up(&w.wait) is missing */
	JOIN_THREAD(t);
}

/* The same with the wake-up: no report. */
TEST(wakeup_after_the_condition_is_clean)
{
	struct wakeup w = { .cond = 0 };
	pthread_t t;

	rcuwait_init(&w.wait);
	START_THREAD(t, sleeper, &w);
	while (!rcuwait_active(&w.wait))
		cpu_relax();
	WRITE_ONCE(w.cond, 1);
	rcuwait_wake_up(&w.wait);
	JOIN_THREAD(t);
}

/* ---- AB-BA ------------------------------------------------------------- */

struct abba {
	struct mutex a, b;
	int a_held, b_held;
};

static void *take_b_then_a(void *arg)
{
	struct abba *d = arg;

	set_task_comm(current, "b_then_a");
	mutex_lock(&d->b);
	WRITE_ONCE(d->b_held, 1);
	while (!READ_ONCE(d->a_held))
		cpu_relax();
	mutex_lock(&d->a);
	mutex_unlock(&d->a);
	mutex_unlock(&d->b);
	return NULL;
}

/* Both tasks hold one mutex and wait for the other's: a certain deadlock. */
TEST(abba_deadlock_is_a_hung_task_with_the_locks_held)
{
	struct abba d = { 0 };
	pthread_t t;

	NEEDS_SCHED();
	EXPECT_REPORT("INFO: task b_then_a:");
	/* As the kernel's debug_show_all_locks(): only with lockdep. */
	if (IS_ENABLED(CONFIG_LOCKDEP))
		EXPECT_REPORT("Showing all locks held in the system:");
	mutex_init(&d.a);
	mutex_init(&d.b);
	mutex_lock(&d.a);
	START_THREAD(t, take_b_then_a, &d);
	WRITE_ONCE(d.a_held, 1);
	while (!READ_ONCE(d.b_held))
		cpu_relax();
	mutex_lock(&d.b);
	mutex_unlock(&d.b);
	mutex_unlock(&d.a);
	JOIN_THREAD(t);
}

/* ---- a writer starved by readers --------------------------------------- */

/*
 * A reader-preferring lock: the writer waits for no readers, and two
 * readers pass the lock between them so that there is always one.
 */
struct starve {
	atomic_t readers;
	int turn;
	int stop;
};

struct starve_reader {
	struct starve *s;
	int id;
};

/*
 * Leaves only on its turn and with the other reader inside: the leaving
 * is one RMW that refuses to take the count to 0 (a look at the count
 * and then a decrement may act on an old value, under the lkmm model).
 */
static void *turn_taking_reader(void *arg)
{
	struct starve_reader *r = arg;
	struct starve *s = r->s;

	atomic_inc(&s->readers);
	while (!READ_ONCE(s->stop)) {
		if (READ_ONCE(s->turn) != r->id ||
		    !atomic_add_unless(&s->readers, -1, 1)) {
			cpu_relax();
			continue;
		}
		WRITE_ONCE(s->turn, 1 - r->id);
		atomic_inc(&s->readers);
	}
	atomic_dec(&s->readers);
	return NULL;
}

static void *starved_writer(void *arg)
{
	struct starve *s = arg;

	set_task_comm(current, "starved_writer");
	/*
	 * Once both readers are seen inside, the count never reads 0 again
	 * (under the lkmm model an earlier look may return the count from
	 * before they came in, and the writer would not starve).
	 */
	while (atomic_read(&s->readers) < 2)
		cpu_relax();
	while (atomic_read(&s->readers))
		cpu_relax();
	WRITE_ONCE(s->stop, 1);
	return NULL;
}

TEST(writer_starved_by_readers_is_a_soft_lockup)
{
	struct starve s = { .readers = ATOMIC_INIT(0) };
	struct starve_reader r[2] = { { &s, 0 }, { &s, 1 } };
	pthread_t rt[2], wt;

	NEEDS_SCHED();
	EXPECT_REPORT("BUG: soft lockup");
	EXPECT_REPORT("starved_writer:");
	shim_sched_set_max_steps(20000);
	START_THREAD(rt[0], turn_taking_reader, &r[0]);
	START_THREAD(rt[1], turn_taking_reader, &r[1]);
	while (!atomic_read(&s.readers))
		cpu_relax();
	START_THREAD(wt, starved_writer, &s);
	JOIN_THREAD(wt);
	JOIN_THREAD(rt[0]);
	JOIN_THREAD(rt[1]);
}

/* ---- livelock ------------------------------------------------------- */

struct handshake {
	int mine, theirs;
};

/* Waits for the other side's flag before raising its own: so do both. */
static void *polite_spinner(void *arg)
{
	struct handshake *h = arg;

	set_task_comm(current, "polite_spinner");
	while (!smp_load_acquire(&h->theirs))
		cpu_relax();
	smp_store_release(&h->mine, 1);
	return NULL;
}

/*
 * Two tasks that each wait for the other change nothing: the schedule
 * ends one livelock window after the last state change, not at the step
 * bound (the report names the window, 100000 steps, not 2000000).
 */
TEST(tasks_waiting_for_each_other_are_a_livelock_at_once)
{
	struct handshake h = { 0 };
	pthread_t t;

	NEEDS_SCHED();
	EXPECT_REPORT("BUG: soft lockup - no progress in 100000 steps!");
	EXPECT_REPORT("a livelock");
	EXPECT_REPORT("polite_spinner:");
	START_THREAD(t, polite_spinner, &h);
	while (!smp_load_acquire(&h.mine))
		cpu_relax();
	WRITE_ONCE(h.theirs, 1);
	JOIN_THREAD(t);
}

struct late_flag {
	unsigned int ms;
	int flag;
};

static void *raise_after_a_nap(void *arg)
{
	struct late_flag *f = arg;

	msleep(f->ms);
	smp_store_release(&f->flag, 1);
	return NULL;
}

/*
 * A task spinning while another sleeps until a deadline is no livelock,
 * however long the sleep: here 150 ms of virtual time, more steps than
 * the livelock window, during which nothing changes.
 */
TEST(spinning_while_another_sleeps_is_no_livelock)
{
	struct late_flag f = { .ms = 150 };
	pthread_t t;

	NEEDS_SCHED();
	ASSERT_LT(SHIM_SCHED_LIVELOCK_STEPS,
		  f.ms * 1000000ull / SHIM_SCHED_NS_PER_STEP);
	START_THREAD(t, raise_after_a_nap, &f);
	while (!smp_load_acquire(&f.flag))
		cpu_relax();
	JOIN_THREAD(t);
}

/* ---- virtual time ------------------------------------------------------ */

static uint64_t real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

struct napper {
	unsigned int ms;
	int *order;
	atomic_t *next;
};

/*
 * The slot comes from an RMW: two timed sleeps that end one after the
 * other order nothing between their tasks, and under the lkmm model a
 * plain READ_ONCE() of the index may return the value before the other
 * napper's increment.
 */
static void *napper_fn(void *arg)
{
	struct napper *n = arg;

	msleep(n->ms);
	n->order[atomic_fetch_inc(n->next)] = n->ms;
	return NULL;
}

/* Sleeps take virtual time: they end in deadline order, at once. */
TEST(sleeps_end_in_deadline_order_in_virtual_time)
{
	int order[3] = { 0 };
	atomic_t next = ATOMIC_INIT(0);
	struct napper n[3] = { { 3000, order, &next },
			       { 1000, order, &next },
			       { 2000, order, &next } };
	uint64_t real0 = real_ns(), virt0 = ktime_get_ns();
	unsigned long j0 = jiffies;
	pthread_t t[3];
	int i;

	NEEDS_SCHED();
	for (i = 0; i < 3; i++)
		START_THREAD(t[i], napper_fn, &n[i]);
	for (i = 0; i < 3; i++)
		JOIN_THREAD(t[i]);
	EXPECT_EQ(1000, order[0]);
	EXPECT_EQ(2000, order[1]);
	EXPECT_EQ(3000, order[2]);
	EXPECT_LE(3000000000ull, ktime_get_ns() - virt0);
	EXPECT_LE(3000, jiffies - j0);
	/* Three seconds of sleep did not take three seconds. */
	EXPECT_GT(3000000000ull, real_ns() - real0);
}

TEST(schedule_timeout_returns_zero_when_it_expires)
{
	NEEDS_SCHED();
	__set_current_state(TASK_INTERRUPTIBLE);
	EXPECT_EQ(0, schedule_timeout(msecs_to_jiffies(500)));
	EXPECT_EQ(TASK_RUNNING, get_current_state());
}

/* ---- RCU ------------------------------------------------------------- */

struct rcu_order {
	int reader_in, reader_left, may_leave;
	int gp_done_saw_left;
	int calls[2], nr_calls;
	struct rcu_head head[2];
};

static void *rcu_reader(void *arg)
{
	struct rcu_order *o = arg;

	rcu_read_lock();
	smp_store_release(&o->reader_in, 1);
	while (!smp_load_acquire(&o->may_leave))
		cpu_relax();
	WRITE_ONCE(o->reader_left, 1);
	rcu_read_unlock();
	return NULL;
}

static void *rcu_updater(void *arg)
{
	struct rcu_order *o = arg;

	synchronize_rcu();
	WRITE_ONCE(o->gp_done_saw_left, READ_ONCE(o->reader_left));
	return NULL;
}

/* synchronize_rcu() returns only after a reader that was inside left. */
TEST(grace_period_waits_for_a_reader_inside)
{
	struct rcu_order o = { 0 };
	pthread_t r, u;

	START_THREAD(r, rcu_reader, &o);
	while (!smp_load_acquire(&o.reader_in))
		cpu_relax();
	START_THREAD(u, rcu_updater, &o);
	smp_store_release(&o.may_leave, 1);
	JOIN_THREAD(u);
	JOIN_THREAD(r);
	EXPECT_EQ(1, o.gp_done_saw_left);
}

static struct rcu_order *order_under_test;

/* 1 or 2 by which head; 10 more if the reader had not left yet. */
static void record_call(struct rcu_head *head)
{
	struct rcu_order *o = order_under_test;
	int which = head == &o->head[0] ? 1 : 2;

	o->calls[o->nr_calls++] = which + (READ_ONCE(o->reader_left) ? 0 : 10);
}

/* Callbacks run after the readers that were inside, in queueing order. */
TEST(call_rcu_callbacks_run_after_readers_in_order)
{
	struct rcu_order o = { 0 };
	pthread_t r;

	order_under_test = &o;
	START_THREAD(r, rcu_reader, &o);
	while (!smp_load_acquire(&o.reader_in))
		cpu_relax();
	call_rcu(&o.head[0], record_call);
	call_rcu(&o.head[1], record_call);
	smp_store_release(&o.may_leave, 1);
	JOIN_THREAD(r);
	rcu_barrier();
	ASSERT_EQ(2, o.nr_calls);
	EXPECT_EQ(1, o.calls[0]);
	EXPECT_EQ(2, o.calls[1]);
}

static int calls_after_the_reader;

static void count_call(struct rcu_head *head)
{
	calls_after_the_reader++;
}

/*
 * The test ends inside a read-side section (an error path that forgot
 * rcu_read_unlock()) with a callback queued: its grace period can never
 * end, so the end of the test waits forever. Reported at once, with the
 * reader's rcu_read_lock among the locks held, not at the timeout.
 */
TEST(reader_left_open_at_the_end_is_a_hang_at_once)
{
	static struct rcu_head head;

	NEEDS_SCHED();
	EXPECT_REPORT("waiting on: the end of the test (RCU callbacks waiting for a grace period)");
	if (IS_ENABLED(CONFIG_LOCKDEP))	/* the held locks: lockdep's */
		EXPECT_REPORT("(rcu_read_lock){");
	rcu_read_lock();
	call_rcu(&head, count_call);
	/* rcu_read_unlock() is missing */
}

/*
 * A callback's plain write read after rcu_barrier() is ordered: the
 * barrier waited for it. Read after merely seeing it done (a relaxed
 * flag), it is a data race: TSan reports it.
 */
static int callback_done;

static void count_and_flag(struct rcu_head *head)
{
	calls_after_the_reader++;
	WRITE_ONCE(callback_done, 1);
}

TEST(callback_write_read_without_rcu_barrier_is_reported)
{
	static struct rcu_head head;

	NEEDS_TSAN();
	EXPECT_REPORT("ThreadSanitizer: data race");
	calls_after_the_reader = 0;
	WRITE_ONCE(callback_done, 0);
	call_rcu(&head, count_and_flag);
	while (!READ_ONCE(callback_done))
		cpu_relax();
	ASSERT_EQ(1, calls_after_the_reader);
}

/* The same with the unlock: the callback runs, no report. */
TEST(reader_closed_before_the_end_lets_the_callback_run)
{
	static struct rcu_head head;

	calls_after_the_reader = 0;
	rcu_read_lock();
	call_rcu(&head, count_call);
	rcu_read_unlock();
	rcu_barrier();
	ASSERT_EQ(1, calls_after_the_reader);
}

/*
 * Under the scheduler one task runs at a time, as on one CPU: a report
 * names CPU 0 whatever CPU the thread ran on, so replays print the same.
 */
TEST(reports_under_the_scheduler_name_cpu_0)
{
	NEEDS_SCHED();
	EXPECT_REPORT("WARNING: CPU: 0 PID: 1000 at ");
	WARN_ON(1);
}

/* ---- a test small enough for dfs --------------------------------------- */

static void *two_stores(void *arg)
{
	int *x = arg;

	WRITE_ONCE(x[0], 1);
	WRITE_ONCE(x[1], 1);
	return NULL;
}

/*
 * One task besides the test's: check_sched.py runs it under dfs:0, dfs:1
 * and dfs:2 and checks how many schedules exhaust each bound (the counts
 * and their derivation are in Documentation/dev-tools/sched.rst).
 */
TEST(dfs_two_tasks)
{
	int x[2] = { 0, 0 };
	pthread_t t;

	START_THREAD(t, two_stores, x);
	WRITE_ONCE(x[0], 2);
	JOIN_THREAD(t);
	EXPECT_EQ(1, x[1]);
}

TEST_HARNESS_MAIN
