// SPDX-License-Identifier: GPL-2.0-only
//
// Which tests run, and with which seed (select.h).
#include "select.h"

#include <cctype>

namespace harness {

uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t test_seed(uint64_t base, const std::string &name)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (unsigned char ch : name)
		h = (h ^ ch) * 0x100000001b3ULL;
	return mix64(base ^ h);
}

bool filter_matches(const Filter &f, const TestCase &c)
{
	switch (f.kind) {
	case 't': case 'T':
		return f.name == c.test->name;
	case 'f': case 'F':
		return f.name == c.fixture->name;
	case 'v': case 'V':
		return f.name == c.variant->name;
	default:
		return f.name == c.full_name;
	}
}

bool enabled(const std::vector<Filter> &filters, const TestCase &c)
{
	bool has_positive = false;
	for (const Filter &f : filters) {
		bool include = f.kind == 'r' || std::islower(f.kind);
		has_positive |= include;
		if (filter_matches(f, c))
			return include;
	}
	return !has_positive;
}

} // namespace harness
