/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included by kernel code (mm/mmap_lock.c) for what this tree does not
 * have; nothing in it is needed here.
 */
#ifndef _LINUX_EXTABLE_H
#define _LINUX_EXTABLE_H

#include <linux/types.h>

struct exception_table_entry;

/* No kernel code faults here: no fixups to find. */
static inline const struct exception_table_entry *
search_exception_tables(unsigned long addr)
{
	return NULL;
}

#endif
