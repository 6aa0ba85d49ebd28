/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scope-based cleanup, the kernel's <linux/cleanup.h> API: __free(),
 * DEFINE_FREE, no_free_ptr/return_ptr, DEFINE_CLASS/CLASS, DEFINE_GUARD,
 * guard() and scoped_guard(), all on __attribute__((cleanup)).
 */
#ifndef _LINUX_CLEANUP_H
#define _LINUX_CLEANUP_H

#include <linux/compiler.h>

#define DEFINE_FREE(_name, _type, _free) \
	static inline void __free_##_name(void *p) { _type _T = *(_type *)p; _free; }

#define __free(_name) __cleanup(__free_##_name)

#define __get_and_null(p, nullvalue)                       \
	({                                                 \
		__auto_type __ptr = &(p);                  \
		__auto_type __val = *__ptr;                \
		*__ptr = nullvalue;                        \
		__val;                                     \
	})
#define no_free_ptr(p) ((__typeof__(p))__get_and_null(p, NULL))
#define return_ptr(p) return no_free_ptr(p)
#define retain_and_null_ptr(p) ((void)__get_and_null(p, NULL))

#define DEFINE_CLASS(_name, _type, _exit, _init, _init_args...)           \
	typedef _type class_##_name##_t;                                  \
	static inline void class_##_name##_destructor(_type *p)           \
	{                                                                 \
		_type _T = *p;                                            \
		_exit;                                                    \
	}                                                                 \
	static inline _type class_##_name##_constructor(_init_args)       \
	{                                                                 \
		_type t = _init;                                          \
		return t;                                                 \
	}

#define CLASS(_name, var)                                             \
	class_##_name##_t var __cleanup(class_##_name##_destructor) = \
		class_##_name##_constructor

/*
 * A guard holds a lock for the rest of the scope. The guard variable holds
 * the lock pointer; NULL means "not taken" (a failed conditional lock).
 */
#define DEFINE_GUARD(_name, _type, _lock, _unlock)                       \
	DEFINE_CLASS(_name, _type, if (_T) { _unlock; }, ({ _lock; _T; }), \
		     _type _T);                                          \
	static inline void *class_##_name##_lock_ptr(class_##_name##_t *_T) \
	{                                                                \
		return (void *)(unsigned long)*_T;                       \
	}

#define DEFINE_GUARD_COND(_name, _ext, _condlock)                         \
	typedef class_##_name##_t class_##_name##_ext##_t;                \
	static inline void class_##_name##_ext##_destructor(              \
		class_##_name##_t *p)                                     \
	{                                                                 \
		class_##_name##_destructor(p);                            \
	}                                                                 \
	static inline class_##_name##_t class_##_name##_ext##_constructor( \
		class_##_name##_t _T)                                     \
	{                                                                 \
		class_##_name##_t t = ({ void *_t = _T; if (_T && !(_condlock)) _t = NULL; _t; }); \
		return t;                                                 \
	}                                                                 \
	static inline void *class_##_name##_ext##_lock_ptr(               \
		class_##_name##_t *_T)                                    \
	{                                                                 \
		return class_##_name##_lock_ptr(_T);                      \
	}

#define guard(_name) CLASS(_name, __UNIQUE_ID(guard))

/*
 * The body runs once with the lock held (or not at all if a conditional
 * lock failed); the guard's cleanup drops the lock when the loop ends.
 */
#define scoped_guard(_name, args...)                                       \
	for (CLASS(_name, scope)(args), *__scoped_once = &scope;           \
	     __scoped_once && class_##_name##_lock_ptr(&scope);            \
	     __scoped_once = NULL)

#endif /* _LINUX_CLEANUP_H */
