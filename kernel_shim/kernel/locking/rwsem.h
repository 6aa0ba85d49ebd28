/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The write side of rw_semaphore, fully annotated (lockdep, TSan, sync
 * hook), for struct mutex: a mutex is an rwsem only ever write-locked,
 * and shares its address and lockdep map with the rwsem inside it.
 */
#ifndef _KERNEL_LOCKING_RWSEM_H
#define _KERNEL_LOCKING_RWSEM_H

#include <linux/rwsem.h>

int __rwsem_down_write(struct rw_semaphore *sem, int subclass,
		       struct lockdep_map *nest, unsigned int state,
		       unsigned long ip);
int __rwsem_down_write_trylock(struct rw_semaphore *sem, unsigned long ip);
void __rwsem_up_write(struct rw_semaphore *sem, unsigned long ip);

#endif /* _KERNEL_LOCKING_RWSEM_H */
