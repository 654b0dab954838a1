/* xc-query.cc - building Xapian query trees. */
#include <config.h>

#include <cstdlib>
#include <memory>
#include <vector>

#include "xc-private.hh"

/* Indexed by xc_op. */
static const Xapian::Query::op xc_ops[] = {
	Xapian::Query::OP_AND,
	Xapian::Query::OP_OR,
	Xapian::Query::OP_AND_NOT,
	Xapian::Query::OP_AND_MAYBE,
	Xapian::Query::OP_FILTER,
	Xapian::Query::OP_PHRASE,
	Xapian::Query::OP_NEAR,
	Xapian::Query::OP_SYNONYM,
	Xapian::Query::OP_ELITE_SET,
	Xapian::Query::OP_MAX,
};

static_assert(sizeof xc_ops / sizeof xc_ops[0] == XC_OP_MAX + 1,
	      "xc_ops must cover every xc_op");

/* Wrap @q in a new handle; throws std::bad_alloc. */
static xc_status
xc_query_new(const Xapian::Query &q, xc_query **out)
{
	*out = new xc_query(q);
	return XC_OK;
}

xc_status
xc_query_term(const char *term, size_t len, unsigned wqf, unsigned pos,
	      xc_query **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(term && out, err);
	try {
		return xc_query_new(Xapian::Query(std::string(term, len), wqf,
						  pos), out);
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

/* Xapian estimates how many documents a synonym group matches from a tree
 * of two-way ORs, rounding at every node, and each database of a sharded
 * index shapes that tree by its own term frequencies: the same group
 * could weigh differently in each shard and in one index.  A group of at
 * most two parts per node has one shape everywhere, so it is built that
 * way, halves nested. */
static Xapian::Query
xc_synonym_pairs(std::vector<Xapian::Query>::const_iterator begin,
		 std::vector<Xapian::Query>::const_iterator end)
{
	auto n = end - begin;

	if (n <= 2)
		return Xapian::Query(Xapian::Query::OP_SYNONYM, begin, end);
	return Xapian::Query(Xapian::Query::OP_SYNONYM,
			     xc_synonym_pairs(begin, begin + n / 2),
			     xc_synonym_pairs(begin + n / 2, end));
}

xc_status
xc_query_combine(xc_op op, xc_query *const *subs, size_t n, unsigned param,
		 xc_query **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(out && (subs || n == 0), err);
	if (static_cast<unsigned>(op) > XC_OP_MAX)
		return xc_fail(err, XC_ERR_INVALID, "unknown query operator %d",
			       static_cast<int>(op));
	for (size_t i = 0; i < n; i++)
		if (!subs[i])
			return xc_fail(err, XC_ERR_INVALID,
				       "subquery %zu of %zu is NULL", i, n);
	try {
		std::vector<Xapian::Query> v;

		if (n == 0)
			return xc_query_new(Xapian::Query(), out);
		v.reserve(n);
		for (size_t i = 0; i < n; i++)
			v.push_back(subs[i]->q);
		/* only these operators take a parameter */
		if (op != XC_OP_PHRASE && op != XC_OP_NEAR &&
		    op != XC_OP_ELITE_SET)
			param = 0;
		if (op == XC_OP_SYNONYM)
			return xc_query_new(xc_synonym_pairs(v.begin(),
							     v.end()), out);
		return xc_query_new(Xapian::Query(xc_ops[op], v.begin(),
						  v.end(), param), out);
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_query_scale(const xc_query *q, double factor, xc_query **out,
	       xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(q && out, err);
	try {
		return xc_query_new(Xapian::Query(
			Xapian::Query::OP_SCALE_WEIGHT, q->q, factor), out);
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_query_fixed_weight(const xc_query *filter, double weight, xc_query **out,
		      xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(filter && out && weight >= 0, err);
	try {
		std::unique_ptr<Xapian::FixedWeightPostingSource> src(
			new Xapian::FixedWeightPostingSource(weight));
		/* the query owns the source from here */
		Xapian::Query fixed(src.release()->release());

		return xc_query_new(Xapian::Query(Xapian::Query::OP_FILTER,
						  fixed, filter->q), out);
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_query_value_range(unsigned slot, const char *lo, const char *hi,
		     xc_query **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(out, err);
	/* Xapian reads OP_VALUE_GE "" as every document, with or without a
	 * value: refuse the range that bounds nothing rather than guess */
	if (!lo && !hi)
		return xc_fail(err, XC_ERR_INVALID,
			       "value range on slot %u has no bound", slot);
	try {
		if (lo && hi)
			return xc_query_new(Xapian::Query(
				Xapian::Query::OP_VALUE_RANGE, slot, lo, hi),
				out);
		if (lo)
			return xc_query_new(Xapian::Query(
				Xapian::Query::OP_VALUE_GE, slot, lo), out);
		return xc_query_new(Xapian::Query(
			Xapian::Query::OP_VALUE_LE, slot, hi), out);
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_query_wildcard(const char *prefix, unsigned max_expansion, xc_query **out,
		  xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(prefix && out, err);
	try {
		/* with a limit, keep the most frequent terms rather than fail
		 * the search (WILDCARD_LIMIT_ERROR) or keep the first ones */
		int limit = max_expansion ?
			Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT :
			Xapian::Query::WILDCARD_LIMIT_ERROR;

		return xc_query_new(Xapian::Query(Xapian::Query::OP_WILDCARD,
						  prefix, max_expansion, limit,
						  Xapian::Query::OP_SYNONYM),
				    out);
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

int
xc_query_is_empty(const xc_query *q)
{
	return !q || q->q.empty();
}

xc_status
xc_query_match_all(xc_query **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(out, err);
	try {
		return xc_query_new(Xapian::Query::MatchAll, out);
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

xc_status
xc_query_describe(const xc_query *q, char **out, xc_error *err)
{
	if (out)
		*out = NULL;
	XC_NEED(q && out, err);
	try {
		xc_dup(q->q.get_description(), out, NULL);
		return XC_OK;
	} catch (...) {
		return xc_error_from_exception(err);
	}
}

void
xc_query_destroy(xc_query *q)
{
	delete q;
}
