// SPDX-License-Identifier: GPL-2.0-only
//
// Timeouts, as kernel/time/timer.c and kernel/time/sleep_timeout.c keep
// them: jiffies are milliseconds here (HZ=1000); under the deterministic
// scheduler time is its virtual time.
//
// The runtime includes system headers before kernel ones: the kernel's
// macros (barrier(), __malloc, ...) must not reach libc or libstdc++.
#include <cerrno>
#include <cstdint>
#include <ctime>

#include <linux/sched.h>

#include "../../runtime/sched/sched.h"
#include "../sched/sched.h"

extern "C" {

// Under the scheduler: a sleep of @timeout_ns virtual nanoseconds; returns
// the jiffies left.
static long sched_schedule_timeout(uint64_t timeout_ns)
{
	shim_sync_point(SHIM_SYNC_SLEEP, current);
	uint64_t deadline = shim::sched::now_ns() + timeout_ns;
	shim::sched::sleep(current, deadline);
	uint64_t now = shim::sched::now_ns();
	return now < deadline ? static_cast<long>((deadline - now) / 1000000) : 0;
}

// Jiffies are milliseconds here (HZ=1000).
long schedule_timeout(long timeout)
{
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return MAX_SCHEDULE_TIMEOUT;
	}
	if (shim::sched::current_is_task())
		return sched_schedule_timeout(static_cast<uint64_t>(timeout) *
					      1000000ULL);
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout / 1000;
	deadline.tv_nsec += (timeout % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	return schedule_until_deadline(&deadline);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

void msleep(unsigned int msecs)
{
	schedule_timeout_uninterruptible(msecs);
}

void usleep_range(unsigned long min, unsigned long max)
{
	(void)max;
	if (shim::sched::current_is_task()) {
		__set_current_state(TASK_UNINTERRUPTIBLE);
		sched_schedule_timeout(static_cast<uint64_t>(min) * 1000ULL);
		return;
	}
	struct timespec ts = { static_cast<time_t>(min / 1000000),
			       static_cast<long>(min % 1000000) * 1000 };
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

} // extern "C"
