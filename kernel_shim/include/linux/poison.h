/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/*
 * Byte patterns the allocators leave in memory, under the kernel's names.
 * Only what the shim's slab uses.
 */

/* A new slab object's bytes before its constructor runs (no __GFP_ZERO). */
#define POISON_INUSE 0x5a

#endif /* _LINUX_POISON_H */
