// SPDX-License-Identifier: GPL-2.0-only
/*
 * ThreadSanitizer's view of the kernel's fences and of the marked accesses
 * they order (Documentation/shim.rst, "Fences under ThreadSanitizer").
 * User-space only: the kernel has no counterpart.
 *
 * TSan synchronizes through sync objects: __tsan_release() joins the
 * thread's vector clock into the object's, __tsan_acquire() joins the
 * object's into the thread's. What a release fence publishes is the
 * thread's clock *at the fence*, carried by each later marked store; what
 * an acquire fence acquires is what each earlier marked load *saw*. TSan
 * has no call for either, so:
 *
 *  - each release fence (and each release or fully ordered operation,
 *    which is a fence plus an access) releases into a fresh "cell": a
 *    sync object that holds the thread's clock at that moment and is never
 *    released into again;
 *  - a marked store records, for its address, the cell of the thread's
 *    last release fence (a plain store replaces what the address carried,
 *    a read-modify-write adds to it, as a release sequence does);
 *  - a marked load takes the cells its address carries: an acquire load
 *    acquires them at once, a relaxed one keeps them until the thread's
 *    next acquire fence, which acquires all it kept (no cap).
 *
 * Cells are reference counted (the address table and the loads that kept
 * them) and freed with the last reference; freeing resets TSan's sync
 * object, so a reused address starts empty. Freed memory drops out of the
 * table through a sanitizer free hook, as TSan forgets the sync objects of
 * freed memory.
 *
 * This file is built without TSan instrumentation (kernel_shim/meson.build)
 * and its work runs inside __tsan_ignore_thread_begin/end: its own memory
 * and locks must be invisible to TSan, or the table shared by all threads
 * would be an order between them that the program does not have.
 */
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <pthread.h>
#include <unordered_map>
#include <vector>

#include <shim/sync.h>

/* Empty in builds without TSan (<linux/compiler_types.h> decides). */
#ifdef CONFIG_SHIM_TSAN

extern "C" {
void __tsan_ignore_thread_begin(void);
void __tsan_ignore_thread_end(void);
int __sanitizer_install_malloc_and_free_hooks(
	void (*malloc_hook)(const volatile void *, size_t),
	void (*free_hook)(const volatile void *));
size_t __sanitizer_get_allocated_size(const volatile void *p);

__thread int shim_tsan_lock_op_depth;
}

namespace {

/* The thread's clock at one release; the sync object is the cell itself. */
struct Cell {
	std::atomic<long> refs{ 1 };
	uint64_t owner; /* the releasing thread's number */
	uint64_t seq;	/* its release count: a later cell covers an earlier */
};

Cell *get(Cell *c)
{
	c->refs.fetch_add(1, std::memory_order_relaxed);
	return c;
}

void put(Cell *c)
{
	if (c->refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
		delete c;
}

/* @slot gives up what it held and holds @c (the caller's reference). */
void hold(Cell *&slot, Cell *c)
{
	if (slot)
		put(slot);
	slot = c;
}

/*
 * The cells an address carries, at most one per releasing thread (its
 * newest: a thread's clock only grows, so the newest covers the others).
 */
class CellSet {
public:
	CellSet() = default;
	CellSet(const CellSet &) = delete;
	CellSet &operator=(const CellSet &) = delete;
	CellSet(CellSet &&o) noexcept : cells_(std::move(o.cells_)) {}
	CellSet &operator=(CellSet &&o) noexcept
	{
		clear();
		cells_ = std::move(o.cells_);
		return *this;
	}
	~CellSet() { clear(); }

	/* Adds a reference to @c unless a cell as new of its thread is in. */
	void add(Cell *c)
	{
		for (Cell *&have : cells_) {
			if (have->owner != c->owner)
				continue;
			if (have->seq < c->seq) {
				put(have);
				have = get(c);
			}
			return;
		}
		cells_.push_back(get(c));
	}
	void add_all(const CellSet &from, uint64_t except_owner)
	{
		for (Cell *c : from.cells_)
			if (c->owner != except_owner)
				add(c);
	}
	void acquire_all(uint64_t except_owner) const
	{
		for (Cell *c : cells_)
			if (c->owner != except_owner)
				__tsan_acquire(c);
	}
	void clear()
	{
		for (Cell *c : cells_)
			put(c);
		cells_.clear();
	}
	bool empty() const { return cells_.empty(); }

private:
	std::vector<Cell *> cells_;
};

/* What one marked address carries. */
struct Published {
	uintptr_t addr;
	CellSet cells;
};

/*
 * The table: addresses by 64-byte line, so that a freed range is found a
 * line at a time. Sharded, one spinlock each; nothing here is ever a
 * scheduler switch point, so a lock is never held across one.
 */
constexpr unsigned kShards = 64;
constexpr unsigned kLineShift = 6;

struct Shard {
	std::atomic<bool> locked{ false };
	std::unordered_map<uintptr_t, std::vector<Published> > lines;

	void lock()
	{
		while (locked.exchange(true, std::memory_order_acquire))
			while (locked.load(std::memory_order_relaxed))
				__builtin_ia32_pause();
	}
	void unlock() { locked.store(false, std::memory_order_release); }
};

Shard shards[kShards];

Shard &shard_of_line(uintptr_t line)
{
	return shards[(line * 0x9E3779B97F4A7C15ull) >> 58];
}

class ShardLock {
public:
	explicit ShardLock(Shard &s) : s_(s) { s_.lock(); }
	~ShardLock() { s_.unlock(); }
	ShardLock(const ShardLock &) = delete;
	ShardLock &operator=(const ShardLock &) = delete;

private:
	Shard &s_;
};

/* The per-thread part (cells name their thread by number only). */
struct ThreadFences {
	uint64_t id = 0;
	uint64_t releases = 0;
	Cell *current = nullptr; /* the last release fence's cell */
	Cell *access = nullptr;	 /* the next store's own, if a release */
	CellSet kept;		 /* what relaxed loads saw since the last acquire */
	bool busy = false;	 /* in this file: the free hook must not recurse */
};

__thread ThreadFences *tls_fences;
std::atomic<uint64_t> next_thread_id{ 1 };
pthread_key_t exit_key;

/*
 * Everything below runs inside one of these: TSan ignores the accesses
 * (including the allocator's) and the thread is marked busy, so that
 * frees made here do not re-enter through the free hook.
 */
class Quiet {
public:
	Quiet()
	{
		__tsan_ignore_thread_begin();
		t_ = tls_fences;
		if (!t_) {
			t_ = new ThreadFences;
			t_->id = next_thread_id.fetch_add(1);
			tls_fences = t_;
			/* Any value: the thread's exit frees tls_fences. */
			pthread_setspecific(exit_key, t_);
		}
		t_->busy = true;
	}
	~Quiet()
	{
		t_->busy = false;
		__tsan_ignore_thread_end();
	}
	Quiet(const Quiet &) = delete;
	Quiet &operator=(const Quiet &) = delete;
	ThreadFences &thread() { return *t_; }

private:
	ThreadFences *t_;
};

/* A thread's (or task's) part goes, with the references it held. */
void release_part()
{
	ThreadFences *t = tls_fences;

	if (!t)
		return;
	__tsan_ignore_thread_begin();
	t->busy = true;
	hold(t->current, nullptr);
	hold(t->access, nullptr);
	/* Later fences of this thread's exit path start afresh. */
	tls_fences = nullptr;
	delete t;
	__tsan_ignore_thread_end();
}

/*
 * At thread exit. The key's value is whichever part was made first on
 * the thread; under the scheduler the thread's tasks swap parts in and
 * out (shim_tsan_fences_save()), so what goes is the one in place.
 */
void thread_exit(void *)
{
	release_part();
}

Published *find(std::vector<Published> &line, uintptr_t addr)
{
	for (Published &p : line)
		if (p.addr == addr)
			return &p;
	return nullptr;
}

/* What @addr carries, if anything; the caller holds @s locked. */
Published *lookup(Shard &s, uintptr_t addr)
{
	auto it = s.lines.find(addr >> kLineShift);

	return it == s.lines.end() ? nullptr : find(it->second, addr);
}

void forget_range(uintptr_t begin, uintptr_t end)
{
	for (uintptr_t line = begin >> kLineShift;
	     line <= (end - 1) >> kLineShift; line++) {
		Shard &s = shard_of_line(line);
		ShardLock lock(s);
		auto it = s.lines.find(line);

		if (it == s.lines.end())
			continue;
		std::erase_if(it->second, [&](const Published &p) {
			return p.addr >= begin && p.addr < end;
		});
		if (it->second.empty())
			s.lines.erase(it);
	}
}

void free_hook(const volatile void *ptr)
{
	ThreadFences *t = tls_fences;
	size_t size;

	if (!ptr || (t && t->busy))
		return;
	size = __sanitizer_get_allocated_size(ptr);
	if (!size)
		return;
	Quiet q;
	forget_range(reinterpret_cast<uintptr_t>(ptr),
		     reinterpret_cast<uintptr_t>(ptr) + size);
}

void malloc_hook(const volatile void *, size_t) {}

/* A forked child: another thread may have held a shard lock. */
void lock_all()
{
	for (Shard &s : shards)
		s.lock();
}

void unlock_all()
{
	for (Shard &s : shards)
		s.unlock();
}

/* At start-up, while one thread runs: pthread_once would be an order. */
struct Init {
	Init()
	{
		pthread_key_create(&exit_key, thread_exit);
		pthread_atfork(lock_all, unlock_all, unlock_all);
		__sanitizer_install_malloc_and_free_hooks(malloc_hook,
							  free_hook);
	}
} init;

/* The table at one address, locked, for the calling thread. */
struct AtAddress {
	explicit AtAddress(const volatile void *addr)
		: a(reinterpret_cast<uintptr_t>(addr)),
		  s(shard_of_line(a >> kLineShift)), lock(s), p(lookup(s, a))
	{
	}

	Quiet q;
	uintptr_t a;
	Shard &s;
	ShardLock lock;
	Published *p; /* what the address carries, if anything */
};

/* A cell with the thread's clock now, one reference to it. */
Cell *release_now(ThreadFences &t)
{
	Cell *c = new Cell;

	c->owner = t.id;
	c->seq = ++t.releases;
	__tsan_release(c);
	return c;
}

void fence_release()
{
	Quiet q;
	ThreadFences &t = q.thread();

	hold(t.current, release_now(t));
}

void release_access()
{
	Quiet q;
	ThreadFences &t = q.thread();

	hold(t.access, release_now(t));
}

/*
 * The access itself happened after the cell took the thread's clock (a
 * release moves TSan's epoch on): release into it once more, so that it
 * covers the access too, as TSan's own release operations do. Only the
 * access (and the switch point, which TSan does not see) came between.
 */
void release_access_done()
{
	Quiet q;
	ThreadFences &t = q.thread();

	if (!t.access)
		return;
	__tsan_release(t.access);
	hold(t.access, nullptr);
}

void fence_acquire()
{
	Quiet q;
	ThreadFences &t = q.thread();

	t.kept.acquire_all(t.id);
	t.kept.clear();
}

void stored(const volatile void *addr, bool rmw)
{
	AtAddress at(addr);
	ThreadFences &t = at.q.thread();
	Published *p = at.p;

	/* A release access carries its own cell, a relaxed one the fence's. */
	Cell *carried = t.access ? t.access : t.current;

	if (!carried) {
		/* A plain store by a thread that published nothing. */
		if (p && !rmw)
			p->cells.clear();
		return;
	}
	if (!p) {
		std::vector<Published> &l = at.s.lines[at.a >> kLineShift];

		l.push_back(Published{ at.a, CellSet() });
		p = &l.back();
	} else if (!rmw) {
		p->cells.clear();
	}
	p->cells.add(carried);
}

void loaded(const volatile void *addr, bool acquire)
{
	AtAddress at(addr);
	ThreadFences &t = at.q.thread();
	Published *p = at.p;

	if (!p)
		return;
	if (acquire)
		p->cells.acquire_all(t.id);
	else
		t.kept.add_all(p->cells, t.id);
}

} // namespace

extern "C" void shim_tsan_model(enum shim_tsan_event ev,
				const volatile void *addr)
{
	switch (ev) {
	case SHIM_TSAN_STORED:
		return stored(addr, false);
	case SHIM_TSAN_RMW:
		return stored(addr, true);
	case SHIM_TSAN_LOADED:
		return loaded(addr, false);
	case SHIM_TSAN_LOADED_ACQUIRE:
		return loaded(addr, true);
	case SHIM_TSAN_FENCE_RELEASE:
		return fence_release();
	case SHIM_TSAN_FENCE_ACQUIRE:
		return fence_acquire();
	case SHIM_TSAN_RELEASE_ACCESS:
		return release_access();
	case SHIM_TSAN_RELEASE_ACCESS_DONE:
		return release_access_done();
	}
}

/*
 * For the scheduler's LKMM model (runtime/sched/lkmm.cc), which may have a
 * load read an older store than memory holds: what @addr carries right
 * after a store, kept with that store, and handed back when a load reads
 * it, so that TSan's happens-before comes from the store read, not from
 * the newest one.
 */
extern "C" void *shim_tsan_cells_snapshot(const volatile void *addr)
{
	if (!addr) {	/* nothing: a store that published nothing */
		Quiet q;
		return new CellSet;
	}
	AtAddress at(addr);
	auto *copy = new CellSet;

	if (at.p)
		copy->add_all(at.p->cells, 0);	/* thread ids start at 1 */
	return copy;
}

extern "C" void shim_tsan_cells_free(void *snapshot)
{
	Quiet q;

	delete static_cast<CellSet *>(snapshot);
}

/* As loaded(), from a snapshot; nothing inside a lock operation. */
extern "C" void shim_tsan_loaded_from(void *snapshot, bool acquire)
{
	if (__atomic_load_n(&shim_tsan_lock_op_depth, __ATOMIC_RELAXED))
		return;
	Quiet q;
	ThreadFences &t = q.thread();
	const CellSet &cells = *static_cast<CellSet *>(snapshot);

	if (acquire)
		cells.acquire_all(t.id);
	else
		t.kept.add_all(cells, t.id);
}

/*
 * The fence state is per task. Under the deterministic scheduler all tasks
 * run on one thread (runtime/sched/fiber.h), which swaps each task's part
 * in and out at a switch.
 */
extern "C" void *shim_tsan_fences_save(void)
{
	return tls_fences;
}

extern "C" void shim_tsan_fences_restore(void *part)
{
	tls_fences = static_cast<ThreadFences *>(part);
}

/* The calling task ends: its part goes, as a thread's at its exit. */
extern "C" void shim_tsan_fences_exit(void)
{
	release_part();
}

#endif /* CONFIG_SHIM_TSAN */
