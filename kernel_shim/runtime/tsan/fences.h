// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the TSan fence model's per-task state (fences.cc), for
// the scheduler that runs every task on one thread. Nothing to keep in
// builds without TSan.
#pragma once

#include <linux/compiler_types.h>

#ifdef CONFIG_SHIM_TSAN
extern "C" {
// The calling thread's state, to hand back to shim_tsan_fences_restore().
void *shim_tsan_fences_save(void);
void shim_tsan_fences_restore(void *part);
// The calling task ends: its state goes.
void shim_tsan_fences_exit(void);
// What @addr carries after a store (NULL: nothing), for the LKMM model
// to keep with it;
// a load that reads that store takes it (acquires it if @acquire).
void *shim_tsan_cells_snapshot(const volatile void *addr);
void shim_tsan_cells_free(void *snapshot);
void shim_tsan_loaded_from(void *snapshot, bool acquire);
}
#else
static inline void *shim_tsan_fences_save(void)
{
	return nullptr;
}
static inline void shim_tsan_fences_restore(void *)
{
}
static inline void shim_tsan_fences_exit(void)
{
}
static inline void *shim_tsan_cells_snapshot(const volatile void *)
{
	return nullptr;
}
static inline void shim_tsan_cells_free(void *)
{
}
static inline void shim_tsan_loaded_from(void *, bool)
{
}
#endif
