/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The subset of the maple tree API that the VMA code uses, over a simpler
 * RCU-safe structure of our own: ranges [first, last] -> entry, kept
 * sorted in immutable leaves of at most MT_LEAF_MAX ranges under one
 * immutable top array. An update builds the changed leaves and a new top
 * array and publishes it with rcu_assign_pointer(); what it replaced is
 * freed after a grace period. So a lookup under rcu_read_lock() alone
 * never sees a torn structure; lookups are two binary searches
 * (O(log n)); an update copies one top array (n / MT_LEAF_MAX pointers)
 * and the leaves it touches. Writers are serialized externally (the mmap
 * write lock), as with MT_FLAGS_LOCK_EXTERN.
 */
#ifndef _LINUX_MAPLE_TREE_H
#define _LINUX_MAPLE_TREE_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/limits.h>
#include <linux/rcupdate.h>
#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>

#define MT_LEAF_MAX 64

#define MT_FLAGS_ALLOC_RANGE 0x01
#define MT_FLAGS_USE_RCU 0x02
#define MT_FLAGS_LOCK_EXTERN 0x04
#define MM_MT_FLAGS (MT_FLAGS_ALLOC_RANGE | MT_FLAGS_LOCK_EXTERN | MT_FLAGS_USE_RCU)

struct mt_range {
	unsigned long first;
	unsigned long last;
	void *entry;
};

struct mt_leaf {
	struct rcu_head rcu;
	unsigned int nr;
	struct mt_range r[MT_LEAF_MAX];
};

struct mt_top {
	struct rcu_head rcu;
	unsigned int nr;	/* leaves */
	unsigned long count;	/* ranges */
	struct mt_leaf *leaves[];
};

struct maple_tree {
	struct mt_top __rcu *ma_root;
	unsigned int ma_flags;
};

/* A cursor: the range [index, last] it is at or will store to. */
struct ma_state {
	struct maple_tree *tree;
	unsigned long index;
	unsigned long last;
};

#define MA_STATE(name, mt, first, end)                              \
	struct ma_state name = { .tree = (mt), .index = (first),    \
				 .last = (end) }

#define MTREE_INIT(name, flags) { .ma_root = NULL, .ma_flags = (flags) }

void mt_init_flags(struct maple_tree *mt, unsigned int flags);
static inline void mt_init(struct maple_tree *mt)
{
	mt_init_flags(mt, 0);
}
/* Frees the structure (not the entries), after a grace period. */
void __mt_destroy(struct maple_tree *mt);
static inline void mtree_destroy(struct maple_tree *mt)
{
	__mt_destroy(mt);
}
unsigned long mtree_count(struct maple_tree *mt);

/* The entry whose range holds @index, or NULL. Needs RCU or the lock. */
void *mtree_load(struct maple_tree *mt, unsigned long index);

static inline void mas_set_range(struct ma_state *mas, unsigned long first,
				 unsigned long last)
{
	mas->index = first;
	mas->last = last;
}

static inline void mas_set(struct ma_state *mas, unsigned long index)
{
	mas_set_range(mas, index, index);
}

/*
 * The entry at mas->index; on success mas is set to its range. On a gap,
 * NULL, and mas->index/last are the gap's bounds.
 */
void *mas_walk(struct ma_state *mas);
/* The first entry at or after mas->index starting at most at @max. */
void *mas_find(struct ma_state *mas, unsigned long max);
/* The last entry before mas->index ending at least at @min. */
void *mas_prev(struct ma_state *mas, unsigned long min);
/* mas_find() from just after the current range. */
void *mas_next(struct ma_state *mas, unsigned long max);
/*
 * Store @entry (NULL: erase) over [mas->index, mas->last], overwriting
 * whatever was there; ranges that stick out keep their old entry.
 */
int mas_store_gfp(struct ma_state *mas, void *entry, gfp_t gfp);
/* Erase the range at mas->index; returns its entry. */
void *mas_erase(struct ma_state *mas);

#endif /* _LINUX_MAPLE_TREE_H */
