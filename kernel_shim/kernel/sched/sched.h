// SPDX-License-Identifier: GPL-2.0-only
//
// Private to the scheduler's kernel side, as kernel/sched/sched.h is.
// User-space only: the free-running sleep both schedule() and the
// timeouts of kernel/time/ use.
#pragma once

#include <ctime>

// Sleeps on current's __state until it is TASK_RUNNING, a signal its
// state allows is pending, or CLOCK_MONOTONIC passes @deadline (nullptr:
// never). Returns the milliseconds left, MAX_SCHEDULE_TIMEOUT without a
// deadline.
extern "C" long schedule_until_deadline(const struct timespec *deadline);
