// SPDX-License-Identifier: GPL-2.0-only
/* rcuwait: wake-ups, and waits that signals interrupt or not. */
#include <linux/atomic.h>
#include <linux/rcuwait.h>

#include "shim_test.h"

struct sleeper {
	struct rcuwait wait;
	atomic_t cond;
	unsigned int state;
	int ret;
	int done;
};

static void *sleeper_fn(void *arg)
{
	struct sleeper *s = arg;

	s->ret = rcuwait_wait_event(&s->wait, atomic_read(&s->cond),
				    s->state);
	smp_store_release(&s->done, 1);
	return NULL;
}

static void wait_until_sleeping(struct sleeper *s)
{
	while (!rcuwait_active(&s->wait))
		sched_yield();
}

/*
 * The sleeper got a chance to run and is still waiting; then make the
 * condition true and wake it.
 */
static void expect_waiting_then_release(struct __test_metadata *_metadata,
					struct sleeper *s)
{
	for (int i = 0; i < 100; i++)
		sched_yield();
	EXPECT_EQ(0, smp_load_acquire(&s->done));
	atomic_set_release(&s->cond, 1);
	rcuwait_wake_up(&s->wait);
}

TEST(waiter_wakes_when_condition_true)
{
	struct sleeper s = { .state = TASK_UNINTERRUPTIBLE };
	pthread_t t;

	rcuwait_init(&s.wait);
	START_THREAD(t, sleeper_fn, &s);
	wait_until_sleeping(&s);
	EXPECT_EQ(0, smp_load_acquire(&s.done));
	/* A wake-up without the condition does not end the wait. */
	rcuwait_wake_up(&s.wait);
	expect_waiting_then_release(_metadata, &s);
	JOIN_THREAD(t);
	EXPECT_EQ(0, s.ret);
	EXPECT_FALSE(rcuwait_active(&s.wait));
}

TEST(condition_already_true_returns_at_once)
{
	struct sleeper s = { .state = TASK_UNINTERRUPTIBLE };

	rcuwait_init(&s.wait);
	atomic_set(&s.cond, 1);
	sleeper_fn(&s);
	EXPECT_EQ(0, s.ret);
	EXPECT_EQ(TASK_RUNNING, current->__state);
}

TEST(wake_up_without_sleeper)
{
	struct rcuwait w;

	rcuwait_init(&w);
	EXPECT_EQ(0, rcuwait_wake_up(&w));
}

static void check_signal(struct __test_metadata *_metadata,
			 unsigned int state, int sig, int interrupted)
{
	struct sleeper s = { .state = state };
	struct task_struct *task;
	pthread_t t;

	rcuwait_init(&s.wait);
	START_THREAD(t, sleeper_fn, &s);
	wait_until_sleeping(&s);
	rcu_read_lock();
	task = get_task_struct(rcu_dereference(s.wait.task));
	rcu_read_unlock();
	send_sig(sig, task, 0);
	put_task_struct(task);
	if (!interrupted)
		expect_waiting_then_release(_metadata, &s);
	JOIN_THREAD(t);
	EXPECT_EQ(interrupted ? -EINTR : 0, s.ret);
}

TEST(killable_wait_fatal_signal)
{
	check_signal(_metadata, TASK_KILLABLE, SIGKILL, 1);
}

TEST(killable_wait_ignores_other_signals)
{
	check_signal(_metadata, TASK_KILLABLE, SIGINT, 0);
}

TEST(interruptible_wait_any_signal)
{
	check_signal(_metadata, TASK_INTERRUPTIBLE, SIGINT, 1);
}

TEST(uninterruptible_wait_ignores_fatal_signal)
{
	check_signal(_metadata, TASK_UNINTERRUPTIBLE, SIGKILL, 0);
}

TEST_HARNESS_MAIN
