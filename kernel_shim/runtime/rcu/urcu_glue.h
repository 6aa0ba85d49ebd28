/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only liburcu calls the shim makes. urcu_glue.cc is the one file that
 * includes liburcu's headers (whose struct rcu_head would clash with the
 * kernel's), and it calls liburcu's out-of-line functions, never its
 * inline fast paths, so that no liburcu code is compiled with TSan.
 */
#pragma once

namespace shim::urcu {

void register_thread();
void unregister_thread();
void read_lock();
void read_unlock();
void synchronize();

} // namespace shim::urcu
