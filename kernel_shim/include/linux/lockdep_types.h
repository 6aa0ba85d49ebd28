/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_LOCKDEP_TYPES_H
#define _LINUX_LOCKDEP_TYPES_H

#include <linux/types.h>

#define MAX_LOCKDEP_SUBCLASSES 8UL

enum lockdep_wait_type {
	LD_WAIT_INV = 0,
	LD_WAIT_FREE,
	LD_WAIT_SPIN,
	LD_WAIT_CONFIG = LD_WAIT_SPIN,
	LD_WAIT_SLEEP,
	LD_WAIT_MAX,
};

enum lockdep_lock_type {
	LD_LOCK_NORMAL = 0,
	LD_LOCK_PERCPU,
	LD_LOCK_WAIT_OVERRIDE,
	LD_LOCK_MAX,
};

#ifdef CONFIG_LOCKDEP

/* One per lock-init site: the identity of a lock class. */
struct lock_class_key {
	char __one_byte;
};

struct lock_class;

struct lockdep_map {
	struct lock_class_key *key;
	const char *name;
	u8 wait_type_outer;
	u8 wait_type_inner;
	u8 lock_type;
	/* Engine-private: the registered class of each subclass. */
	struct lock_class *class_cache[2];
};

#define STATIC_LOCKDEP_MAP_INIT(_name, _key) \
	{ .key = (struct lock_class_key *)(_key), .name = (_name) }

#define MAX_LOCK_DEPTH 48UL

/* One entry of a task's stack of held locks. */
struct held_lock {
	unsigned long acquire_ip;
	struct lockdep_map *instance;
	struct lockdep_map *nest_lock;
	struct lock_class *class_ptr;
	u64 chain_key;		/* of this lock and every one below it */
	unsigned int subclass;
	unsigned int trylock:1;
	unsigned int read:2;	/* 0 exclusive, 1 shared, 2 shared-recursive */
	unsigned int check:1;
};

#else

struct lock_class_key {
};

/* Takes no space when lockdep is off, as in the kernel. */
struct lockdep_map {
};

#define STATIC_LOCKDEP_MAP_INIT(_name, _key) {}

#endif /* CONFIG_LOCKDEP */

#endif /* _LINUX_LOCKDEP_TYPES_H */
