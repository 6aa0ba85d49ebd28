// SPDX-License-Identifier: GPL-2.0-only
//
// Which tests run, and with which seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "options.h"
#include "registry.h"

namespace harness {

// splitmix64's finalizer: every seed the runner derives goes through it.
uint64_t mix64(uint64_t z);

// A test's seed depends only on the base seed and its name, so a failure
// reproduces with the same --seed whatever filters or shards select it.
uint64_t test_seed(uint64_t base, const std::string &name);

// Whether filter @f names test @c.
bool filter_matches(const Filter &f, const TestCase &c);

// kselftest's rule: the first matching filter decides; with no match a
// test runs unless some filter was an inclusion.
bool enabled(const std::vector<Filter> &filters, const TestCase &c);

} // namespace harness
