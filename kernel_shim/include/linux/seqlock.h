/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * seqcount_t: a sequence counter that lets readers detect a concurrent
 * writer and retry. Writers must be serialized by other means (for
 * mm->mm_lock_seq: the mmap write lock).
 *
 * Readers under ThreadSanitizer: data read speculatively inside a read
 * section must be read with READ_ONCE() (and written with WRITE_ONCE()),
 * since the read may overlap a write; see Documentation/shim.rst.
 */
#ifndef _LINUX_SEQLOCK_H
#define _LINUX_SEQLOCK_H

#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>

typedef struct seqcount {
	unsigned sequence;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct lockdep_map dep_map;
#endif
} seqcount_t;

#ifdef CONFIG_DEBUG_LOCK_ALLOC
#define __SEQCOUNT_INIT_DEP(lockname) , .dep_map = { .name = #lockname }
#else
#define __SEQCOUNT_INIT_DEP(lockname)
#endif
#define SEQCNT_ZERO(lockname) { .sequence = 0 __SEQCOUNT_INIT_DEP(lockname) }

static inline void __seqcount_init(seqcount_t *s, const char *name,
				   struct lock_class_key *key)
{
	lockdep_init_map(&s->dep_map, name, key, 0);
	s->sequence = 0;
}

#define seqcount_init(s)                                       \
	do {                                                   \
		static struct lock_class_key __key;            \
		__seqcount_init((s), #s, &__key);              \
	} while (0)

/* The current sequence, without waiting for an in-progress writer. */
#define raw_read_seqcount(s)                                   \
	({                                                     \
		unsigned __seq = READ_ONCE((s)->sequence);     \
		smp_rmb();                                     \
		__seq;                                         \
	})

#define __read_seqcount_begin(s)                               \
	({                                                     \
		unsigned __seq;                                \
		while ((__seq = READ_ONCE((s)->sequence)) & 1) \
			cpu_relax();                           \
		__seq;                                         \
	})

#define raw_read_seqcount_begin(s)                             \
	({                                                     \
		unsigned _seq = __read_seqcount_begin(s);      \
		smp_rmb();                                     \
		_seq;                                          \
	})

#define read_seqcount_begin(s) raw_read_seqcount_begin(s)

/*
 * Begin a read section unless a writer is active: sets @start and
 * evaluates to true if the section may proceed.
 */
#define raw_seqcount_try_begin(s, start)                       \
	({                                                     \
		start = raw_read_seqcount(s);                  \
		!(start & 1);                                  \
	})

#define __read_seqcount_retry(s, start) \
	unlikely(READ_ONCE((s)->sequence) != (start))

#define read_seqcount_retry(s, start)                          \
	({                                                     \
		smp_rmb();                                     \
		__read_seqcount_retry(s, start);               \
	})

static inline void do_raw_write_seqcount_begin(seqcount_t *s)
{
	WRITE_ONCE(s->sequence, s->sequence + 1);
	smp_wmb();
}

static inline void do_raw_write_seqcount_end(seqcount_t *s)
{
	smp_wmb();
	WRITE_ONCE(s->sequence, s->sequence + 1);
}

#define raw_write_seqcount_begin(s) do_raw_write_seqcount_begin(s)
#define raw_write_seqcount_end(s) do_raw_write_seqcount_end(s)

static inline void do_write_seqcount_begin_nested(seqcount_t *s, int subclass)
{
	seqcount_acquire(&s->dep_map, subclass, 0, _RET_IP_);
	do_raw_write_seqcount_begin(s);
}

static inline void do_write_seqcount_end(seqcount_t *s)
{
	seqcount_release(&s->dep_map, _RET_IP_);
	do_raw_write_seqcount_end(s);
}

#define write_seqcount_begin_nested(s, subclass) \
	do_write_seqcount_begin_nested(s, subclass)
#define write_seqcount_begin(s) do_write_seqcount_begin_nested(s, 0)
#define write_seqcount_end(s) do_write_seqcount_end(s)

/* Makes every reader that began before this retry. */
static inline void write_seqcount_invalidate(seqcount_t *s)
{
	smp_wmb();
	WRITE_ONCE(s->sequence, s->sequence + 2);
}

#endif /* _LINUX_SEQLOCK_H */
