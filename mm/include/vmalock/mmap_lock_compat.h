/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space only. COMPAT: what a kernel tree's <linux/mmap_lock.h> from
 * another era lacks and this tree's code calls, supplied here from the
 * configure-time feature tests (<vmalock/mmap_lock_features.h>, written
 * by mm/include/vmalock/meson.build), never from a version number. With
 * this tree's own header every feature is there and this file is empty.
 */
#ifndef _VMALOCK_MMAP_LOCK_COMPAT_H
#define _VMALOCK_MMAP_LOCK_COMPAT_H

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/mm_types.h>
#include <linux/mmap_lock.h>
#include <linux/refcount.h>
#include <vmalock/mmap_lock_features.h>

#ifdef CONFIG_PER_VMA_LOCK

#ifndef VMALOCK_HAVE_VMA_IS_ATTACHED
/* Before 7.0 callers read the count themselves: attached means non-zero. */
static inline bool vma_is_attached(struct vm_area_struct *vma)
{
	return refcount_read(&vma->vm_refcnt);
}
#endif

#ifndef VMALOCK_HAVE_VMA_START_WRITE_KILLABLE
/*
 * A tree without killable write locks: tests of them skip (see
 * vmalock_has_killable_vma_write()). Reaching this is a test bug, said as
 * loudly as one, not a silent non-killable wait.
 */
static inline __must_check int
vma_start_write_killable(struct vm_area_struct *vma)
{
	WARN(1, "vma_start_write_killable() is not in this kernel tree\n");
	return -ENOSYS;
}
#endif

#else /* !CONFIG_PER_VMA_LOCK */

#ifndef VMALOCK_HAVE_VMA_IS_ATTACHED
static inline bool vma_is_attached(struct vm_area_struct *vma)
{
	return true;
}
#endif

#ifndef VMALOCK_HAVE_VMA_START_WRITE_KILLABLE
static inline __must_check int
vma_start_write_killable(struct vm_area_struct *vma)
{
	return 0;
}
#endif

#endif /* CONFIG_PER_VMA_LOCK */

/* Does the tree in use have killable VMA write locks? */
static inline bool vmalock_has_killable_vma_write(void)
{
	return IS_ENABLED(VMALOCK_HAVE_VMA_START_WRITE_KILLABLE);
}

/*
 * Does its vma_assert_locked() ask lockdep whether this task holds the
 * read lock (rather than trusting any raised count)?
 */
static inline bool vmalock_vma_assert_locked_asks_lockdep(void)
{
	return IS_ENABLED(CONFIG_LOCKDEP) &&
	       IS_ENABLED(VMALOCK_HAVE_VMA_ASSERT_STABILISED);
}

#endif /* _VMALOCK_MMAP_LOCK_COMPAT_H */
