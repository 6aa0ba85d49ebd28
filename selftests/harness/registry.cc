// SPDX-License-Identifier: GPL-2.0-only
//
// Registration entry points called from the constructors that the
// kselftest_harness.h macros emit.
#include "registry.h"

#include <algorithm>

namespace harness {
namespace {

struct Fixture {
	__fixture_metadata *meta;
	std::vector<__fixture_variant_metadata *> variants;
	std::vector<__test_metadata *> tests;
};

// Constructors run before main() in an order we do not control, so the
// registry is a function-local static rather than a global object.
struct Registry {
	// "global" holds the TEST()s and is always listed first.
	std::vector<Fixture> fixtures{ Fixture{ &_fixture_global, {}, {} } };
	std::vector<__test_xfail *> xfails;

	Fixture &fixture(__fixture_metadata *meta)
	{
		auto it = std::find_if(fixtures.begin(), fixtures.end(),
				       [meta](const Fixture &f) {
					       return f.meta == meta;
				       });
		if (it != fixtures.end())
			return *it;
		fixtures.push_back(Fixture{ meta, {}, {} });
		return fixtures.back();
	}
};

Registry &registry()
{
	static Registry r;
	return r;
}

} // namespace

std::vector<TestCase> all_cases()
{
	static __fixture_variant_metadata no_variant = { "", nullptr };
	std::vector<TestCase> cases;

	for (Fixture &f : registry().fixtures) {
		std::vector<__fixture_variant_metadata *> variants = f.variants;
		if (variants.empty())
			variants.push_back(&no_variant);
		for (__fixture_variant_metadata *v : variants) {
			for (__test_metadata *t : f.tests) {
				std::string name = f.meta->name;
				if (v->name[0])
					name += std::string(".") + v->name;
				name += std::string(".") + t->name;
				bool xfail = std::any_of(
					registry().xfails.begin(),
					registry().xfails.end(),
					[&](const __test_xfail *x) {
						return x->fixture == f.meta &&
						       x->variant == v &&
						       x->test == t;
					});
				cases.push_back(TestCase{ f.meta, v, t, name,
							  xfail });
			}
		}
	}
	return cases;
}


} // namespace harness

extern "C" {

struct __fixture_metadata _fixture_global = { "global" };

void __register_fixture(struct __fixture_metadata *f)
{
	harness::registry().fixture(f);
}

void __register_fixture_variant(struct __fixture_metadata *f,
				struct __fixture_variant_metadata *variant)
{
	harness::registry().fixture(f).variants.push_back(variant);
}

void __register_test(struct __test_metadata *t)
{
	harness::registry().fixture(t->fixture).tests.push_back(t);
}

void __register_xfail(struct __test_xfail *xf)
{
	harness::registry().xfails.push_back(xf);
}

} // extern "C"
