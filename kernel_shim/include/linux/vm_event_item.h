/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_VM_EVENT_ITEM_H
#define _LINUX_VM_EVENT_ITEM_H

/* The subset of the kernel's vm events that this tree counts. */
enum vm_event_item {
	PGFAULT,
	PGMAJFAULT,
	VMA_LOCK_SUCCESS,
	VMA_LOCK_ABORT,
	VMA_LOCK_RETRY,
	VMA_LOCK_MISS,
	NR_VM_EVENT_ITEMS
};

#endif /* _LINUX_VM_EVENT_ITEM_H */
