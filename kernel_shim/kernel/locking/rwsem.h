/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The sleeping-lock core shared by rw_semaphore and mutex: acquisition
 * and release without lockdep or TSan annotations, which the callers add
 * in their own lock's name.
 */
#ifndef _KERNEL_LOCKING_RWSEM_H
#define _KERNEL_LOCKING_RWSEM_H

#include <linux/rwsem.h>

void __rwsem_init_raw(struct rw_semaphore *sem);
int __rwsem_down_write_raw(struct rw_semaphore *sem, unsigned int state);
int __rwsem_down_write_trylock_raw(struct rw_semaphore *sem);
void __rwsem_up_write_raw(struct rw_semaphore *sem);

#endif /* _KERNEL_LOCKING_RWSEM_H */
