// SPDX-License-Identifier: GPL-2.0-only
//
// lockdep: the API (include/linux/lockdep.h) over each task's stack of
// held locks (in its task_struct, as in the kernel) and the dependency
// graph of lockdep_graph.cc.
//
// On every acquisition of a checked lock: a lock of the same class
// already held is recursive locking (unless both are recursive reads, or
// a held nest_lock vouches for it); otherwise, unless this exact chain of
// held classes was validated before, the new dependencies (from the
// innermost held lock, and from trylocks above it) are added, and one
// that closes a deadlock cycle is reported. Also: bad unlock balance,
// locks held at task exit or at the end of a test, held locks freed.
#include <cstring>
#include <string>

#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <shim/tsan.h>

#include "../printk/report.h"
#include "lockdep_graph.h"
#include "lockdep_report.h"

extern "C" {
int debug_locks = 1;
int debug_locks_silent;
}

#ifdef CONFIG_LOCKDEP

namespace {

using lockdep::Class;

// Lockdep's bookkeeping is no part of the program: TSan sees none of its
// accesses (the class graph and chains all tasks share; its locks are
// hidden as well, lockdep_graph.cc's HiddenLock), or a task using what
// another registered would look ordered after it, or racing with it. The
// kernel builds lockdep without KCSAN for the same reason.
class Private {
public:
	Private() { shim_tsan_ignore_begin(); }
	~Private() { shim_tsan_ignore_end(); }
	Private(const Private &) = delete;
	Private &operator=(const Private &) = delete;
};

bool tracking(struct task_struct *t)
{
	return __atomic_load_n(&debug_locks, __ATOMIC_RELAXED) &&
	       !t->lockdep_recursion;
}

int find_held(struct task_struct *t, const struct lockdep_map *lock)
{
	for (int i = t->lockdep_depth - 1; i >= 0; i--)
		if (t->held_locks[i].instance == lock)
			return i;
	return -1;
}

uint64_t key_below(struct task_struct *t, int i)
{
	return i > 0 ? t->held_locks[i - 1].chain_key : 0;
}

// After a lock below the top was released, the chain keys above it change.
void rehash_from(struct task_struct *t, int i)
{
	for (; i < t->lockdep_depth; i++) {
		struct held_lock *h = &t->held_locks[i];
		h->chain_key = lockdep::chain_key_add(
			key_below(t, i), lockdep::from_handle(h->class_ptr),
			h->read);
	}
}

// Returns false if a report was made.
bool check_recursion(struct task_struct *t, struct held_lock *next)
{
	Class *cls = lockdep::from_handle(next->class_ptr);
	for (int i = 0; i < t->lockdep_depth - 1; i++) {
		struct held_lock *h = &t->held_locks[i];
		if (lockdep::from_handle(h->class_ptr) != cls)
			continue;
		if (next->read == 2 && h->read)
			continue;
		if (next->nest_lock && find_held(t, next->nest_lock) >= 0)
			return true;
		lockdep::report_recursive(t, h, next->instance, cls,
					  next->acquire_ip);
		return false;
	}
	return true;
}

void validate(struct task_struct *t, struct held_lock *next)
{
	Class *cls = lockdep::from_handle(next->class_ptr);
	if (!check_recursion(t, next))
		return;
	if (lockdep::chain_validated(next->chain_key))
		return;
	// From the innermost held lock; trylocks above an earlier lock do
	// not order it, so keep going below them.
	for (int i = t->lockdep_depth - 2; i >= 0; i--) {
		struct held_lock *prev = &t->held_locks[i];
		if (prev->check) {
			Class *pcls = lockdep::from_handle(prev->class_ptr);
			std::vector<lockdep::Step> cycle;
			if (pcls != cls &&
			    !lockdep::add_dependency(pcls, prev->read, cls,
						     next->read, &cycle)) {
				lockdep::report_circular(t, prev, next->instance,
							 cls, next->read,
							 next->acquire_ip,
							 cycle);
				return;
			}
			if (!prev->trylock)
				break;
		}
	}
	lockdep::chain_mark_validated(next->chain_key);
}

} // namespace

extern "C" {

void lockdep_init_map_type(struct lockdep_map *lock, const char *name,
			   struct lock_class_key *key, int subclass, u8 inner,
			   u8 outer, u8 lock_type)
{
	Private quiet;
	lock->name = name;
	lock->key = key;
	lock->wait_type_inner = inner;
	lock->wait_type_outer = outer;
	lock->lock_type = lock_type;
	__atomic_store_n(&lock->class_cache[0], nullptr, __ATOMIC_RELAXED);
	__atomic_store_n(&lock->class_cache[1], nullptr, __ATOMIC_RELAXED);
	if (subclass)
		lockdep::class_of(lock, subclass);
}

void lock_acquire(struct lockdep_map *lock, unsigned int subclass,
		  int trylock, int read, int check,
		  struct lockdep_map *nest_lock, unsigned long ip)
{
	struct task_struct *t = current;
	Private quiet;
	if (!tracking(t))
		return;
	if (t->lockdep_depth >= static_cast<int>(MAX_LOCK_DEPTH)) {
		lockdep::report("BUG: MAX_LOCK_DEPTH too low!", "");
		return;
	}
	Class *cls = lockdep::class_of(lock, subclass);
	struct held_lock *h = &t->held_locks[t->lockdep_depth++];
	h->acquire_ip = ip;
	h->instance = lock;
	h->nest_lock = nest_lock;
	h->class_ptr = lockdep::to_handle(cls);
	h->subclass = subclass;
	h->trylock = trylock;
	h->read = read;
	h->check = check;
	h->chain_key = lockdep::chain_key_add(
		key_below(t, t->lockdep_depth - 1), cls, read);
	if (check && !trylock) {
		t->lockdep_recursion++;
		validate(t, h);
		t->lockdep_recursion--;
	}
}

void lock_release(struct lockdep_map *lock, unsigned long ip)
{
	struct task_struct *t = current;
	Private quiet;
	if (!tracking(t))
		return;
	int i = find_held(t, lock);
	if (i < 0) {
		std::string body;
		shim::appendf(body,
			      "%s/%d is trying to release lock (%s) at:\n%s\n"
			      "but there are no more locks to release!\n\n"
			      "other info that might help us debug this:\n",
			      t->comm, t->pid,
			      lock->name ? lock->name : "<unnamed>",
			      shim::symbolize_site(reinterpret_cast<void *>(ip))
				      .c_str());
		lockdep::report("WARNING: bad unlock balance detected!", body);
		return;
	}
	std::memmove(&t->held_locks[i], &t->held_locks[i + 1],
		     (t->lockdep_depth - i - 1) * sizeof(struct held_lock));
	t->lockdep_depth--;
	rehash_from(t, i);
}

void lock_downgrade(struct lockdep_map *lock, unsigned long ip)
{
	struct task_struct *t = current;
	Private quiet;
	if (!tracking(t))
		return;
	int i = find_held(t, lock);
	if (i < 0)
		return;
	t->held_locks[i].read = 1;
	t->held_locks[i].acquire_ip = ip;
	rehash_from(t, i);
}

void lock_set_subclass(struct lockdep_map *lock, unsigned int subclass,
		       unsigned long ip)
{
	struct task_struct *t = current;
	Private quiet;
	int i = find_held(t, lock);
	(void)ip;
	if (i < 0)
		return;
	t->held_locks[i].subclass = subclass;
	t->held_locks[i].class_ptr =
		lockdep::to_handle(lockdep::class_of(lock, subclass));
	rehash_from(t, i);
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
	Private quiet;
	int i = find_held(t, lock);
	if (i < 0)
		return 0;
	return read == -1 || (read == 0) == (t->held_locks[i].read == 0);
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
	Private quiet;
	if (!t->lockdep_depth || !__atomic_load_n(&debug_locks,
						  __ATOMIC_RELAXED))
		return;
	std::string body;
	shim::appendf(body, "%s/%d is leaving the kernel with locks still held!\n",
		      t->comm, t->pid);
	lockdep::report("WARNING: lock held when returning to user space!",
			body);
}

void debug_check_no_locks_freed(const void *from, unsigned long len)
{
	struct task_struct *t = current;
	Private quiet;
	const char *lo = static_cast<const char *>(from);
	for (int i = 0; i < t->lockdep_depth; i++) {
		const struct held_lock *h = &t->held_locks[i];
		const char *p = reinterpret_cast<const char *>(h->instance);
		if (p < lo || p >= lo + len)
			continue;
		std::string body;
		shim::appendf(body,
			      "%s/%d is freeing memory %p-%p, with a lock still held there!\n",
			      t->comm, t->pid, from,
			      static_cast<const void *>(lo + len - 1));
		body += lockdep::describe(h->instance,
					  lockdep::from_handle(h->class_ptr)) +
			"\n";
		lockdep::report("WARNING: held lock freed!", body);
		return;
	}
}

} // extern "C"

#endif /* CONFIG_LOCKDEP */

extern "C" {

int debug_locks_off(void)
{
	return __atomic_exchange_n(&debug_locks, 0, __ATOMIC_RELAXED);
}

void lockdep_rcu_suspicious(const char *file, const int line, const char *s)
{
	struct task_struct *t = current;
	Private quiet;
	std::string body;
	shim::appendf(body, "%s:%d %s!\n\nother info that might help us debug this:\n\n"
			    "rcu_scheduler_active = 2, debug_locks = %d\n"
			    "RCU nest depth: %d\n",
		      file, line, s, debug_locks,
		      t->rcu_read_lock_nesting);
	lockdep::report("WARNING: suspicious RCU usage", body);
}

} // extern "C"
