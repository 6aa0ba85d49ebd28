// SPDX-License-Identifier: GPL-2.0-only
//
// The tests a program registered, in declaration order, expanded into the
// runnable (fixture, variant, test) cases.
#pragma once

#include <string>
#include <vector>

#include "harness_abi.h"

namespace harness {

struct TestCase {
	__fixture_metadata *fixture;
	__fixture_variant_metadata *variant;
	__test_metadata *test;
	std::string full_name;	// fixture[.variant].test
	bool xfail;
};

// Every registered case, fixtures and variants in declaration order.
std::vector<TestCase> all_cases();


} // namespace harness
