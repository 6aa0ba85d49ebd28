// SPDX-License-Identifier: GPL-2.0-only
/*
 * lockdep: every kind of report, checked by its header line and the lock
 * names in it, and the patterns that must stay silent.
 *
 * Most cases use bare lockdep maps (annotations without a lock), as the
 * kernel's locking selftests do, so that a real deadlock never hangs the
 * test; the rest use real rwsems, mutexes and RCU.
 */
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "../shim/shim_test.h"

#define CIRCULAR "WARNING: possible circular locking dependency detected"
#define RECURSIVE "WARNING: possible recursive locking detected"

static struct lock_class_key key_A, key_B, key_C, key_D __maybe_unused;
static struct lockdep_map A __maybe_unused, B __maybe_unused,
	C __maybe_unused, D __maybe_unused;

static void init_maps(void)
{
	lockdep_init_map(&A, "A", &key_A, 0);
	lockdep_init_map(&B, "B", &key_B, 0);
	lockdep_init_map(&C, "C", &key_C, 0);
	lockdep_init_map(&D, "D", &key_D, 0);
}

/* Exclusive, shared (like an rwsem reader) and recursive-read takes. */
#define L(x) lock_acquire_exclusive(&(x), 0, 0, NULL, _THIS_IP_)
#define RL(x) lock_acquire_shared(&(x), 0, 0, NULL, _THIS_IP_)
#define RRL(x) lock_acquire_shared_recursive(&(x), 0, 0, NULL, _THIS_IP_)
#define U(x) lock_release(&(x), _THIS_IP_)

#define NEEDS_LOCKDEP()                                            \
	do {                                                       \
		init_maps();                                       \
		if (!IS_ENABLED(CONFIG_LOCKDEP))                   \
			SKIP(return, "lockdep is off in this build"); \
	} while (0)

TEST(aa_is_recursive_locking)
{
	NEEDS_LOCKDEP();
	EXPECT_REPORT(RECURSIVE);
	EXPECT_REPORT("is trying to acquire lock:");
	EXPECT_REPORT("(A)");
	EXPECT_REPORT("May be due to missing lock nesting notation");
	L(A);
	L(A);
	U(A);
	U(A);
}

TEST(abba_in_one_thread)
{
	NEEDS_LOCKDEP();
	EXPECT_REPORT(CIRCULAR);
	EXPECT_REPORT("but task is already holding lock:");
	EXPECT_REPORT("(B)");
	EXPECT_REPORT("(A)");
	EXPECT_REPORT("the existing dependency chain (in reverse order) is:");
	EXPECT_REPORT(" Possible unsafe locking scenario:");
	EXPECT_REPORT("*** DEADLOCK ***");
	EXPECT_REPORT("lockdep_test/");	/* task name/pid */
	L(A);
	L(B);
	U(B);
	U(A);
	/* Nothing deadlocked; the two orders were merely both seen. */
	L(B);
	L(A);
	U(A);
	U(B);
	EXPECT_EQ(0, debug_locks);
}

static void *take_a_then_b(void *arg)
{
	(void)arg;
	L(A);
	L(B);
	U(B);
	U(A);
	return NULL;
}

static void *take_b_then_a(void *arg)
{
	(void)arg;
	L(B);
	L(A);
	U(A);
	U(B);
	return NULL;
}

TEST(abba_across_two_threads)
{
	pthread_t t1, t2;

	NEEDS_LOCKDEP();
	EXPECT_REPORT(CIRCULAR);
	EXPECT_REPORT("(A)");
	EXPECT_REPORT("(B)");
	/* One after the other: the order is remembered across threads. */
	START_THREAD(t1, take_a_then_b, NULL);
	JOIN_THREAD(t1);
	START_THREAD(t2, take_b_then_a, NULL);
	JOIN_THREAD(t2);
}

TEST(abbcca_three_lock_cycle)
{
	NEEDS_LOCKDEP();
	EXPECT_REPORT(CIRCULAR);
	EXPECT_REPORT("Chain exists of:");
	EXPECT_REPORT("(C)");
	L(A); L(B); U(B); U(A);
	L(B); L(C); U(C); U(B);
	L(C); L(A); U(A); U(C);
}

TEST(abcdbdda_cycle_through_a_side_chain)
{
	NEEDS_LOCKDEP();
	EXPECT_REPORT(CIRCULAR);
	EXPECT_REPORT("(D)");
	EXPECT_REPORT("(A)");
	L(A); L(B); U(B); U(A);
	L(C); L(D); U(D); U(C);
	L(B); L(D); U(D); U(B);
	L(D); L(A); U(A); U(D);
}

TEST(long_chain_without_cycle_is_silent)
{
	NEEDS_LOCKDEP();
	L(A); L(B); L(C); L(D);
	U(D); U(C); U(B); U(A);
	L(A); L(C); U(C); U(A);
	L(B); L(D); U(D); U(B);
	EXPECT_EQ(1, debug_locks);
}

TEST(recursive_read_allowed)
{
	NEEDS_LOCKDEP();
	RRL(A);
	RRL(A);
	U(A);
	U(A);
	EXPECT_EQ(1, debug_locks);
}

TEST(recursive_read_breaks_the_cycle)
{
	NEEDS_LOCKDEP();
	/* A recursive reader never waits for another reader. */
	RRL(A); L(B); U(B); U(A);
	L(B); RRL(A); U(A); U(B);
	EXPECT_EQ(1, debug_locks);
}

TEST(non_recursive_read_does_not_break_the_cycle)
{
	NEEDS_LOCKDEP();
	/* An rwsem reader queues behind a waiting writer: still a deadlock. */
	EXPECT_REPORT(CIRCULAR);
	EXPECT_REPORT("rlock(A)");
	RL(A); L(B); U(B); U(A);
	L(B); RL(A); U(A); U(B);
}

TEST(rwsem_read_write_inversion)
{
	struct rw_semaphore x, y;

	NEEDS_LOCKDEP();
	init_rwsem(&x);
	init_rwsem(&y);
	EXPECT_REPORT(CIRCULAR);
	EXPECT_REPORT("(&x)");
	EXPECT_REPORT("(&y)");
	down_read(&x);
	down_write(&y);
	up_write(&y);
	up_read(&x);
	down_write(&y);
	down_write(&x);
	up_write(&x);
	up_write(&y);
}

TEST(rwsem_read_twice_is_recursive_locking)
{
	struct rw_semaphore x;

	NEEDS_LOCKDEP();
	init_rwsem(&x);
	EXPECT_REPORT(RECURSIVE);
	EXPECT_REPORT("(&x)");
	down_read(&x);
	down_read(&x);
	up_read(&x);
	up_read(&x);
}

static void init_pair(struct rw_semaphore *sem)
{
	init_rwsem(sem);	/* one init site: one class for both */
}

TEST(nested_subclass_accepted)
{
	struct rw_semaphore a, b;

	NEEDS_LOCKDEP();
	init_pair(&a);
	init_pair(&b);
	down_write(&a);
	down_write_nested(&b, SINGLE_DEPTH_NESTING);
	up_write(&b);
	up_write(&a);
	EXPECT_EQ(1, debug_locks);
}

TEST(same_class_without_nesting_reported)
{
	struct rw_semaphore a, b;

	NEEDS_LOCKDEP();
	init_pair(&a);
	init_pair(&b);
	EXPECT_REPORT(RECURSIVE);
	EXPECT_REPORT("(sem)");
	down_write(&a);
	down_write(&b);
	up_write(&b);
	up_write(&a);
}

TEST(nest_lock_allows_many_of_one_class)
{
	struct rw_semaphore outer, a, b;

	NEEDS_LOCKDEP();
	init_rwsem(&outer);
	init_pair(&a);
	init_pair(&b);
	down_write(&outer);
	down_write_nest_lock(&a, &outer);
	down_write_nest_lock(&b, &outer);
	up_write(&b);
	up_write(&a);
	up_write(&outer);
	EXPECT_EQ(1, debug_locks);
}

TEST(trylock_adds_no_dependency)
{
	DEFINE_MUTEX(m1);
	DEFINE_MUTEX(m2);

	NEEDS_LOCKDEP();
	mutex_lock(&m1);
	ASSERT_TRUE(mutex_trylock(&m2));	/* cannot deadlock */
	mutex_unlock(&m2);
	mutex_unlock(&m1);
	mutex_lock(&m2);
	mutex_lock(&m1);
	mutex_unlock(&m1);
	mutex_unlock(&m2);
	EXPECT_EQ(1, debug_locks);
}

TEST(unlock_balance)
{
	NEEDS_LOCKDEP();
	EXPECT_REPORT("WARNING: bad unlock balance detected!");
	EXPECT_REPORT("is trying to release lock (A) at:");
	EXPECT_REPORT("but there are no more locks to release!");
	U(A);
}

static void *exit_holding(void *arg)
{
	mutex_lock(arg);
	return NULL;
}

TEST(held_at_task_exit)
{
	struct mutex m;
	pthread_t t;

	NEEDS_LOCKDEP();
	mutex_init(&m);
	EXPECT_REPORT("WARNING: lock held when returning to user space!");
	EXPECT_REPORT("is leaving the kernel with locks still held!");
	EXPECT_REPORT("1 lock held by ");
	EXPECT_REPORT("(&m)");
	START_THREAD(t, exit_holding, &m);
	JOIN_THREAD(t);
}

TEST(held_at_end_of_test)
{
	static DEFINE_MUTEX(forgotten);

	NEEDS_LOCKDEP();
	EXPECT_REPORT("WARNING: lock held when returning to user space!");
	EXPECT_REPORT("(forgotten)");
	mutex_lock(&forgotten);
}

struct object {
	int data;
	struct mutex lock;
};

TEST(held_lock_freed)
{
	struct object *obj = kmalloc(sizeof(*obj), GFP_KERNEL);

	NEEDS_LOCKDEP();
	mutex_init(&obj->lock);
	EXPECT_REPORT("WARNING: held lock freed!");
	EXPECT_REPORT("with a lock still held there!");
	EXPECT_REPORT("(&obj->lock)");
	mutex_lock(&obj->lock);
	kfree(obj);
}

TEST(sleeping_under_rcu_read_lock)
{
	EXPECT_REPORT("BUG: sleeping function called from invalid context at selftests/lockdep/lockdep_test.c:");
	EXPECT_REPORT("RCU nest depth: 1, expected: 0");
	rcu_read_lock();
	might_sleep();
	rcu_read_unlock();
}

TEST(mutex_under_spinlock)
{
	DEFINE_SPINLOCK(spin);
	DEFINE_MUTEX(m);

	EXPECT_REPORT("BUG: sleeping function called from invalid context");
	EXPECT_REPORT("in_atomic(): 1");
	spin_lock(&spin);
	mutex_lock(&m);
	mutex_unlock(&m);
	spin_unlock(&spin);
}

TEST(rcu_read_unlock_without_lock)
{
	EXPECT_REPORT("WARNING: suspicious RCU usage");
	EXPECT_REPORT("rcu_read_unlock() without rcu_read_lock()");
	rcu_read_unlock();
}

TEST(rcu_read_lock_left_open)
{
	NEEDS_LOCKDEP();
	EXPECT_REPORT("WARNING: lock held when returning to user space!");
	EXPECT_REPORT("(rcu_read_lock)");
	rcu_read_lock();
}

TEST(synchronize_rcu_in_read_section)
{
	EXPECT_REPORT("WARNING: suspicious RCU usage");
	EXPECT_REPORT("Illegal synchronize_rcu() in RCU read-side critical section");
	rcu_read_lock();
	synchronize_rcu();	/* reported, and returns instead of hanging */
	rcu_read_unlock();
}

TEST(first_report_turns_lockdep_off)
{
	NEEDS_LOCKDEP();
	EXPECT_REPORT(CIRCULAR);
	L(A); L(B); U(B); U(A);
	L(B); L(A); U(A); U(B);
	ASSERT_EQ(0, debug_locks);
	/* Checking has stopped: this would be a second report otherwise. */
	L(C); L(C); U(C); U(C);
	EXPECT_EQ(1, count_in_own_output("WARNING: possible"));
}

TEST(lockdep_off_silences)
{
	NEEDS_LOCKDEP();
	lockdep_off();
	L(A); L(B); U(B); U(A);
	L(B); L(A); U(A); U(B);
	lockdep_on();
	EXPECT_EQ(1, debug_locks);
}

TEST(assert_held_warns_when_not_held)
{
	DEFINE_MUTEX(m);

	NEEDS_LOCKDEP();
	mutex_lock(&m);
	lockdep_assert_held(&m);
	mutex_unlock(&m);
	lockdep_assert_not_held(&m);
	EXPECT_REPORT("WARNING: CPU: ");
	lockdep_assert_held(&m);
}

TEST(might_lock_records_the_dependency)
{
	DEFINE_MUTEX(outer);
	DEFINE_MUTEX(inner);

	NEEDS_LOCKDEP();
	EXPECT_REPORT(CIRCULAR);
	EXPECT_REPORT("(inner)");
	mutex_lock(&outer);
	might_lock(&inner);
	mutex_unlock(&outer);
	mutex_lock(&inner);
	mutex_lock(&outer);
	mutex_unlock(&outer);
	mutex_unlock(&inner);
}

TEST_HARNESS_MAIN
