// SPDX-License-Identifier: GPL-2.0-only
#include <linux/vmstat.h>

atomic_long_t vm_event_states[NR_VM_EVENT_ITEMS];

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
	[VMA_LOCK_SUCCESS] = "vma_lock_success",
	[VMA_LOCK_ABORT] = "vma_lock_abort",
	[VMA_LOCK_RETRY] = "vma_lock_retry",
	[VMA_LOCK_MISS] = "vma_lock_miss",
};

void all_vm_events(unsigned long *ret)
{
	int i;

	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		ret[i] = atomic_long_read(&vm_event_states[i]);
}

void reset_vm_events(void)
{
	int i;

	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		atomic_long_set(&vm_event_states[i], 0);
}
