// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the explorer behind a C interface (sched_explore.h).
#include "sched_explore.h"

#include <memory>
#include <optional>
#include <vector>

#include "sched_plan.h"

struct harness_explorer {
	harness::Explorer explorer;
	std::optional<harness::Token> token;	// what the params point into
	std::vector<shim_sched_choice> choices;
};

namespace {

constexpr unsigned kChoices = 1u << 16;

} // namespace

extern "C" {

struct harness_explorer *harness_explorer_new(const char *strategy,
					      uint64_t seed, unsigned int runs)
{
	std::optional<harness::SchedSpec> spec =
		harness::parse_sched_spec(strategy);
	if (!spec || spec->strategy == SHIM_SCHED_OFF)
		return nullptr;
	auto e = std::make_unique<harness_explorer>(harness_explorer{
		harness::Explorer(*spec, seed, runs), std::nullopt,
		std::vector<shim_sched_choice>(kChoices) });
	return e.release();
}

bool harness_explorer_next(struct harness_explorer *e,
			   struct shim_sched_params *p)
{
	e->token = e->explorer.next();
	if (!e->token)
		return false;
	*p = shim_sched_params{};
	harness::apply_token(*e->token, *p);
	p->choices = e->choices.data();
	p->choices_cap = kChoices;
	return true;
}

void harness_explorer_finished(struct harness_explorer *e,
			       const struct shim_sched_result *r)
{
	e->explorer.finished(r->steps, e->choices.data(), r->nr_choices,
			     r->choices_truncated);
}

bool harness_explorer_exhausted(const struct harness_explorer *e)
{
	return e->explorer.exhausted() && !e->explorer.incomplete();
}

unsigned int harness_explorer_count(const struct harness_explorer *e)
{
	return e->explorer.count();
}

void harness_explorer_free(struct harness_explorer *e)
{
	delete e;
}

} // extern "C"
