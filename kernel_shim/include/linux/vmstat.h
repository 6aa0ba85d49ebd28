/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VM event counters. The per-VMA lock events (CONFIG_PER_VMA_LOCK_STATS
 * in the kernel) are always counted here: tests and tools read them.
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/atomic.h>
#include <linux/vm_event_item.h>

#ifdef __cplusplus
extern "C" {
#endif

extern atomic_long_t vm_event_states[NR_VM_EVENT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	atomic_long_add(delta, &vm_event_states[item]);
}

static inline void count_vm_event(enum vm_event_item item)
{
	count_vm_events(item, 1);
}

#define __count_vm_event(item) count_vm_event(item)
#define count_vm_vma_lock_event(item) count_vm_event(item)

/* Copies every counter into @ret[NR_VM_EVENT_ITEMS]. */
void all_vm_events(unsigned long *ret);
void reset_vm_events(void);

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_VMSTAT_H */
