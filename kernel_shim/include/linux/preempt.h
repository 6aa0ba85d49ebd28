/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * There is no preemption to disable in user space; preempt_count is kept
 * per task so that sleeping in atomic context can be reported.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/sched.h>
#include <linux/cache.h>
#include <linux/export.h>

#define preempt_count() (current->preempt_count)
#define preempt_disable() do { current->preempt_count++; barrier(); } while (0)
#define preempt_enable() do { barrier(); current->preempt_count--; } while (0)
#define preempt_enable_no_resched() preempt_enable()
#define migrate_disable() do { } while (0)
#define migrate_enable() do { } while (0)
#define in_atomic() (preempt_count() != 0)
#define in_interrupt() (0)
#define in_task() (1)
#define irqs_disabled() (0)
#define local_irq_save(flags) do { (flags) = 0; } while (0)
#define local_irq_restore(flags) do { (void)(flags); } while (0)
#define local_irq_disable() do { } while (0)
#define local_irq_enable() do { } while (0)

#endif /* _LINUX_PREEMPT_H */
