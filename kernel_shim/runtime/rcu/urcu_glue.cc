// SPDX-License-Identifier: GPL-2.0-only
#include "urcu_glue.h"

#undef _LGPL_SOURCE	// the library's functions, not its inline versions
#include <urcu/urcu-memb.h>

namespace shim::urcu {

void register_thread()
{
	urcu_memb_register_thread();
}

void unregister_thread()
{
	urcu_memb_unregister_thread();
}

void read_lock()
{
	urcu_memb_read_lock();
}

void read_unlock()
{
	urcu_memb_read_unlock();
}

void synchronize()
{
	urcu_memb_synchronize_rcu();
}

} // namespace shim::urcu
