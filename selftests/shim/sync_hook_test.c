// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every kind of synchronizing operation reaches shim_sync_hook (in builds
 * with -Dsync_hook=true), which is what a deterministic scheduler needs.
 */
#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

#include "shim_test.h"

static unsigned long seen[SHIM_SYNC_NR_OPS];

static void *nothing(void *arg)
{
	return arg;
}

static void count_op(enum shim_sync_op op, const volatile void *addr)
{
	(void)addr;
	__atomic_fetch_add(&seen[op], 1, __ATOMIC_RELAXED);
}

TEST(every_operation_kind_reaches_the_hook)
{
	DEFINE_SPINLOCK(lock);
	DECLARE_RWSEM(sem);
	atomic_t v = ATOMIC_INIT(0);
	int x = 0;
	pthread_t t;
	int op;

	if (!IS_ENABLED(CONFIG_SHIM_SYNC_HOOK))
		SKIP(return, "built without -Dsync_hook=true");
	__atomic_store_n(&shim_sync_hook, count_op, __ATOMIC_RELAXED);
	WRITE_ONCE(x, READ_ONCE(x) + 1);
	atomic_inc(&v);
	smp_wmb();
	smp_rmb();
	spin_lock(&lock);
	spin_unlock(&lock);
	down_read(&sem);
	up_read(&sem);
	rcu_read_lock();
	rcu_read_unlock();
	wake_up_process(current);
	__set_current_state(TASK_INTERRUPTIBLE);
	__set_current_state(TASK_RUNNING);
	schedule();
	cpu_relax();
	ASSERT_EQ(0, pthread_create(&t, NULL, nothing, NULL));
	__atomic_store_n(&shim_sync_hook, NULL, __ATOMIC_RELAXED);
	ASSERT_EQ(0, pthread_join(t, NULL));

	for (op = SHIM_SYNC_LOAD; op < SHIM_SYNC_NR_OPS; op++)
		EXPECT_LT(0, seen[op]) TH_LOG("operation kind %d never seen", op);
}

TEST_HARNESS_MAIN
