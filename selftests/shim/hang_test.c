// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests that hang on purpose, free-running, for check_hang.py: a hung
 * test must report every task's state and stack and the locks held, as
 * the kernel's hung-task detector and debug_show_all_locks() would. Not a
 * suite of its own: run whole, every test here fails.
 */
#include <pthread.h>

#include <linux/rwsem.h>
#include <linux/sched.h>

#include "../kselftest_harness.h"

static DECLARE_RWSEM(hang_sem);

static void *reader_blocks_on_the_writer(void *arg)
{
	set_task_comm(current, "hang_reader");
	down_read(&hang_sem);	/* never granted: the writer never leaves */
	up_read(&hang_sem);
	return NULL;
}

FIXTURE(hang) {};
FIXTURE_SETUP(hang) {}
FIXTURE_TEARDOWN(hang) {}

/*
 * A reader blocked (D) behind a writer that waits for the reader: every
 * task sleeps, nothing can wake one; reported at once, before the timeout.
 */
TEST_F_TIMEOUT(hang, reader_behind_a_writer_waiting_for_it, 60)
{
	pthread_t reader;

	down_write(&hang_sem);
	ASSERT_EQ(0, pthread_create(&reader, NULL, reader_blocks_on_the_writer,
				    NULL));
	pthread_join(reader, NULL);
	up_write(&hang_sem);
}

/* No task blocked: a busy wait that never ends. */
TEST_F_TIMEOUT(hang, busy_wait_that_never_ends, 2)
{
	int never = 0;

	while (!READ_ONCE(never))
		cpu_relax();
}

TEST_HARNESS_MAIN
