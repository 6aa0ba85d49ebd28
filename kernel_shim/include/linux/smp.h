/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included by kernel code (mm/mmap_lock.c) for what this tree does not
 * have; nothing in it is needed here.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/types.h>

#endif
