// SPDX-License-Identifier: GPL-2.0-only
/*
 * rw_semaphore semantics: sharing, exclusion, trylock, downgrade,
 * killable and interruptible waits, and no writer starvation.
 */
#include <linux/rwsem.h>
#include <linux/sched/signal.h>

#include "shim_test.h"

struct waiter {
	struct rw_semaphore *sem;
	enum { READ, WRITE, READ_KILLABLE, WRITE_KILLABLE,
	       READ_INTERRUPTIBLE } how;
	struct task_struct *task;	/* a reference, published before blocking */
	int ret;
	int acquired;
	int release_after;		/* drop the lock once acquired */
	int hold_until;			/* ... but only once this is set */
};

static void put_waiter(struct waiter *w)
{
	put_task_struct(w->task);
}

static void *waiter_fn(void *arg)
{
	struct waiter *w = arg;

	smp_store_release(&w->task, get_task_struct(current));
	switch (w->how) {
	case READ:
		down_read(w->sem);
		w->ret = 0;
		break;
	case WRITE:
		down_write(w->sem);
		w->ret = 0;
		break;
	case READ_KILLABLE:
		w->ret = down_read_killable(w->sem);
		break;
	case WRITE_KILLABLE:
		w->ret = down_write_killable(w->sem);
		break;
	case READ_INTERRUPTIBLE:
		w->ret = down_read_interruptible(w->sem);
		break;
	}
	if (w->ret == 0) {
		smp_store_release(&w->acquired, 1);
		while (w->release_after > 1 && !smp_load_acquire(&w->hold_until))
			sched_yield();
		if (w->release_after) {
			if (w->how == WRITE || w->how == WRITE_KILLABLE)
				up_write(w->sem);
			else
				up_read(w->sem);
		}
	}
	return NULL;
}

/* Wait until someone queues on @sem (no timing assumptions). */
static void wait_until_contended(struct rw_semaphore *sem)
{
	while (!rwsem_is_contended(sem))
		sched_yield();
}

/*
 * Wait until @task sleeps on @sem. Being on the wait list is not enough
 * to keep readers out: the waiter sets the waiters flag just after it
 * queues, and a trylock in between succeeds (the deterministic scheduler
 * found this window in the tests that waited for contention only).
 */
static void wait_until_sleeping(struct rw_semaphore *sem,
				struct task_struct *const *task)
{
	struct task_struct *t;

	while (!(t = smp_load_acquire(task)))
		sched_yield();
	while (!rwsem_is_contended(sem) || task_is_running(t))
		sched_yield();
}

TEST(readers_share)
{
	DECLARE_RWSEM(sem);
	/* release_after 2: hold the read lock until told to drop it */
	struct waiter w = { .sem = &sem, .how = READ, .release_after = 2 };
	pthread_t t;

	down_read(&sem);
	START_THREAD(t, waiter_fn, &w);
	while (!smp_load_acquire(&w.acquired))
		sched_yield();
	EXPECT_TRUE(down_read_trylock(&sem));
	EXPECT_EQ(3 * RWSEM_READER_BIAS, atomic_long_read(&sem.count));
	smp_store_release(&w.hold_until, 1);
	JOIN_THREAD(t);
	put_waiter(&w);
	up_read(&sem);
	up_read(&sem);
	EXPECT_FALSE(rwsem_is_locked(&sem));
}

TEST(writer_excludes_readers_and_writers)
{
	DECLARE_RWSEM(sem);
	struct waiter w = { .sem = &sem, .how = READ, .release_after = 1 };
	pthread_t t;

	down_write(&sem);
	rwsem_assert_held_write(&sem);
	EXPECT_FALSE(down_read_trylock(&sem));
	EXPECT_FALSE(down_write_trylock(&sem));
	START_THREAD(t, waiter_fn, &w);
	wait_until_contended(&sem);
	/* Queued behind the writer: it cannot have the lock. */
	EXPECT_EQ(0, smp_load_acquire(&w.acquired));
	up_write(&sem);
	JOIN_THREAD(t);
	put_waiter(&w);
	EXPECT_EQ(1, w.acquired);
	EXPECT_FALSE(rwsem_is_locked(&sem));
	EXPECT_EQ(0, atomic_long_read(&sem.count));
}

TEST(reader_excludes_writer)
{
	DECLARE_RWSEM(sem);
	struct waiter w = { .sem = &sem, .how = WRITE, .release_after = 1 };
	pthread_t t;

	down_read(&sem);
	EXPECT_FALSE(down_write_trylock(&sem));
	START_THREAD(t, waiter_fn, &w);
	wait_until_contended(&sem);
	EXPECT_EQ(0, smp_load_acquire(&w.acquired));
	up_read(&sem);
	JOIN_THREAD(t);
	put_waiter(&w);
	EXPECT_EQ(1, w.acquired);
	EXPECT_EQ(0, atomic_long_read(&sem.count));
}

TEST(trylock_on_free_lock)
{
	DECLARE_RWSEM(sem);

	ASSERT_TRUE(down_write_trylock(&sem));
	ASSERT_TRUE(rwsem_is_locked(&sem));
	up_write(&sem);
	ASSERT_TRUE(down_read_trylock(&sem));
	ASSERT_FALSE(down_write_trylock(&sem));
	up_read(&sem);
	ASSERT_FALSE(rwsem_is_locked(&sem));
}

TEST(downgrade_keeps_writers_out)
{
	DECLARE_RWSEM(sem);
	struct waiter w = { .sem = &sem, .how = WRITE, .release_after = 1 };
	pthread_t t;

	down_write(&sem);
	downgrade_write(&sem);
	/* Now a reader: other readers may join, writers may not. */
	ASSERT_TRUE(down_read_trylock(&sem));
	up_read(&sem);
	EXPECT_FALSE(down_write_trylock(&sem));
	START_THREAD(t, waiter_fn, &w);
	wait_until_sleeping(&sem, &w.task);
	EXPECT_EQ(0, smp_load_acquire(&w.acquired));
	/* A queued writer also keeps new readers out. */
	EXPECT_FALSE(down_read_trylock(&sem));
	up_read(&sem);
	JOIN_THREAD(t);
	put_waiter(&w);
	EXPECT_EQ(1, w.acquired);
	EXPECT_EQ(0, atomic_long_read(&sem.count));
}

static void check_interrupted(struct __test_metadata *_metadata, int how,
			      int sig, int expect_interrupted)
{
	DECLARE_RWSEM(sem);
	struct waiter w = { .sem = &sem, .how = how, .release_after = 1 };
	pthread_t t;

	down_write(&sem);
	START_THREAD(t, waiter_fn, &w);
	wait_until_contended(&sem);
	/* The reference keeps the task alive even if the thread exits. */
	send_sig(sig, smp_load_acquire(&w.task), 0);
	if (expect_interrupted) {
		JOIN_THREAD(t);
		EXPECT_EQ(-EINTR, w.ret);
		EXPECT_EQ(0, w.acquired);
		/* The lock is as it was: held for write, nobody waiting. */
		EXPECT_FALSE(rwsem_is_contended(&sem));
		EXPECT_EQ(RWSEM_WRITER_LOCKED, atomic_long_read(&sem.count));
		up_write(&sem);
	} else {
		/* Still queued: release the lock and it gets it. */
		EXPECT_TRUE(rwsem_is_contended(&sem));
		up_write(&sem);
		JOIN_THREAD(t);
		EXPECT_EQ(0, w.ret);
		EXPECT_EQ(1, w.acquired);
	}
	EXPECT_EQ(0, atomic_long_read(&sem.count));
	put_task_struct(w.task);
}

TEST(down_read_killable_fatal_signal)
{
	check_interrupted(_metadata, READ_KILLABLE, SIGKILL, 1);
}

TEST(down_write_killable_fatal_signal)
{
	check_interrupted(_metadata, WRITE_KILLABLE, SIGKILL, 1);
}

TEST(down_read_killable_ignores_other_signals)
{
	check_interrupted(_metadata, READ_KILLABLE, SIGINT, 0);
}

TEST(down_read_interruptible_any_signal)
{
	check_interrupted(_metadata, READ_INTERRUPTIBLE, SIGINT, 1);
}

/*
 * A writer queued behind readers gets the lock before any reader that
 * arrives after it, however many keep arriving.
 */
struct fairness {
	struct rw_semaphore sem;
	struct task_struct *writer;
	int writer_has_lock;
	int stop;
	long late_reads;	/* reads granted after the writer queued */
	long reads_before_writer;
};

static void *late_reader(void *arg)
{
	struct fairness *f = arg;

	while (!READ_ONCE(f->stop)) {
		down_read(&f->sem);
		if (!READ_ONCE(f->writer_has_lock))
			__atomic_fetch_add(&f->late_reads, 1, __ATOMIC_RELAXED);
		up_read(&f->sem);
	}
	return NULL;
}

static void *fair_writer(void *arg)
{
	struct fairness *f = arg;

	smp_store_release(&f->writer, get_task_struct(current));
	down_write(&f->sem);
	f->reads_before_writer = __atomic_load_n(&f->late_reads,
						 __ATOMIC_RELAXED);
	WRITE_ONCE(f->writer_has_lock, 1);
	up_write(&f->sem);
	return NULL;
}

TEST(writer_not_starved_by_readers)
{
	struct fairness f = { 0 };
	pthread_t w, r[3];
	int i;

	init_rwsem(&f.sem);
	down_read(&f.sem);
	START_THREAD(w, fair_writer, &f);
	wait_until_sleeping(&f.sem, &f.writer);
	for (i = 0; i < 3; i++)
		START_THREAD(r[i], late_reader, &f);
	/* Give the late readers every chance to barge in: they must not. */
	for (i = 0; i < 1000; i++)
		sched_yield();
	EXPECT_EQ(0, __atomic_load_n(&f.late_reads, __ATOMIC_RELAXED));
	up_read(&f.sem);
	JOIN_THREAD(w);
	put_task_struct(f.writer);
	EXPECT_EQ(0, f.reads_before_writer);
	WRITE_ONCE(f.stop, 1);
	for (i = 0; i < 3; i++)
		JOIN_THREAD(r[i]);
	EXPECT_EQ(0, atomic_long_read(&f.sem.count));
}

TEST(lockdep_tracks_rwsem)
{
	DECLARE_RWSEM(sem);

	if (!IS_ENABLED(CONFIG_LOCKDEP))
		SKIP(return, "lockdep is off in this build");
	ASSERT_FALSE(lockdep_is_held(&sem));
	down_read(&sem);
	ASSERT_TRUE(lockdep_is_held(&sem));
	ASSERT_TRUE(lockdep_is_held_type(&sem, 1));
	ASSERT_FALSE(lockdep_is_held_type(&sem, 0));
	up_read(&sem);
	down_write(&sem);
	ASSERT_TRUE(lockdep_is_held_type(&sem, 0));
	downgrade_write(&sem);
	ASSERT_TRUE(lockdep_is_held_type(&sem, 1));
	up_read(&sem);
	ASSERT_FALSE(lockdep_is_held(&sem));
}

TEST_HARNESS_MAIN
