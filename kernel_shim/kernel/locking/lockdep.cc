// SPDX-License-Identifier: GPL-2.0-only
//
// lockdep, the held-lock half: each task's stack of held locks (in its
// task_struct, as in the kernel), lock_is_held(), and the checks that need
// only that stack (bad unlock balance, locks held at exit, held lock
// freed). Dependency tracking builds on this (Documentation/shim.rst).
#include <unistd.h>

#include <cstring>
#include <string>

#include <linux/lockdep.h>
#include <linux/sched.h>

#include "../printk/report.h"

extern "C" {
int debug_locks = 1;
int debug_locks_silent;

void harness_register_exit_check(void (*check)(void)) __attribute__((weak));
}

namespace {

#ifdef CONFIG_LOCKDEP
bool tracking(struct task_struct *t)
{
	return __atomic_load_n(&debug_locks, __ATOMIC_RELAXED) &&
	       !t->lockdep_recursion;
}

std::string lock_name(const struct lockdep_map *lock)
{
	return lock->name ? lock->name : "<unnamed>";
}
#endif

std::string held_locks_text(struct task_struct *t)
{
	std::string s;
#ifndef CONFIG_LOCKDEP
	(void)t;
	return s;
#else
	if (!t->lockdep_depth) {
		shim::appendf(s, "no locks held by %s/%d.\n", t->comm, t->pid);
		return s;
	}
	shim::appendf(s, "%d lock%s held by %s/%d:\n", t->lockdep_depth,
		      t->lockdep_depth > 1 ? "s" : "", t->comm, t->pid);
	for (int i = 0; i < t->lockdep_depth; i++) {
		const struct held_lock *h = &t->held_locks[i];
		shim::appendf(s, " #%d: %p (%s){%s}, at:%s\n", i,
			      static_cast<void *>(h->instance),
			      lock_name(h->instance).c_str(),
			      h->read ? "++++" : "+.+.",
			      shim::symbolize(reinterpret_cast<void *>(
						      h->acquire_ip))
				      .c_str());
	}
	return s;
#endif
}

void report(const char *title, const std::string &body)
{
	if (!debug_locks_off() || debug_locks_silent)
		return;
	struct task_struct *t = current;
	std::string s = "\n=====================================\n";
	shim::appendf(s, "%s\n", title);
	s += "6.x-vmalock\n-------------------------------------\n";
	s += body;
	s += held_locks_text(t);
	s += "\nstack backtrace:\n";
	s += shim::cpu_line();
	s += shim::call_trace(2);
	shim::emit(s);
}

#ifdef CONFIG_LOCKDEP
int find_held(struct task_struct *t, const struct lockdep_map *lock)
{
	for (int i = t->lockdep_depth - 1; i >= 0; i--)
		if (t->held_locks[i].instance == lock)
			return i;
	return -1;
}

void check_held_at_test_end()
{
	debug_check_no_locks_held();
}

__attribute__((constructor)) void register_with_harness()
{
	if (harness_register_exit_check)
		harness_register_exit_check(check_held_at_test_end);
}
#endif

} // namespace

extern "C" {

int debug_locks_off(void)
{
	return __atomic_exchange_n(&debug_locks, 0, __ATOMIC_RELAXED);
}

#ifdef CONFIG_LOCKDEP
void lockdep_init_map_type(struct lockdep_map *lock, const char *name,
			   struct lock_class_key *key, int subclass, u8 inner,
			   u8 outer, u8 lock_type)
{
	(void)subclass;
	lock->name = name;
	lock->key = key;
	lock->wait_type_inner = inner;
	lock->wait_type_outer = outer;
	lock->lock_type = lock_type;
	lock->class_cache[0] = lock->class_cache[1] = nullptr;
}

void lock_acquire(struct lockdep_map *lock, unsigned int subclass,
		  int trylock, int read, int check,
		  struct lockdep_map *nest_lock, unsigned long ip)
{
	struct task_struct *t = current;
	if (!tracking(t))
		return;
	if (t->lockdep_depth >= static_cast<int>(MAX_LOCK_DEPTH)) {
		report("BUG: MAX_LOCK_DEPTH too low!", "");
		return;
	}
	struct held_lock *h = &t->held_locks[t->lockdep_depth++];
	h->acquire_ip = ip;
	h->instance = lock;
	h->nest_lock = nest_lock;
	h->subclass = subclass;
	h->trylock = trylock;
	h->read = read;
	h->check = check;
}

void lock_release(struct lockdep_map *lock, unsigned long ip)
{
	struct task_struct *t = current;
	if (!tracking(t))
		return;
	int i = find_held(t, lock);
	if (i < 0) {
		std::string body;
		shim::appendf(body,
			      "%s/%d is trying to release lock (%s) at:\n%s\n"
			      "but there are no more locks to release!\n\n"
			      "other info that might help us debug this:\n",
			      t->comm, t->pid, lock_name(lock).c_str(),
			      shim::symbolize(reinterpret_cast<void *>(ip))
				      .c_str());
		report("WARNING: bad unlock balance detected!", body);
		return;
	}
	std::memmove(&t->held_locks[i], &t->held_locks[i + 1],
		     (t->lockdep_depth - i - 1) * sizeof(struct held_lock));
	t->lockdep_depth--;
}

void lock_downgrade(struct lockdep_map *lock, unsigned long ip)
{
	struct task_struct *t = current;
	if (!tracking(t))
		return;
	int i = find_held(t, lock);
	if (i >= 0) {
		t->held_locks[i].read = 1;
		t->held_locks[i].acquire_ip = ip;
	}
}

void lock_set_subclass(struct lockdep_map *lock, unsigned int subclass,
		       unsigned long ip)
{
	struct task_struct *t = current;
	int i = find_held(t, lock);
	(void)ip;
	if (i >= 0)
		t->held_locks[i].subclass = subclass;
}

void lock_acquired(struct lockdep_map *lock, unsigned long ip)
{
	(void)lock;
	(void)ip;
}

void lock_contended(struct lockdep_map *lock, unsigned long ip)
{
	(void)lock;
	(void)ip;
}

int lock_is_held_type(const struct lockdep_map *lock, int read)
{
	struct task_struct *t = current;
	for (int i = t->lockdep_depth - 1; i >= 0; i--) {
		const struct held_lock *h = &t->held_locks[i];
		if (h->instance != lock)
			continue;
		if (read == -1 || (read == 0) == (h->read == 0))
			return 1;
		return 0;
	}
	return 0;
}

int lockdep_depth_of_current(void)
{
	return current->lockdep_depth;
}

void lockdep_off(void)
{
	current->lockdep_recursion++;
}

void lockdep_on(void)
{
	current->lockdep_recursion--;
}

void lockdep_register_key(struct lock_class_key *key)
{
	(void)key;
}

void lockdep_unregister_key(struct lock_class_key *key)
{
	(void)key;
}

void debug_check_no_locks_held(void)
{
	struct task_struct *t = current;
	if (!t->lockdep_depth || !__atomic_load_n(&debug_locks,
						  __ATOMIC_RELAXED))
		return;
	std::string body;
	shim::appendf(body, "%s/%d is leaving the kernel with locks still held!\n",
		      t->comm, t->pid);
	report("WARNING: lock held when returning to user space!", body);
}

void debug_check_no_locks_freed(const void *from, unsigned long len)
{
	struct task_struct *t = current;
	const char *lo = static_cast<const char *>(from);
	for (int i = 0; i < t->lockdep_depth; i++) {
		const char *p = reinterpret_cast<const char *>(
			t->held_locks[i].instance);
		if (p >= lo && p < lo + len) {
			std::string body;
			shim::appendf(body,
				      "%s/%d is freeing memory %p-%p, with a lock still held there!\n",
				      t->comm, t->pid, from,
				      static_cast<const void *>(lo + len - 1));
			report("BUG: held lock freed!", body);
			return;
		}
	}
}

#endif /* CONFIG_LOCKDEP */

void lockdep_rcu_suspicious(const char *file, const int line, const char *s)
{
	struct task_struct *t = current;
	std::string body;
	shim::appendf(body, "%s:%d %s!\n\nother info that might help us debug this:\n\n"
			    "rcu_scheduler_active = 2, debug_locks = %d\n"
			    "RCU nest depth: %d\n",
		      shim::kernel_path(file), line, s, debug_locks,
		      t->rcu_read_lock_nesting);
	report("WARNING: suspicious RCU usage", body);
}

} // extern "C"
