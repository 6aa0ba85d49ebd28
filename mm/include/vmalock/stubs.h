/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space only. STUBS: kernel facilities that this address space has
 * no use for, reduced to what the ported fault path calls. Everything
 * here stands in for the kernel's and behaves as the comments say.
 */
#ifndef _VMALOCK_STUBS_H
#define _VMALOCK_STUBS_H

#include <linux/errno.h>
#include <linux/types.h>

struct vm_area_struct;

/* Faults come from "user mode" here; there are no kernel faults to fix up. */
struct pt_regs {
	unsigned long ip;
};

static inline bool user_mode(struct pt_regs *regs)
{
	return true;
}

static inline unsigned long exception_ip(struct pt_regs *regs)
{
	return regs->ip;
}

/* Stacks do not grow down into unmapped space in this address space. */
static inline int expand_stack_locked(struct vm_area_struct *vma,
				      unsigned long addr)
{
	return -ENOMEM;
}

#endif /* _VMALOCK_STUBS_H */
