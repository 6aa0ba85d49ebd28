/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space only: a herd7 C litmus test as scripts/litmus translates it
 * (Documentation/dev-tools/lkmm.rst), and the driver that runs it under
 * the scheduler (litmus_main.c).
 */
#ifndef _TOOLS_LITMUS_H
#define _TOOLS_LITMUS_H

#include <stdbool.h>

#define LITMUS_MAX_THREADS 8
#define LITMUS_MAX_STATE 32

struct litmus_test {
	const char *name;
	unsigned int nr_threads;
	/* The init block: every location to its initial value. */
	void (*init)(void);
	void *(*thread[LITMUS_MAX_THREADS])(void *);
	/* What a final state shows ("1:r0", "x"), and reading it. */
	unsigned int nr_state;
	const char *const *state_names;
	void (*collect)(long *state);
	/* A pointer value as herd7 names it ("x" for &x), or NULL. */
	const char *(*pointer_name)(unsigned int i, long value);
	bool (*filter)(const long *state);	/* NULL: none */
	bool (*proposition)(const long *state);
};

/* The tests a generated file defines, ended by a NULL name. */
extern const struct litmus_test *const litmus_tests[];

#endif /* _TOOLS_LITMUS_H */
