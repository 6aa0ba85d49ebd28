// SPDX-License-Identifier: GPL-2.0-only
/*
 * Proof that ThreadSanitizer sees the truth through the shim: for each
 * synchronization mechanism, the correct pattern stays clean over many
 * iterations and the broken pattern is reported. The "_reported" tests
 * expect a TSan report and are skipped in builds without TSan; the clean
 * ones also check the data they pass, so they test the primitive itself
 * in every build.
 */
#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/rcuwait.h>
#include <linux/refcount.h>
#include <linux/rwsem.h>
#include <linux/mutex.h>
#include <linux/seqlock.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "shim_test.h"

#define RACE "ThreadSanitizer: data race"

/*
 * TSan remembers 4 accesses per 8 bytes and evicts one at random when a
 * fifth comes; data whose race a test must see gets 8 bytes of its own,
 * away from the flags the threads hammer.
 */
#define RACY __aligned(64)

/* ---- message passing ---------------------------------------------- */

struct message {
	int data RACY;
	int flag RACY;
	int fence RACY;	/* 0: none, 1: release/acquire, 2: wmb/rmb */
	int writer_fences;
	int reader_fences;
};

static void *mp_writer(void *arg)
{
	struct message *m = arg;

	plain_write(&m->data, 42);
	if (m->fence == 1) {
		smp_store_release(&m->flag, 1);
		return NULL;
	}
	if (m->writer_fences)
		smp_wmb();
	WRITE_ONCE(m->flag, 1);
	return NULL;
}

static int mp_read(struct message *m)
{
	if (m->fence == 1) {
		while (!smp_load_acquire(&m->flag))
			cpu_relax();
		return plain_read(&m->data);
	}
	while (!READ_ONCE(m->flag))
		cpu_relax();
	if (m->reader_fences)
		smp_rmb();
	return plain_read(&m->data);
}

/* One round on fresh threads (whose fence state starts empty). */
static void *mp_reader(void *arg)
{
	struct message *m = arg;

	return (void *)(long)mp_read(m);
}

static int mp_round(struct message *m)
{
	pthread_t w, r;
	void *seen;

	m->data = 0;
	m->flag = 0;
	if (pthread_create(&r, NULL, mp_reader, m) ||
	    pthread_create(&w, NULL, mp_writer, m))
		return -1;
	pthread_join(w, NULL);
	pthread_join(r, &seen);
	return (int)(long)seen;
}

TEST(mp_release_acquire_clean)
{
	struct message m = { .fence = 1 };
	uint64_t i, n = harness_iterations(200);

	for (i = 0; i < n; i++)
		ASSERT_EQ(42, mp_round(&m));
}

TEST(mp_wmb_rmb_clean)
{
	struct message m = { .fence = 2, .writer_fences = 1,
			     .reader_fences = 1 };
	uint64_t i, n = harness_iterations(200);

	for (i = 0; i < n; i++)
		ASSERT_EQ(42, mp_round(&m));
}

TEST(mp_wmb_missing_reported)
{
	struct message m = { .fence = 2, .writer_fences = 0,
			     .reader_fences = 1 };

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	mp_round(&m);
}

TEST(mp_rmb_missing_reported)
{
	struct message m = { .fence = 2, .writer_fences = 1,
			     .reader_fences = 0 };

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	mp_round(&m);
}

/* ---- RCU ------------------------------------------------------------ */

struct rcu_obj {
	int value RACY;
	struct rcu_head rcu;
};

struct rcu_scenario {
	struct rcu_obj *gp;
	int reader_done RACY;	/* relaxed: timing only, no happens-before */
	int seen;
	enum { FREE_AFTER_GP, FREE_NOW, FREE_CALL_RCU } how;
};

static void *rcu_reader(void *arg)
{
	struct rcu_scenario *s = arg;
	struct rcu_obj *p;

	rcu_read_lock();
	p = rcu_dereference(s->gp);
	s->seen = p ? plain_read(&p->value) : -1;
	rcu_read_unlock();
	set_relaxed(&s->reader_done, 1);
	return NULL;
}

static void free_rcu_obj(struct rcu_head *head)
{
	kfree(container_of(head, struct rcu_obj, rcu));
}

/*
 * Publish an object, let a reader read it, then unpublish and free it
 * with or without waiting for a grace period.
 */
static int rcu_round(struct rcu_scenario *s)
{
	struct rcu_obj *p = kmalloc(sizeof(*p), GFP_KERNEL);
	pthread_t r;

	plain_write(&p->value, 7);
	rcu_assign_pointer(s->gp, p);
	s->reader_done = 0;
	if (pthread_create(&r, NULL, rcu_reader, s))
		return -1;
	wait_relaxed(&s->reader_done, 1);
	rcu_assign_pointer(s->gp, NULL);
	switch (s->how) {
	case FREE_AFTER_GP:
		synchronize_rcu();
		plain_write(&p->value, 0);	/* reuse, as a free would */
		kfree(p);
		break;
	case FREE_NOW:
		plain_write(&p->value, 0);
		kfree(p);
		break;
	case FREE_CALL_RCU:
		call_rcu(&p->rcu, free_rcu_obj);
		break;
	}
	pthread_join(r, NULL);
	return s->seen;
}

TEST(rcu_publish_synchronize_free_clean)
{
	struct rcu_scenario s = { .how = FREE_AFTER_GP };
	uint64_t i, n = harness_iterations(100);

	for (i = 0; i < n; i++)
		ASSERT_EQ(7, rcu_round(&s));
}

TEST(rcu_free_without_grace_period_reported)
{
	struct rcu_scenario s = { .how = FREE_NOW };

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	rcu_round(&s);
}

TEST(rcu_call_rcu_free_clean)
{
	struct rcu_scenario s = { .how = FREE_CALL_RCU };
	uint64_t i, n = harness_iterations(100);

	for (i = 0; i < n; i++)
		ASSERT_EQ(7, rcu_round(&s));
	rcu_barrier();
}

/* ---- seqcount ------------------------------------------------------- */

struct seq_data {
	seqcount_t seq;
	long a, b;
	int stop;
	long torn;
	long reads;
};

static void *seq_reader(void *arg)
{
	struct seq_data *d = arg;

	while (!READ_ONCE(d->stop)) {
		unsigned int start;
		long a, b;

		do {
			start = read_seqcount_begin(&d->seq);
			a = READ_ONCE(d->a);
			b = READ_ONCE(d->b);
		} while (read_seqcount_retry(&d->seq, start));
		if (a != b)
			d->torn++;
		d->reads++;
	}
	return NULL;
}

TEST(seqcount_writer_reader_retry_clean)
{
	struct seq_data d = { 0 };
	uint64_t i, n = harness_iterations(20000);
	pthread_t r;

	seqcount_init(&d.seq);
	START_THREAD(r, seq_reader, &d);
	for (i = 1; i <= n; i++) {
		write_seqcount_begin(&d.seq);
		WRITE_ONCE(d.a, i);
		WRITE_ONCE(d.b, i);
		write_seqcount_end(&d.seq);
	}
	WRITE_ONCE(d.stop, 1);
	JOIN_THREAD(r);
	EXPECT_EQ(0, d.torn);
	EXPECT_EQ(2 * n, d.seq.sequence);
}

/* ---- refcount ------------------------------------------------------- */

struct counted {
	refcount_t ref;
	atomic_t raw;
	int field[2] RACY;
	int relaxed RACY;
};

struct put_arg {
	struct counted *obj;
	int slot;
};

static void *put_ref(void *arg)
{
	struct put_arg *a = arg;
	struct counted *obj = a->obj;

	plain_write(&obj->field[a->slot], 1);
	if (obj->relaxed) {
		/* Broken: no ordering between the write above and the free. */
		if (atomic_dec_return_relaxed(&obj->raw) == 0)
			kfree(obj);
	} else if (refcount_dec_and_test(&obj->ref)) {
		kfree(obj);
	}
	return NULL;
}

static void refcount_round(int relaxed)
{
	struct counted *obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	struct put_arg a0 = { obj, 0 }, a1 = { obj, 1 };
	pthread_t t0, t1;

	refcount_set(&obj->ref, 2);
	atomic_set(&obj->raw, 2);
	obj->relaxed = relaxed;
	pthread_create(&t0, NULL, put_ref, &a0);
	pthread_create(&t1, NULL, put_ref, &a1);
	pthread_join(t0, NULL);
	pthread_join(t1, NULL);
}

TEST(refcount_dec_and_test_before_free_clean)
{
	uint64_t i, n = harness_iterations(200);

	for (i = 0; i < n; i++)
		refcount_round(0);
}

TEST(relaxed_dec_before_free_reported)
{
	uint64_t i;

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	for (i = 0; i < 50; i++)
		refcount_round(1);
}

/*
 * The last reference dropped by another task, found at 0 by a detacher
 * that then reuses the object (vma_mark_detached() against a reader's
 * put). The put's RELEASE and the control dependency of the failed
 * refcount_add_not_zero() order the reuse after the reader's reads.
 */
struct dying {
	refcount_t ref;
	int data RACY;
	int relaxed;
};

static void *final_reader(void *arg)
{
	struct dying *d = arg;
	bool last;

	(void)plain_read(&d->data);
	if (d->relaxed) {
		atomic_dec(&d->ref.refs);	/* broken: no RELEASE */
		return NULL;
	}
	/* The last put, but the detacher is the one that reuses it. */
	last = refcount_dec_and_test(&d->ref);
	(void)last;
	return NULL;
}

static void dying_round(int relaxed)
{
	struct dying d = { .relaxed = relaxed };
	pthread_t t;

	refcount_set(&d.ref, 1);
	pthread_create(&t, NULL, final_reader, &d);
	/* No happens-before from here: a relaxed wait for the count. */
	while (__atomic_load_n(&d.ref.refs.counter, __ATOMIC_RELAXED))
		sched_yield();
	if (!refcount_add_not_zero(1, &d.ref))
		plain_write(&d.data, 1);	/* reuse the dead object */
	pthread_join(t, NULL);
}

TEST(dead_object_reuse_after_add_not_zero_fails_clean)
{
	uint64_t i, n = harness_iterations(200);

	for (i = 0; i < n; i++)
		dying_round(0);
}

TEST(dead_object_reuse_after_relaxed_put_reported)
{
	uint64_t i;

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	for (i = 0; i < 50; i++)
		dying_round(1);
}

/*
 * A reference taken with the limited add on an object published by a
 * RELEASE store of its count (vma_start_read() on a VMA that
 * vma_mark_attached() published). The _acquire form orders the reader's
 * reads after the set-up; the relaxed twin that scripts/mutate weakens it
 * to (<shim/refcount_relaxed.h>) does not, and TSan must say so.
 */
struct published {
	refcount_t ref;
	int data RACY;
	int relaxed;
};

static void *limited_reader(void *arg)
{
	struct published *p = arg;
	int old;

	if (p->relaxed)
		while (!__refcount_inc_not_zero_limited(&p->ref, &old, 100))
			cpu_relax();
	else
		while (!__refcount_inc_not_zero_limited_acquire(&p->ref, &old,
								100))
			cpu_relax();
	return (void *)(long)plain_read(&p->data);
}

static int published_round(int relaxed)
{
	struct published p = { .relaxed = relaxed };
	pthread_t t;
	void *seen;

	refcount_set(&p.ref, 0);
	pthread_create(&t, NULL, limited_reader, &p);
	plain_write(&p.data, 42);
	refcount_set_release(&p.ref, 1);
	pthread_join(t, &seen);
	return (int)(long)seen;
}

TEST(limited_acquire_reference_sees_the_set_up_clean)
{
	uint64_t i, n = harness_iterations(200);

	for (i = 0; i < n; i++)
		ASSERT_EQ(42, published_round(0));
}

TEST(limited_relaxed_reference_reported)
{
	uint64_t i;

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	for (i = 0; i < 50; i++)
		published_round(1);
}

/* ---- locks ---------------------------------------------------------- */

enum lock_kind { NO_LOCK, RWSEM, MUTEX, SPINLOCK };

struct locked_counter {
	enum lock_kind kind;
	struct rw_semaphore sem;
	struct mutex mutex;
	spinlock_t spin;
	int counter RACY;
	int iterations RACY;
	int observed_odd;
};

static void *lock_worker(void *arg)
{
	struct locked_counter *c = arg;
	int i;

	for (i = 0; i < c->iterations; i++) {
		switch (c->kind) {
		case RWSEM:
			if (i % 2) {
				down_read(&c->sem);
				if (plain_read(&c->counter) % 2)
					c->observed_odd = 1;
				up_read(&c->sem);
				continue;
			}
			down_write(&c->sem);
			break;
		case MUTEX:
			mutex_lock(&c->mutex);
			break;
		case SPINLOCK:
			spin_lock(&c->spin);
			break;
		case NO_LOCK:
			break;
		}
		/* Two steps: a reader that sees an odd value saw a torn update. */
		plain_write(&c->counter, plain_read(&c->counter) + 1);
		plain_write(&c->counter, plain_read(&c->counter) + 1);
		switch (c->kind) {
		case RWSEM:
			up_write(&c->sem);
			break;
		case MUTEX:
			mutex_unlock(&c->mutex);
			break;
		case SPINLOCK:
			spin_unlock(&c->spin);
			break;
		case NO_LOCK:
			break;
		}
	}
	return NULL;
}

static int locked_rounds(struct locked_counter *c, int iterations)
{
	pthread_t t[3];
	int i, writes_per_thread;

	init_rwsem(&c->sem);
	mutex_init(&c->mutex);
	spin_lock_init(&c->spin);
	c->counter = 0;
	c->iterations = iterations;
	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, lock_worker, c);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	writes_per_thread = c->kind == RWSEM ? (iterations + 1) / 2 : iterations;
	return c->counter == 3 * 2 * writes_per_thread;
}

TEST(data_under_rwsem_clean)
{
	struct locked_counter c = { .kind = RWSEM };

	ASSERT_TRUE(locked_rounds(&c, harness_iterations(2000)));
	EXPECT_EQ(0, c.observed_odd);
}

TEST(data_under_mutex_clean)
{
	struct locked_counter c = { .kind = MUTEX };

	ASSERT_TRUE(locked_rounds(&c, harness_iterations(2000)));
}

TEST(data_under_spinlock_clean)
{
	struct locked_counter c = { .kind = SPINLOCK };

	ASSERT_TRUE(locked_rounds(&c, harness_iterations(2000)));
}

TEST(data_without_lock_reported)
{
	struct locked_counter c = { .kind = NO_LOCK };

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	locked_rounds(&c, 100);
}

/* ---- rcuwait -------------------------------------------------------- */

struct handoff {
	struct rcuwait wait;
	int cond RACY;
	int data RACY;
	int release RACY;	/* publish cond with a release (correct) or not */
	int sleeper_first;	/* the sleeper sleeps, or finds cond already set */
	int published;		/* relaxed: timing only */
};

static void *handoff_waker(void *arg)
{
	struct handoff *h = arg;

	if (h->sleeper_first) {
		while (!rcuwait_active(&h->wait))
			sched_yield();
	}
	plain_write(&h->data, 42);
	if (h->release)
		smp_store_release(&h->cond, 1);
	else
		WRITE_ONCE(h->cond, 1);
	rcuwait_wake_up(&h->wait);
	set_relaxed(&h->published, 1);
	return NULL;
}

/*
 * A sleeper that is woken is ordered after the waker by the wake-up
 * itself; one that finds the condition already true is ordered only by
 * reading it (a release store, then a control dependency).
 */
static int handoff_round(struct handoff *h)
{
	pthread_t w;
	int seen;

	rcuwait_init(&h->wait);
	h->cond = 0;
	h->data = 0;
	h->published = 0;
	if (pthread_create(&w, NULL, handoff_waker, h))
		return -1;
	if (!h->sleeper_first)
		wait_relaxed(&h->published, 1);
	rcuwait_wait_event(&h->wait, READ_ONCE(h->cond), TASK_UNINTERRUPTIBLE);
	/* Before the join, which would order everything by itself. */
	seen = plain_read(&h->data);
	pthread_join(w, NULL);
	return seen;
}

TEST(rcuwait_wait_wake_handoff_clean)
{
	struct handoff h = { .release = 1 };
	uint64_t i, n = harness_iterations(200);

	for (i = 0; i < n; i++) {
		h.sleeper_first = i % 2;
		ASSERT_EQ(42, handoff_round(&h));
	}
}

TEST(rcuwait_condition_without_release_reported)
{
	struct handoff h = { .release = 0, .sleeper_first = 0 };

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	handoff_round(&h);
}

/* ---- task lifetime ---------------------------------------------------- */

/*
 * A waiter that exits as soon as it is granted the lock, while the
 * granter still holds the reference it took to wake it (rwsem_grant()):
 * the task's last put may be the granter's, and its free comes a grace
 * period later on the RCU callback task. The exiting task's own last
 * writes (TASK_DEAD) must be ordered before that free.
 */
static DECLARE_RWSEM(grant_sem);

static void *reader_exits_once_granted(void *arg)
{
	down_read(&grant_sem);
	up_read(&grant_sem);
	return NULL;
}

TEST(task_freed_after_the_granters_put_clean)
{
	uint64_t i, n = harness_iterations(200);

	for (i = 0; i < n; i++) {
		pthread_t reader;

		down_write(&grant_sem);
		ASSERT_EQ(0, pthread_create(&reader, NULL,
					    reader_exits_once_granted, NULL));
		up_write(&grant_sem);
		JOIN_THREAD(reader);
	}
	rcu_barrier();
}

/*
 * A waker that keeps a reference on the task it wakes, whatever the task
 * does meanwhile (exits, here): clean. Waking it after dropping that
 * reference, once the free has come (the grace period after the last
 * put), is a use after free: reported.
 */
struct exiting_task {
	struct task_struct *task;
	int may_exit;
};

static void *publish_then_exit(void *arg)
{
	struct exiting_task *e = arg;

	smp_store_release(&e->task, current);
	while (!smp_load_acquire(&e->may_exit))
		cpu_relax();
	return NULL;
}

static void wake_an_exited_task(int wake_after_put)
{
	struct exiting_task e = { NULL, 0 };
	struct task_struct *task;
	pthread_t t;

	pthread_create(&t, NULL, publish_then_exit, &e);
	while (!(task = smp_load_acquire(&e.task)))
		cpu_relax();
	get_task_struct(task);
	smp_store_release(&e.may_exit, 1);
	pthread_join(t, NULL);
	if (wake_after_put) {
		/* Broken: the reference is gone before the wake-up. */
		put_task_struct(task);
		rcu_barrier();
		wake_up_process(task);
	} else {
		wake_up_process(task);
		put_task_struct(task);
		rcu_barrier();
	}
}

TEST(wake_holding_a_reference_clean)
{
	wake_an_exited_task(0);
}

TEST(wake_after_the_last_put_reported)
{
	NEEDS_TSAN();
	EXPECT_REPORT("ThreadSanitizer: heap-use-after-free");
	wake_an_exited_task(1);
}

/* ---- a task's end ---------------------------------------------------- */

/*
 * What a task did before it returned happens before its join returns,
 * and before nothing else: the scheduler joins the thread itself when
 * the task leaves, where TSan sees no synchronization, and gives the
 * test's pthread_join() its happens-before explicitly.
 */
struct ended {
	int data RACY;
};

static void *end_writer(void *arg)
{
	plain_write(&((struct ended *)arg)->data, 42);
	return arg;
}

static void *end_reader(void *arg)
{
	return (void *)(long)plain_read(&((struct ended *)arg)->data);
}

TEST(task_end_then_join_clean)
{
	struct ended e = { 0 };
	pthread_t writer;
	void *ret;

	ASSERT_EQ(0, pthread_create(&writer, NULL, end_writer, &e));
	ASSERT_EQ(0, pthread_join(writer, &ret));
	EXPECT_EQ(&e, ret);
	EXPECT_EQ(42, plain_read(&e.data));
}

TEST(task_end_without_join_reported)
{
	struct ended e = { 0 };
	pthread_t writer, reader;

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	ASSERT_EQ(0, pthread_create(&writer, NULL, end_writer, &e));
	/* No join first: the reader learns nothing of the writer's end. */
	ASSERT_EQ(0, pthread_create(&reader, NULL, end_reader, &e));
	ASSERT_EQ(0, pthread_join(reader, NULL));
	ASSERT_EQ(0, pthread_join(writer, NULL));
}

/* ---- lockdep's own bookkeeping orders nothing --------------------- */

/*
 * Each task takes a lock of a class nobody took before: lockdep registers
 * both classes in its graph, under its own lock. That must not order the
 * tasks for TSan (the kernel builds lockdep without KCSAN), or the race
 * on the data below, passed with a relaxed flag, would hide.
 */
struct first_locks {
	int data RACY;
	int flag RACY;
	int ordered;	/* the flag is a RELEASE/ACQUIRE pair */
	spinlock_t a, b;
};

static void *first_lock_writer(void *arg)
{
	struct first_locks *f = arg;

	f->data = 42;
	spin_lock(&f->a);
	spin_unlock(&f->a);
	if (f->ordered)
		smp_store_release(&f->flag, 1);
	else
		WRITE_ONCE(f->flag, 1);
	return NULL;
}

static void *first_lock_reader(void *arg)
{
	struct first_locks *f = arg;

	if (f->ordered)
		while (!smp_load_acquire(&f->flag))
			cpu_relax();
	else
		while (!READ_ONCE(f->flag))
			cpu_relax();
	spin_lock(&f->b);
	spin_unlock(&f->b);
	return (void *)(long)f->data;
}

/* What the reader saw of the data. */
static long first_locks_round(int ordered)
{
	static struct lock_class_key a_key, b_key;
	struct first_locks f = { .ordered = ordered };
	pthread_t w, r;
	void *seen;

	spin_lock_init(&f.a);
	spin_lock_init(&f.b);
	lockdep_set_class(&f.a, &a_key);
	lockdep_set_class(&f.b, &b_key);
	if (pthread_create(&w, NULL, first_lock_writer, &f) ||
	    pthread_create(&r, NULL, first_lock_reader, &f))
		return -1;
	pthread_join(w, NULL);
	pthread_join(r, &seen);
	return (long)seen;
}

TEST(lockdep_registration_with_release_acquire_clean)
{
	EXPECT_EQ(42, first_locks_round(1));
}

TEST(lockdep_registration_orders_nothing_reported)
{
	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	first_locks_round(0);
}

TEST_HARNESS_MAIN
