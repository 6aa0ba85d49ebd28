/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VM_BUG_ON and friends: real checks with CONFIG_DEBUG_VM, type-checked
 * no-ops without. dump_vma()/dump_mm() are provided by mm/ (mm/debug.c).
 */
#ifndef _LINUX_MMDEBUG_H
#define _LINUX_MMDEBUG_H

#include <linux/bug.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/lockdep_types.h>
#include <linux/types.h>

struct vm_area_struct;
struct mm_struct;

void dump_vma(const struct vm_area_struct *vma);
void dump_mm(const struct mm_struct *mm);

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_BUG_ON_VMA(cond, vma)                        \
	do {                                            \
		if (unlikely(cond)) {                   \
			dump_vma(vma);                  \
			BUG();                          \
		}                                       \
	} while (0)
#define VM_BUG_ON_MM(cond, mm)                          \
	do {                                            \
		if (unlikely(cond)) {                   \
			dump_mm(mm);                    \
			BUG();                          \
		}                                       \
	} while (0)
#define VM_WARN_ON(cond) (void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond) (void)WARN_ON_ONCE(cond)
#define VM_WARN_ONCE(cond, format...) (void)WARN_ONCE(cond, format)
#define VM_WARN(cond, format...) (void)WARN(cond, format)
#define VM_WARN_ON_ONCE_VMA(cond, vma)                                 \
	({                                                             \
		int __ret = !!(cond);                                  \
		if (unlikely(__ret) && __shim_first_time()) {          \
			dump_vma(vma);                                 \
			__WARN();                                      \
		}                                                      \
		unlikely(__ret);                                       \
	})
#define VM_WARN_ON_VMA(cond, vma)                     \
	do {                                          \
		if (unlikely(cond)) {                 \
			dump_vma(vma);                \
			__WARN();                     \
		}                                     \
	} while (0)
#else
#define VM_BUG_ON(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_BUG_ON_VMA(cond, vma) VM_BUG_ON(cond)
#define VM_BUG_ON_MM(cond, mm) VM_BUG_ON(cond)
#define VM_WARN_ON(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ONCE(cond, format...) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN(cond, format...) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE_VMA(cond, vma) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_VMA(cond, vma) BUILD_BUG_ON_INVALID(cond)
#endif

#endif /* _LINUX_MMDEBUG_H */
