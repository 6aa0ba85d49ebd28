/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VM event counters. As the kernel's are per CPU, ours are per thread:
 * counting touches only the thread's own cache line (relaxed atomic loads
 * and stores, no locked instruction); all_vm_events() sums every thread's
 * counters and those of threads that have exited. The per-VMA lock events
 * (CONFIG_PER_VMA_LOCK_STATS in the kernel) are always counted here:
 * tests and tools read them.
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/compiler.h>
#include <linux/vm_event_item.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>
#include <linux/refcount_types.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vm_event_state {
	unsigned long event[NR_VM_EVENT_ITEMS];
};

extern __thread struct vm_event_state *vm_event_this;
struct vm_event_state *vm_event_register_thread(void);
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	/*
	 * Relaxed: the tasks of a schedule share the thread (runtime/sched/
	 * task_locals.h), as tasks on one CPU share its counters.
	 */
	struct vm_event_state *s =
		__atomic_load_n(&vm_event_this, __ATOMIC_RELAXED);
	unsigned long *c;

	if (unlikely(!s))
		s = vm_event_register_thread();
	c = &s->event[item];
	/* Only this thread writes it: no need for a locked add. */
	__atomic_store_n(c, __atomic_load_n(c, __ATOMIC_RELAXED) + delta,
			 __ATOMIC_RELAXED);
}

static inline void count_vm_event(enum vm_event_item item)
{
	count_vm_events(item, 1);
}

#define __count_vm_event(item) count_vm_event(item)
#define count_vm_vma_lock_event(item) count_vm_event(item)

/* Copies the sum of every counter into @ret[NR_VM_EVENT_ITEMS]. */
void all_vm_events(unsigned long *ret);
/* Sets every counter to 0 (for tests; racing counts may be lost). */
void reset_vm_events(void);

#ifdef __cplusplus
}
#endif

#include <linux/mmdebug.h>

#endif /* _LINUX_VMSTAT_H */
