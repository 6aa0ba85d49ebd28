/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#include <stddef.h>

#ifndef __cplusplus
#include <stdbool.h>
#endif

#define offsetofend(TYPE, MEMBER) \
	(offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

#endif /* _LINUX_STDDEF_H */
