// SPDX-License-Identifier: GPL-2.0-only
//
// Where each test's log goes, and reading it back.
#pragma once

#include <string>

#include "options.h"

namespace harness {

// --log-dir, else $VMALOCK_LOG_DIR, else a folder of its own under
// ${TMPDIR:-/tmp}/vmalock-logs, which is cleaned of runs a day old.
std::string choose_log_dir(const Options &o);

std::string read_file(const std::string &path);

} // namespace harness
