/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_BUILD_BUG_H
#define _LINUX_BUILD_BUG_H

#include <linux/compiler.h>

#ifdef __cplusplus
#define __shim_static_assert(expr, msg) static_assert(expr, msg)
#else
#define __shim_static_assert(expr, msg) _Static_assert(expr, msg)
#endif

#define BUILD_BUG_ON_MSG(cond, msg) \
	do { __shim_static_assert(!(cond), msg); } while (0)
#define BUILD_BUG_ON(condition) \
	BUILD_BUG_ON_MSG(condition, "BUILD_BUG_ON failed: " #condition)
#define BUILD_BUG() BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))
#define BUILD_BUG_ON_INVALID(e) ((void)(sizeof((long)(e))))
#ifndef __cplusplus
#undef static_assert
#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...) __shim_static_assert(expr, msg)
#endif

#endif /* _LINUX_BUILD_BUG_H */
