/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tracepoints compile but are never enabled: trace_<name>() calls are
 * no-ops and tracepoint_enabled() is false.
 */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

#include <linux/compiler.h>
#include <linux/export.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>
#include <linux/refcount_types.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>

#define DECLARE_TRACEPOINT(tp) extern int __tracepoint_##tp##_unused
#define tracepoint_enabled(tp) 0
#define TP_PROTO(args...) args
#define TP_ARGS(args...) args
#define TP_STRUCT__entry(args...) args
#define TP_fast_assign(args...) args
#define TP_printk(fmt, args...) fmt, args
#define DECLARE_TRACE(name, proto, args)                        \
	static inline void trace_##name(proto) {}               \
	static inline bool trace_##name##_enabled(void) { return false; }
#define DEFINE_TRACE(name, proto, args)
#define TRACE_EVENT(name, proto, args, tstruct, assign, print) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)
#define DEFINE_EVENT(template, name, proto, args) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define PARAMS(args...) args

#include <linux/mmdebug.h>

#endif /* _LINUX_TRACEPOINT_H */
