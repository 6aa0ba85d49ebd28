/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/types.h>

#define __shim_cmp(op, x, y)                                   \
	({                                                     \
		__typeof__(x) __x = (x);                       \
		__typeof__(y) __y = (y);                       \
		(void)(&__x == &__y);                          \
		__x op __y ? __x : __y;                        \
	})
#define min(x, y) __shim_cmp(<, x, y)
#define max(x, y) __shim_cmp(>, x, y)
#define min_t(type, x, y) ({ type __a = (x); type __b = (y); __a < __b ? __a : __b; })
#define max_t(type, x, y) ({ type __a = (x); type __b = (y); __a > __b ? __a : __b; })
#define clamp(val, lo, hi) min(max(val, lo), hi)
#define swap(a, b)                                        \
	do {                                              \
		__typeof__(a) __tmp = (a);                \
		(a) = (b);                                \
		(b) = __tmp;                              \
	} while (0)

#endif /* _LINUX_MINMAX_H */
