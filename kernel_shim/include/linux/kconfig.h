/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Force-included into every C file (as the kernel's Makefile does), so the
 * CONFIG_* macros and IS_ENABLED() are always there.
 */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#include <generated/autoconf.h>

/*
 * IS_ENABLED(CONFIG_FOO) is 1 when CONFIG_FOO is defined to 1 and 0 when it
 * is not defined: the placeholder trick turns "defined to 1" into an extra
 * macro argument that shifts the value 1 into place.
 */
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)

#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) 0
#define IS_REACHABLE(option) __is_defined(option)
#define IS_ENABLED(option) __is_defined(option)

#endif /* _LINUX_KCONFIG_H */
