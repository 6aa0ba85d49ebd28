// SPDX-License-Identifier: GPL-2.0-only
//
// Where each test's log goes (logs.h).
#include "logs.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace harness {

namespace {

// ${TMPDIR:-/tmp}/vmalock-logs: where each run's default log folder is.
std::string default_log_base()
{
	const char *tmp = std::getenv("TMPDIR");
	return std::string(tmp && *tmp ? tmp : "/tmp") + "/vmalock-logs";
}

// Runs leave a folder only when a test failed; a day later it goes.
void remove_old_logs()
{
	namespace fs = std::filesystem;
	std::error_code ec;
	auto day_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
	for (const fs::directory_entry &e :
	     fs::directory_iterator(default_log_base(), ec)) {
		std::error_code entry_ec;
		if (e.last_write_time(entry_ec) < day_ago && !entry_ec)
			fs::remove_all(e.path(), entry_ec);
	}
}

} // namespace

std::string read_file(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	std::ostringstream s;
	s << in.rdbuf();
	return s.str();
}

std::string choose_log_dir(const Options &o)
{
	if (!o.log_dir.empty())
		return o.log_dir;
	if (const char *env = std::getenv("VMALOCK_LOG_DIR"))
		return env;
	remove_old_logs();
	std::string prog = std::filesystem::path(o.argv0).filename();
	return default_log_base() + "/" + prog + "." + std::to_string(getpid());
}

} // namespace harness
