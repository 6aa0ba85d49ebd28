// SPDX-License-Identifier: GPL-2.0-only
#include "lockdep_graph.h"

#include <dlfcn.h>
#include <execinfo.h>

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <utility>

#include <linux/lockdep.h>
#include <shim/tsan.h>

#ifdef CONFIG_LOCKDEP

namespace lockdep {
namespace {

struct Registry {
	std::mutex lock;	// classes and every Class::after (a HiddenLock)
	std::map<std::pair<const void *, unsigned>, std::unique_ptr<Class>>
		classes;
	unsigned next_id = 1;

	std::mutex chains_lock;	// a HiddenLock
	std::unordered_set<uint64_t> chains;
};

// Lockdep's locks are no part of the program: TSan must not see a task
// that takes one after another task as ordered after it, or a race
// between the two would hide. (Its accesses to what they protect are
// hidden by lockdep.cc's Private.)
class HiddenLock {
public:
	explicit HiddenLock(std::mutex &m) : m_(m)
	{
		shim_tsan_ignore_sync_begin();
		m_.lock();
	}
	~HiddenLock()
	{
		m_.unlock();
		shim_tsan_ignore_sync_end();
	}
	HiddenLock(const HiddenLock &) = delete;
	HiddenLock &operator=(const HiddenLock &) = delete;

private:
	std::mutex &m_;
};

Registry &registry()
{
	// Its first use makes it, behind a guard that TSan sees as
	// synchronization: hidden, as the locks are.
	shim_tsan_ignore_sync_begin();
	static Registry r;
	shim_tsan_ignore_sync_end();
	return r;
}

// Validated chains this thread has seen: no lock in the steady state.
// (Under the scheduler the tasks of the thread share it, as they share
// the global set.)
thread_local std::unordered_set<uint64_t> local_chains;

std::string class_name(const struct lockdep_map *map, unsigned subclass)
{
	std::string name = map->name ? map->name : "<unnamed>";
	if (subclass)
		name += "/" + std::to_string(subclass);
	return name;
}

} // namespace

Trace capture_trace()
{
	void *frames[40];
	int n = backtrace(frames, 40);
	// Start at lock_acquire(), as the kernel's traces do: the engine's
	// own frames above it say nothing.
	int first = 1;
	for (int i = 1; i < n; i++) {
		Dl_info info;
		if (dladdr(frames[i], &info) &&
		    info.dli_saddr == reinterpret_cast<void *>(&lock_acquire)) {
			first = i;
			break;
		}
	}
	return Trace(frames + first, frames + n);
}

DepType dep_type(int prev_read, int next_read)
{
	bool shared = prev_read != 0, recursive = next_read == 2;
	if (shared)
		return recursive ? DEP_SR : DEP_SN;
	return recursive ? DEP_ER : DEP_EN;
}

bool dep_shared_from(unsigned type)
{
	return type & (DEP_SN | DEP_SR);
}

bool dep_recursive_to(unsigned type)
{
	return type & (DEP_ER | DEP_SR);
}

Class *class_of(struct lockdep_map *map, unsigned subclass)
{
	struct lock_class **cache =
		subclass < 2 ? &map->class_cache[subclass] : nullptr;
	if (cache) {
		// A relaxed load and a fence: TSan sees no synchronization
		// in either, and the cache orders nothing in the program.
		struct lock_class *c = __atomic_load_n(cache, __ATOMIC_RELAXED);
		std::atomic_thread_fence(std::memory_order_acquire);
		if (c)
			return from_handle(c);
	}

	// A lock initialized statically has no key: its address is one.
	const void *key = map->key ? static_cast<const void *>(map->key)
				   : static_cast<const void *>(map);
	Registry &r = registry();
	Class *cls;
	{
		HiddenLock hold(r.lock);
		auto &slot = r.classes[{ key, subclass }];
		if (!slot) {
			slot = std::make_unique<Class>();
			slot->id = r.next_id++;
			slot->name = class_name(map, subclass);
		}
		cls = slot.get();
	}
	if (cache) {
		std::atomic_thread_fence(std::memory_order_release);
		__atomic_store_n(cache, to_handle(cls), __ATOMIC_RELAXED);
	}
	return cls;
}

namespace {

struct Node {
	Class *cls;
	bool entered_recursive;
	int parent;		// index in the BFS queue, -1 for the start
	const Edge *via;
	unsigned type;
};

// Breadth-first search for a strong path from @from to @to: one that
// never enters a lock by -(*R)-> and leaves it by -(S*)->. @first_in
// says how @from was entered; @last_out how @to will be left (by the new
// dependency). Returns the path, or nothing.
bool find_strong_path(Class *from, bool first_in_recursive, Class *to,
		      bool last_out_shared, std::vector<Step> *path)
{
	std::deque<Node> queue;
	// A lock reached by a non-recursive edge has every way out; by a
	// recursive one, only the exclusive ones. So (lock, false) subsumes
	// (lock, true).
	std::map<Class *, bool> best;	// lock -> reached non-recursively
	queue.push_back({ from, first_in_recursive, -1, nullptr, 0 });
	best[from] = !first_in_recursive;

	for (size_t i = 0; i < queue.size(); i++) {
		Node n = queue[i];
		for (const Edge &e : n.cls->after) {
			unsigned allowed = e.types;
			if (n.entered_recursive)
				allowed &= ~(unsigned)(DEP_SN | DEP_SR);
			if (!allowed)
				continue;
			// Prefer a non-recursive arrival: it allows more.
			unsigned pick = allowed & (DEP_EN | DEP_SN);
			bool rec = !pick;
			if (!pick)
				pick = allowed;
			unsigned type = pick & -pick;
			if (e.to == to && !(rec && last_out_shared)) {
				queue.push_back({ e.to, rec, (int)i, &e, type });
				int k = (int)queue.size() - 1;
				std::vector<Step> rev;
				for (; queue[k].parent >= 0; k = queue[k].parent)
					rev.push_back({ queue[k].cls, queue[k].type,
							&queue[k].via->trace });
				path->assign(rev.rbegin(), rev.rend());
				return true;
			}
			auto it = best.find(e.to);
			if (it != best.end() && (it->second || rec))
				continue;
			best[e.to] = !rec;
			queue.push_back({ e.to, rec, (int)i, &e, type });
		}
	}
	return false;
}

} // namespace

bool add_dependency(Class *prev, int prev_read, Class *next, int next_read,
		    std::vector<Step> *cycle)
{
	DepType type = dep_type(prev_read, next_read);
	Registry &r = registry();
	HiddenLock hold(r.lock);

	for (Edge &e : prev->after) {
		if (e.to == next && (e.types & type))
			return true;	// known
	}
	if (find_strong_path(next, dep_recursive_to(type), prev,
			     dep_shared_from(type), cycle))
		return false;
	for (Edge &e : prev->after) {
		if (e.to == next) {
			e.types |= type;
			return true;
		}
	}
	prev->after.push_back({ next, type, capture_trace() });
	return true;
}

uint64_t chain_key_add(uint64_t key, const Class *cls, int read)
{
	uint64_t v = (static_cast<uint64_t>(cls->id) << 2) | (read & 3);
	key ^= v + 0x9e3779b97f4a7c15ULL + (key << 6) + (key >> 2);
	return key ? key : 1;
}

bool chain_validated(uint64_t key)
{
	if (local_chains.count(key))
		return true;
	Registry &r = registry();
	HiddenLock hold(r.chains_lock);
	if (!r.chains.count(key))
		return false;
	local_chains.insert(key);
	return true;
}

void chain_mark_validated(uint64_t key)
{
	Registry &r = registry();
	{
		HiddenLock hold(r.chains_lock);
		r.chains.insert(key);
	}
	local_chains.insert(key);
}

} // namespace lockdep

#endif /* CONFIG_LOCKDEP */
