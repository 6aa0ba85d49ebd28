/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_COMPILER_TYPES_H
#define _LINUX_COMPILER_TYPES_H

#include <linux/compiler_attributes.h>

/* sparse annotations: nothing to check in user space. */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __private
#define __force
#define __bitwise
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define ACCESS_PRIVATE(p, member) ((p)->member)

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if (defined(__SANITIZE_THREAD__) || __has_feature(thread_sanitizer)) && \
	!defined(CONFIG_SHIM_TSAN)
#define CONFIG_SHIM_TSAN 1
#endif

#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define __same_type(a, b) __builtin_types_compatible_p(__typeof__(a), __typeof__(b))

/* Is this a type the hardware loads and stores in one access? */
#define __native_word(t)                                           \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))

#define __unqual_scalar_typeof(x) __typeof__(+(x))

#endif /* _LINUX_COMPILER_TYPES_H */
