/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tasks: every thread gets a struct task_struct the first time it uses
 * `current`. Task states, set_current_state(), schedule() and
 * wake_up_process() follow the kernel's sleep/wake protocol; a blocked
 * task sleeps on a futex on its __state.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/refcount.h>
#include <linux/lockdep_types.h>
#include <asm/barrier.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TASK_RUNNING 0x00000000
#define TASK_INTERRUPTIBLE 0x00000001
#define TASK_UNINTERRUPTIBLE 0x00000002
#define __TASK_STOPPED 0x00000004
#define __TASK_TRACED 0x00000008
#define TASK_PARKED 0x00000040
#define TASK_DEAD 0x00000080
#define TASK_WAKEKILL 0x00000100
#define TASK_WAKING 0x00000200
#define TASK_NOLOAD 0x00000400
#define TASK_NEW 0x00000800
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define TASK_COMM_LEN 16
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

struct task_struct {
	unsigned int __state;
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
	refcount_t usage;
	unsigned long pending_signals;	/* bit (sig - 1) per pending signal */
	int rcu_read_lock_nesting;
	int preempt_count;		/* spinlocks held, preempt_disable() */
#ifdef CONFIG_LOCKDEP
	int lockdep_depth;
	unsigned int lockdep_recursion;
	struct held_lock held_locks[MAX_LOCK_DEPTH];
#endif
	struct rcu_head rcu;
};

extern __thread struct task_struct *__shim_current;
struct task_struct *__shim_current_slow(void);

static inline __attribute__((always_inline)) struct task_struct *
get_current(void)
{
	/*
	 * Relaxed: under the deterministic scheduler every task runs on
	 * one thread and has its value swapped in (runtime/sched/
	 * task_locals.h), so TSan sees one address shared by all tasks; an
	 * atomic access races with none of them and orders nothing.
	 */
	struct task_struct *t = __atomic_load_n(&__shim_current, __ATOMIC_RELAXED);

	return __builtin_expect(t != 0, 1) ? t : __shim_current_slow();
}
#define current get_current()

#define task_pid_nr(tsk) ((tsk)->pid)
#define task_tgid_nr(tsk) ((tsk)->tgid)

#define __set_current_state(state_value) \
	WRITE_ONCE(current->__state, (state_value))
#define set_current_state(state_value) \
	smp_store_mb(current->__state, (state_value))
#define get_current_state() READ_ONCE(current->__state)
#define task_is_running(task) (READ_ONCE((task)->__state) == TASK_RUNNING)

void schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_uninterruptible(long timeout);
int wake_up_process(struct task_struct *tsk);
int wake_up_state(struct task_struct *tsk, unsigned int state);
void cond_resched(void);
void yield(void);
void msleep(unsigned int msecs);
void usleep_range(unsigned long min, unsigned long max);

struct task_struct *get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);

/* Rename the calling thread, in `current->comm` and for the OS. */
void set_task_comm(struct task_struct *tsk, const char *name);

/* Sleeping functions must not be called in atomic or RCU read context. */
void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)
#define might_fault() might_sleep()
#define sched_annotate_sleep() do { } while (0)

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_SCHED_H */
