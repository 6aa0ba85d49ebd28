// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VMA tree (see <linux/maple_tree.h> for the design). Everything a
 * reader can reach is immutable once published; updates replace whole
 * leaves and the top array and free the old ones after a grace period.
 */
#include <linux/maple_tree.h>
#include <linux/slab.h>
#include <linux/string.h>

/* Leaves are refilled to this, so that neighbouring stores touch one. */
#define MT_LEAF_FILL (MT_LEAF_MAX * 3 / 4)

void mt_init_flags(struct maple_tree *mt, unsigned int flags)
{
	RCU_INIT_POINTER(mt->ma_root, NULL);
	mt->ma_flags = flags;
}

static struct mt_top *mt_root(struct maple_tree *mt)
{
	return rcu_dereference_check(mt->ma_root, 1);
}

unsigned long mtree_count(struct maple_tree *mt)
{
	struct mt_top *top;
	unsigned long n;

	rcu_read_lock();
	top = mt_root(mt);
	n = top ? top->count : 0;
	rcu_read_unlock();
	return n;
}

/* The leaf that holds @index if any range does: the last one starting <= it. */
static int mt_leaf_for(const struct mt_top *top, unsigned long index)
{
	int lo = 0, hi = (int)top->nr - 1, ans = 0;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (top->leaves[mid]->r[0].first <= index) {
			ans = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return ans;
}

/* In @leaf: the last range starting <= @index, or -1. */
static int mt_slot_for(const struct mt_leaf *leaf, unsigned long index)
{
	int lo = 0, hi = (int)leaf->nr - 1, ans = -1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (leaf->r[mid].first <= index) {
			ans = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return ans;
}

/*
 * Position (leaf, slot) of the last range starting <= @index; slot -1
 * means every range starts after @index.
 */
static void mt_locate(const struct mt_top *top, unsigned long index,
		      int *leaf, int *slot)
{
	*leaf = mt_leaf_for(top, index);
	*slot = mt_slot_for(top->leaves[*leaf], index);
}

static const struct mt_range *mt_at(const struct mt_top *top, int leaf,
				    int slot)
{
	return &top->leaves[leaf]->r[slot];
}

/* Step to the next range; false at the end. */
static bool mt_step(const struct mt_top *top, int *leaf, int *slot)
{
	if (*slot + 1 < (int)top->leaves[*leaf]->nr) {
		(*slot)++;
		return true;
	}
	if (*leaf + 1 < (int)top->nr) {
		(*leaf)++;
		*slot = 0;
		return true;
	}
	return false;
}

void *mtree_load(struct maple_tree *mt, unsigned long index)
{
	MA_STATE(mas, mt, index, index);

	return mas_walk(&mas);
}

void *mas_walk(struct ma_state *mas)
{
	const struct mt_top *top = mt_root(mas->tree);
	const struct mt_range *r;
	unsigned long index = mas->index;
	int leaf, slot;

	mas->index = 0;
	mas->last = ULONG_MAX;
	if (!top || !top->nr)
		return NULL;
	mt_locate(top, index, &leaf, &slot);
	if (slot >= 0) {
		r = mt_at(top, leaf, slot);
		if (index <= r->last) {
			mas->index = r->first;
			mas->last = r->last;
			return r->entry;
		}
		mas->index = r->last + 1;
	}
	/* In a gap: bound it by the next range. */
	if (slot < 0 || mt_step(top, &leaf, &slot))
		mas->last = mt_at(top, leaf, slot < 0 ? 0 : slot)->first - 1;
	return NULL;
}

void *mas_find(struct ma_state *mas, unsigned long max)
{
	const struct mt_top *top = mt_root(mas->tree);
	const struct mt_range *r;
	int leaf, slot;

	if (!top || !top->nr)
		return NULL;
	mt_locate(top, mas->index, &leaf, &slot);
	if (slot < 0)
		slot = 0;
	else if (mt_at(top, leaf, slot)->last < mas->index &&
		 !mt_step(top, &leaf, &slot))
		return NULL;
	r = mt_at(top, leaf, slot);
	if (r->first > max)
		return NULL;
	mas->index = r->first;
	mas->last = r->last;
	return r->entry;
}

void *mas_next(struct ma_state *mas, unsigned long max)
{
	if (mas->last == ULONG_MAX)
		return NULL;
	mas->index = mas->last + 1;
	return mas_find(mas, max);
}

void *mas_prev(struct ma_state *mas, unsigned long min)
{
	const struct mt_top *top = mt_root(mas->tree);
	const struct mt_range *r;
	int leaf, slot;

	if (!top || !top->nr || !mas->index)
		return NULL;
	mt_locate(top, mas->index - 1, &leaf, &slot);
	if (slot < 0)
		return NULL;
	r = mt_at(top, leaf, slot);
	if (r->last < min)
		return NULL;
	mas->index = r->first;
	mas->last = r->last;
	return r->entry;
}

static void mt_free_leaf(struct rcu_head *head)
{
	kfree(container_of(head, struct mt_leaf, rcu));
}

static void mt_free_top(struct rcu_head *head)
{
	kfree(container_of(head, struct mt_top, rcu));
}

static struct mt_top *mt_alloc_top(unsigned int nr, gfp_t gfp)
{
	return kzalloc(sizeof(struct mt_top) + nr * sizeof(struct mt_leaf *),
		       gfp);
}

/*
 * Replace leaves [lo, hi] of the old top with leaves holding @ranges
 * (sorted, @n of them) and publish the result.
 */
static int mt_replace(struct maple_tree *mt, struct mt_top *old, int lo,
		      int hi, const struct mt_range *ranges, unsigned int n,
		      gfp_t gfp)
{
	unsigned int old_nr = old ? old->nr : 0;
	unsigned int removed = old ? hi - lo + 1 : 0;
	unsigned int added = (n + MT_LEAF_FILL - 1) / MT_LEAF_FILL;
	unsigned int nr = old_nr - removed + added, i, j, k = 0;
	unsigned long count = 0;
	struct mt_top *top = NULL;

	if (nr) {
		top = mt_alloc_top(nr, gfp);
		if (!top)
			return -ENOMEM;
	}
	for (i = 0; old && i < (unsigned int)lo; i++)
		top->leaves[k++] = old->leaves[i];
	for (i = 0; i < added; i++) {
		/* Spread the ranges evenly over the new leaves. */
		unsigned int from = (unsigned long)n * i / added;
		unsigned int to = (unsigned long)n * (i + 1) / added;
		struct mt_leaf *leaf = kzalloc(sizeof(*leaf), gfp);

		if (!leaf) {
			while (i--)
				kfree(top->leaves[--k]);
			kfree(top);
			return -ENOMEM;
		}
		leaf->nr = to - from;
		for (j = from; j < to; j++)
			leaf->r[j - from] = ranges[j];
		top->leaves[k++] = leaf;
	}
	for (i = old ? hi + 1 : 0; old && i < old_nr; i++)
		top->leaves[k++] = old->leaves[i];
	if (top) {
		top->nr = nr;
		for (i = 0; i < nr; i++)
			count += top->leaves[i]->nr;
		top->count = count;
	}

	rcu_assign_pointer(mt->ma_root, top);
	if (old) {
		for (i = lo; i <= (unsigned int)hi; i++)
			call_rcu(&old->leaves[i]->rcu, mt_free_leaf);
		call_rcu(&old->rcu, mt_free_top);
	}
	return 0;
}

static void mt_push(struct mt_range *out, unsigned int *n, unsigned long first,
		    unsigned long last, void *entry)
{
	out[(*n)++] = (struct mt_range){ first, last, entry };
}

int mas_store_gfp(struct ma_state *mas, void *entry, gfp_t gfp)
{
	struct maple_tree *mt = mas->tree;
	struct mt_top *old = rcu_dereference_protected(mt->ma_root, 1);
	unsigned long first = mas->index, last = mas->last;
	struct mt_range *out;
	unsigned int n = 0;
	int lo = 0, hi = -1, i, ret;

	if (first > last)
		return -EINVAL;
	/*
	 * Only the leaves from the one holding the last range that starts
	 * at or before @first to the one for @last can change.
	 */
	if (old && old->nr) {
		lo = mt_leaf_for(old, first);
		hi = mt_leaf_for(old, last);
	}
	out = kmalloc_array((hi - lo + 1) * MT_LEAF_MAX + 3, sizeof(*out),
			    gfp);
	if (!out)
		return -ENOMEM;
	for (i = lo; i <= hi; i++) {
		const struct mt_leaf *leaf = old->leaves[i];
		unsigned int s;

		for (s = 0; s < leaf->nr; s++) {
			struct mt_range r = leaf->r[s];

			if (r.last < first) {
				out[n++] = r;
				continue;
			}
			if (r.first > last) {
				if (entry) {
					mt_push(out, &n, first, last, entry);
					entry = NULL;
				}
				out[n++] = r;
				continue;
			}
			/* Overlaps: what sticks out keeps its entry. */
			if (r.first < first)
				mt_push(out, &n, r.first, first - 1, r.entry);
			if (entry) {
				mt_push(out, &n, first, last, entry);
				entry = NULL;
			}
			if (r.last > last)
				mt_push(out, &n, last + 1, r.last, r.entry);
		}
	}
	if (entry)
		mt_push(out, &n, first, last, entry);
	ret = (old || n) ? mt_replace(mt, old, lo, hi, out, n, gfp) : 0;
	kfree(out);
	return ret;
}

void *mas_erase(struct ma_state *mas)
{
	void *entry = mas_walk(mas);

	if (entry)
		mas_store_gfp(mas, NULL, GFP_KERNEL);
	return entry;
}

void __mt_destroy(struct maple_tree *mt)
{
	struct mt_top *top = rcu_dereference_protected(mt->ma_root, 1);
	unsigned int i;

	RCU_INIT_POINTER(mt->ma_root, NULL);
	if (!top)
		return;
	for (i = 0; i < top->nr; i++)
		call_rcu(&top->leaves[i]->rcu, mt_free_leaf);
	call_rcu(&top->rcu, mt_free_top);
}
