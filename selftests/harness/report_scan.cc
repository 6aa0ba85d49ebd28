// SPDX-License-Identifier: GPL-2.0-only
#include "report_scan.h"

namespace harness {
namespace {

bool starts_with(std::string_view s, std::string_view p)
{
	return s.substr(0, p.size()) == p;
}

bool contains(std::string_view s, std::string_view p)
{
	return s.find(p) != std::string_view::npos;
}

// Sanitizers prefix some lines with "==PID==".
std::string_view strip_pid_prefix(std::string_view line)
{
	if (!starts_with(line, "=="))
		return line;
	size_t end = line.find("==", 2);
	if (end == std::string_view::npos)
		return line;
	for (size_t i = 2; i < end; i++)
		if (line[i] < '0' || line[i] > '9')
			return line;
	return line.substr(end + 2);
}

enum class Kind { none, sanitizer, ubsan, kernel };

Kind classify(std::string_view raw)
{
	std::string_view line = strip_pid_prefix(raw);
	if (starts_with(line, "WARNING: ThreadSanitizer:") ||
	    starts_with(line, "ERROR: AddressSanitizer:") ||
	    starts_with(line, "ERROR: LeakSanitizer:"))
		return Kind::sanitizer;
	if (contains(line, ": runtime error: "))
		return Kind::ubsan;
	if (starts_with(line, "WARNING: ") || starts_with(line, "BUG: ") ||
	    starts_with(line, "kernel BUG at ") ||
	    starts_with(line, "INFO: task "))
		return Kind::kernel;
	return Kind::none;
}

} // namespace

std::vector<std::string_view> split_lines(std::string_view text)
{
	std::vector<std::string_view> lines;
	while (!text.empty()) {
		size_t nl = text.find('\n');
		if (nl == std::string_view::npos) {
			lines.push_back(text);
			break;
		}
		lines.push_back(text.substr(0, nl));
		text.remove_prefix(nl + 1);
	}
	return lines;
}

bool is_harness_line(std::string_view line)
{
	return starts_with(line, "#");
}

std::vector<Report> scan_reports(std::string_view text)
{
	std::vector<Report> reports;
	std::vector<std::string_view> lines = split_lines(text);

	for (size_t i = 0; i < lines.size(); i++) {
		Kind kind = classify(lines[i]);
		if (kind == Kind::none)
			continue;
		Report r{ std::string(strip_pid_prefix(lines[i])), "" };
		if (kind == Kind::sanitizer) {
			for (size_t j = i + 1; j < lines.size(); j++) {
				if (starts_with(lines[j], "SUMMARY: ")) {
					r.detail = lines[j];
					break;
				}
			}
		} else if (kind == Kind::ubsan) {
			r.detail = "SUMMARY: UndefinedBehaviorSanitizer";
		} else if (i >= 2 && contains(lines[i - 2], "[ cut here ]")) {
			// WARN(cond, fmt): the message sits between the
			// "cut here" marker and the WARNING line.
			r.detail = lines[i - 1];
		}
		reports.push_back(std::move(r));
	}
	return reports;
}

} // namespace harness
