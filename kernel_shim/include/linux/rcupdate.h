/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RCU on liburcu's memory-barrier flavour (liburcu-memb). Threads register
 * themselves on their first rcu_read_lock(); callers need not.
 *
 * liburcu's internals are invisible to ThreadSanitizer, so the shim adds
 * the happens-before a grace period creates: every rcu_read_unlock() is a
 * release, and the end of synchronize_rcu() and the start of each call_rcu
 * callback an acquire, of one RCU sync object. rcu_dereference() is an
 * ACQUIRE load under TSan (TSan does not follow address dependencies);
 * rcu_assign_pointer() is a RELEASE store everywhere.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/lockdep.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/list.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef CONFIG_LOCKDEP
extern struct lockdep_map rcu_lock_map;
#endif

void rcu_read_lock(void);
void rcu_read_unlock(void);
int rcu_read_lock_held(void);
void synchronize_rcu(void);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void rcu_barrier(void);
void kvfree_call_rcu(struct rcu_head *head, void *ptr);

#define rcu_read_lock_bh() rcu_read_lock()
#define rcu_read_unlock_bh() rcu_read_unlock()
#define rcu_read_lock_sched() rcu_read_lock()
#define rcu_read_unlock_sched() rcu_read_unlock()
#define rcu_read_lock_any_held() rcu_read_lock_held()
#define synchronize_rcu_expedited() synchronize_rcu()
#define cond_synchronize_rcu(x) synchronize_rcu()
#define rcu_lockdep_assert(c, s) RCU_LOCKDEP_WARN(!(c), s)

/* "suspicious RCU usage": a kernel-format report, as with CONFIG_PROVE_RCU. */
void lockdep_rcu_suspicious(const char *file, const int line, const char *s);

#ifdef CONFIG_PROVE_RCU
#define RCU_LOCKDEP_WARN(c, s)                                       \
	do {                                                         \
		if ((c) && __shim_first_time())                      \
			lockdep_rcu_suspicious(__FILE__, __LINE__, s); \
	} while (0)
#else
#define RCU_LOCKDEP_WARN(c, s) do { (void)(c); } while (0)
#endif

#ifdef CONFIG_SHIM_TSAN
#define __rcu_load(p) smp_load_acquire(&(p))
#else
#define __rcu_load(p) READ_ONCE(p)
#endif

#define rcu_dereference_raw(p)                                 \
	({                                                     \
		__typeof__(*(p)) *__rd_v = __rcu_load(p);      \
		__rd_v;                                        \
	})

#define rcu_dereference_check(p, c)                                          \
	({                                                                   \
		RCU_LOCKDEP_WARN(!((c) || rcu_read_lock_held()),             \
				 "suspicious rcu_dereference_check() usage"); \
		rcu_dereference_raw(p);                                      \
	})

#define rcu_dereference(p) rcu_dereference_check(p, 0)
#define rcu_dereference_bh(p) rcu_dereference(p)
#define rcu_dereference_sched(p) rcu_dereference(p)

/* Update side, with the lock held: no RCU ordering needed. */
#define rcu_dereference_protected(p, c)                                     \
	({                                                                  \
		RCU_LOCKDEP_WARN(!(c),                                      \
				 "suspicious rcu_dereference_protected() usage"); \
		(__typeof__(*(p)) *)(p);                                    \
	})

/* The pointer's value only (no dereference): a plain marked load. */
#define rcu_access_pointer(p) ((__typeof__(*(p)) *)READ_ONCE(p))

#define rcu_assign_pointer(p, v) smp_store_release(&(p), (v))
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)
#define RCU_INITIALIZER(v) (v)

#define rcu_replace_pointer(rcu_ptr, ptr, c)                             \
	({                                                               \
		__typeof__(ptr) __tmp = rcu_dereference_protected((rcu_ptr), (c)); \
		rcu_assign_pointer((rcu_ptr), (ptr));                    \
		__tmp;                                                   \
	})

/* Free @ptr (a struct with a struct rcu_head @rhf) after a grace period. */
#define kfree_rcu(ptr, rhf)                                                 \
	do {                                                                \
		__typeof__(ptr) ___p = (ptr);                               \
		if (___p)                                                   \
			kvfree_call_rcu(&___p->rhf, (void *)___p);          \
	} while (0)
#define kvfree_rcu(ptr, rhf) kfree_rcu(ptr, rhf)

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_RCUPDATE_H */
