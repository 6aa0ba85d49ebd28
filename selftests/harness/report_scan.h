// SPDX-License-Identifier: GPL-2.0-only
//
// Finds sanitizer and kernel-format reports in what a test printed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace harness {

struct Report {
	std::string headline;	// "WARNING: ThreadSanitizer: data race ..."
	std::string detail;	// SUMMARY: line, or a WARN's message line
};

// Every report in @text, in the order printed.
std::vector<Report> scan_reports(std::string_view text);

// The line is part of the harness's own chatter (TH_LOG, SKIP, ...).
bool is_harness_line(std::string_view line);

std::vector<std::string_view> split_lines(std::string_view text);

} // namespace harness
